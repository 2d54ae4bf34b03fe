// Internal: a std::allocator for large tables that are read at random (the
// NER weight table): on Linux, blocks of 2 MB or more are aligned to 2 MB and
// marked for transparent huge pages (madvise), so that random reads over
// them miss the TLB far less often. Smaller blocks, other systems, or a
// kernel that declines, get ordinary pages; the contents are the same.
#ifndef RASD_CORE_HUGE_PAGES_H_
#define RASD_CORE_HUGE_PAGES_H_

#include <cstddef>
#include <cstdlib>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace rasd {

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHuge = size_t{2} << 20;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= kHuge) {
      const size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
      void* p = std::aligned_alloc(kHuge, rounded);
      if (p == nullptr) throw std::bad_alloc();
      madvise(p, rounded, MADV_HUGEPAGE);  // advice only: failure is harmless
      return static_cast<T*>(p);
    }
#endif
    return static_cast<T*>(::operator new(bytes));
  }
  void deallocate(T* p, size_t n) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (n * sizeof(T) >= kHuge) {
      std::free(p);
      return;
    }
#endif
    ::operator delete(p);
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

}  // namespace rasd

#endif  // RASD_CORE_HUGE_PAGES_H_
