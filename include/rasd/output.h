// JSON output in the exact format of shared/spec/EVENTS.md: one event per
// line for `rasd code`, one document per line for `rasd annotate`.
// Offsets are converted from internal byte spans to code points here.
//
// Thread-safety: free functions; the CodePointIndex is per caller.
#ifndef RASD_OUTPUT_H_
#define RASD_OUTPUT_H_

#include <string>
#include <string_view>

#include "rasd/document.h"

namespace rasd {

// Appends `s` as a JSON string literal (with quotes) to *out.
void AppendJsonString(std::string_view s, std::string* out);

// Appends one event object (no trailing newline). `cpi` must be built over
// doc.text.
void AppendEventJson(const Event& ev, const Document& doc, const CodePointIndex& cpi, std::string* out);

// Appends one annotate object (doc, sentences, mentions, events).
void AppendAnnotationJson(const AnnotatedDocument& ad, const CodePointIndex& cpi, std::string* out);

}  // namespace rasd

#endif  // RASD_OUTPUT_H_
