// Compiles a small dictionary of our own, then checks the file format, the
// matcher and the recognisers built on it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lexicon/compiler.h"
#include "lexicon/lexicon.h"
#include "lexicon/recognizer.h"
#include "pipeline/stages.h"

namespace rasd::lexicon {
namespace {

namespace fs = std::filesystem;

void Write(const fs::path& p, const std::string& s) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << s;
}

class LexiconTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("rasd_lex_test_" + std::to_string(getpid())));
    const fs::path d = *dir_;
    Write(d / "lexicon/countries.tsv",
          "# test\nDZA\tname\tالجزائر\tAlgeria\nDZA\tnisba\tجزائري\nUSA\tname\tأمريكا\nUSA\tnisba\tأمريكي\n"
          "USA\tcapital\tواشنطن\nRUS\tname\tروسيا\nRUS\tnisba\tروسي\nLBY\tname\tليبيا\nLBN\tname\tلبنان\n");
    Write(d / "lexicon/agents.tsv", "MIL\tوزارة الدفاع\nMIL\tجنرال\nCOP\tمصدر أمني\nGOV\tوزير الخارجية\nMIL\tعسكري\nGOV\tمسؤول\n");
    Write(d / "lexicon/organizations.tsv", "IMGISI\tتنظيم الدولة الإسلامية\nIMGISI\tداعش\nYEMREB\tالحوثيون\nAFGINS\tطالبان\n");
    Write(d / "lexicon/people.tsv",
          "DZAGOV\t2012-09-03\t2017-05-24\tعبد المالك سلال\nRUSGOV\t2004-03-09\t\tسيرغي لافروف\n");
    Write(d / "lexicon/places-curated.tsv",
          "طرابلس\tTripoli\tLBY\t32.89\t13.19\tcapital\t1000000\nطرابلس\tTripoli\tLBN\t34.43\t35.84\tcity\t200000\n"
          "ليبيا\tLibya\tLBY\t25\t17\tcountry\t0\nلبنان\tLebanon\tLBN\t33.9\t35.9\tcountry\t0\n"
          "بن جواد\tBin Jawad\tLBY\t30.8\t18.1\tsite\t0\n");
    Write(d / "lexicon/dates.tsv",
          "month\t2\tفبراير\nmonth\t2\tفيفري\nmonth\t2\tشباط\nweekday\t2\tالثلاثاء\nrelative\tday:0\tاليوم\n"
          "relative\tday:-1\tأمس\nrelative\tmonth:+1\tالشهر المقبل\nunit\tweek\tأسبوع\nunit\tday\tيوم\nunit\tday\tأيام\n"
          "past_marker\t0\tالماضي\nnumber\t3\tثلاثة\n");
    Write(d / "cameo/codes.tsv",
          "cameo\troot\tname\tgoldstein\tquad_class\tplover_event\tplover_mode\n042\t04\tMake a visit\t1.9\t1\tCONSULT\tvisit\n"
          "043\t04\tHost a visit\t2.8\t1\tCONSULT\thost\n190\t19\tFight\t-10\t4\tASSAULT\t\n");
    Write(d / "triggers/verbs.tsv", "042\tزار\tيزور\tزيارة\tobj\t\n043\tاستقبل\tيستقبل\tاستقبال\tobj\t\n040\tالتقى\tيلتقي\tلقاء\tobj\tsym\n010\tقال\tيقول\t-\tnone\tspeech\n");
    Write(d / "triggers/nouns.tsv", "190\tشن+هجوم\tlight\t\n");
    Write(d / "triggers/cues.tsv", "speech\tقال\t\nanonymous\tمصدر\t\nnegation\tلم\t\n");
    CompileOptions opts;
    opts.data_dir = d.string();
    CompileStats stats;
    std::string image;
    const Status st = CompileLexicon(opts, &image, &stats);
    ASSERT_TRUE(st.ok()) << st.ToString();
    image_ = new std::string(image);
    Write(d / "out/rasd.lex", image);
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete image_;
  }

  // Runs the text and recognition stages on `text` with the test lexicon.
  AnnotatedDocument Annotate(const std::string& text, const std::string& published = "") {
    auto p = Pipeline::Load(PipelineOptions{(*dir_ / "out").string(), false});
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    Document doc;
    doc.id = "t";
    doc.text = text;
    doc.published = published;
    Workspace ws;
    AnnotatedDocument ad;
    (*p)->Annotate(doc, &ws, &ad);
    return ad;
  }
  static std::vector<std::string> Codes(const AnnotatedDocument& ad, MentionKind kind) {
    std::vector<std::string> out;
    for (const auto& m : ad.mentions)
      if (m.kind == kind) out.push_back(kind == MentionKind::kPlace ? m.country : kind == MentionKind::kDate ? m.value : m.code);
    return out;
  }

  static fs::path* dir_;
  static std::string* image_;
};
fs::path* LexiconTest::dir_ = nullptr;
std::string* LexiconTest::image_ = nullptr;

TEST_F(LexiconTest, LoadsAndRejectsDamagedFiles) {
  ASSERT_TRUE(Lexicon::FromBuffer(*image_, "ok").ok());
  std::string bad = *image_;
  bad[0] = 'X';
  auto r = Lexicon::FromBuffer(bad, "x.lex");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("bad magic"), std::string::npos);
  bad = *image_;
  bad[8] = 99;  // version
  r = Lexicon::FromBuffer(bad, "x.lex");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("version 99"), std::string::npos);
  bad = image_->substr(0, image_->size() - 10);
  r = Lexicon::FromBuffer(bad, "x.lex");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("checksum"), std::string::npos);
  auto missing = Lexicon::Load("/nonexistent/rasd.lex");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("/nonexistent/rasd.lex"), std::string::npos);
}

TEST_F(LexiconTest, CompileErrorsNameFileAndLine) {
  const fs::path d = *dir_ / "broken";
  fs::create_directories(d);
  fs::copy(*dir_ / "lexicon", d / "lexicon", fs::copy_options::recursive);
  fs::copy(*dir_ / "cameo", d / "cameo", fs::copy_options::recursive);
  fs::copy(*dir_ / "triggers", d / "triggers", fs::copy_options::recursive);
  Write(d / "lexicon/countries.tsv", "DZA\tname\tالجزائر\nDZA\tadjective\tجزائري\n");
  CompileOptions opts;
  opts.data_dir = d.string();
  std::string image;
  CompileStats stats;
  const Status st = CompileLexicon(opts, &image, &stats);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("countries.tsv:2"), std::string::npos) << st.message();
}

TEST_F(LexiconTest, NisbaInflectionsReachTheCountry) {
  for (const char* w : {"جزائري", "الجزائري", "جزائرية", "الجزائرية", "جزائريون", "جزائريين", "الجزائريين", "والجزائريين"}) {
    auto ad = Annotate(w);
    EXPECT_EQ(Codes(ad, MentionKind::kActor), std::vector<std::string>{"DZA"}) << w;
  }
}

TEST_F(LexiconTest, RoleAndCountryCompose) {
  EXPECT_EQ(Codes(Annotate("وزارة الدفاع الجزائرية"), MentionKind::kActor), std::vector<std::string>{"DZAMIL"});
  EXPECT_EQ(Codes(Annotate("استقبلت جنرالا أمريكيا"), MentionKind::kActor), std::vector<std::string>{"USAMIL"});
  EXPECT_EQ(Codes(Annotate("قال مصدر أمني جزائري"), MentionKind::kActor), std::vector<std::string>{"DZACOP"});
  EXPECT_EQ(Codes(Annotate("التقى مسؤولين عسكريين جزائريين"), MentionKind::kActor), std::vector<std::string>{"DZAMIL"});
  EXPECT_EQ(Codes(Annotate("وزير الخارجية الروسي"), MentionKind::kActor), std::vector<std::string>{"RUSGOV"});
  EXPECT_EQ(Codes(Annotate("واشنطن"), MentionKind::kActor), std::vector<std::string>{"USA"});
  EXPECT_EQ(Codes(Annotate("بتنظيم الدولة الإسلامية"), MentionKind::kActor), std::vector<std::string>{"IMGISI"});
  EXPECT_EQ(Codes(Annotate("الحوثيين"), MentionKind::kActor), std::vector<std::string>{"YEMREB"});
}

TEST_F(LexiconTest, LeadersAreCodedByDocumentDate) {
  EXPECT_EQ(Codes(Annotate("عبد المالك سلال", "2016-02-16"), MentionKind::kActor), std::vector<std::string>{"DZAGOV"});
  // Out of office: only the country is known.
  EXPECT_EQ(Codes(Annotate("عبد المالك سلال", "2019-01-01"), MentionKind::kActor), std::vector<std::string>{"DZA"});
}

TEST_F(LexiconTest, AmbiguousPlacesFollowTheDocument) {
  EXPECT_EQ(Codes(Annotate("وصل الوفد إلى طرابلس قادما من ليبيا"), MentionKind::kPlace),
            (std::vector<std::string>{"LBY", "LBY"}));
  auto ad = Annotate("زار الوفد لبنان ثم طرابلس");
  EXPECT_EQ(Codes(ad, MentionKind::kPlace), (std::vector<std::string>{"LBN", "LBN"}));
  bool explained = false;
  for (const auto& m : ad.mentions) explained |= m.note.find("chose LBN over LBY") != std::string::npos;
  EXPECT_TRUE(explained);
}

TEST_F(LexiconTest, DatesResolveAgainstPublication) {
  EXPECT_EQ(Codes(Annotate("وقع ذلك في 9 فيفري 2016", "2016-02-16"), MentionKind::kDate),
            std::vector<std::string>{"2016-02-09"});
  EXPECT_EQ(Codes(Annotate("فبراير 16, 2016"), MentionKind::kDate), std::vector<std::string>{"2016-02-16"});
  EXPECT_EQ(Codes(Annotate("زار اليوم الثلاثاء", "2016-02-16"), MentionKind::kDate), std::vector<std::string>{"2016-02-16"});
  EXPECT_EQ(Codes(Annotate("وصل أمس", "2016-02-16"), MentionKind::kDate), std::vector<std::string>{"2016-02-15"});
  // 2016-02-16 was a Tuesday: "last Tuesday" is a week earlier.
  EXPECT_EQ(Codes(Annotate("الثلاثاء الماضي", "2016-02-16"), MentionKind::kDate), std::vector<std::string>{"2016-02-09"});
  EXPECT_EQ(Codes(Annotate("بعد أسبوعين", "2016-02-16"), MentionKind::kDate), std::vector<std::string>{"2016-03-01"});
  EXPECT_EQ(Codes(Annotate("قبل ثلاثة أيام", "2016-02-16"), MentionKind::kDate), std::vector<std::string>{"2016-02-13"});
  EXPECT_EQ(Codes(Annotate("الشهر المقبل", "2016-12-16"), MentionKind::kDate), std::vector<std::string>{"2017-01"});
  EXPECT_EQ(Codes(Annotate("شباط 2016"), MentionKind::kDate), std::vector<std::string>{"2016-02"});
  EXPECT_EQ(Codes(Annotate("في غضون ثلاثة أيام", "2016-02-16"), MentionKind::kDate),
            std::vector<std::string>{"2016-02-19"});
  // خلال N units reads both ways (over the past ten years / within ten years): no date.
  EXPECT_TRUE(Codes(Annotate("ارتفع خلال عشر سنوات", "2016-02-16"), MentionKind::kDate).empty());
  // ... من counts from another event, not from the publication date.
  EXPECT_TRUE(Codes(Annotate("وصل بعد أسبوعين من الانتخابات", "2016-02-16"), MentionKind::kDate).empty());
  EXPECT_TRUE(Codes(Annotate("قبل ثلاثة أيام من القمة", "2016-02-16"), MentionKind::kDate).empty());
}

TEST_F(LexiconTest, NamesEndingInAnAreNotDuals) {
  // طالبان (the Taliban) is not the dual of طالب ("demanded", "student").
  EXPECT_EQ(Codes(Annotate("هاجمت طالبان"), MentionKind::kActor), std::vector<std::string>{"AFGINS"});
  EXPECT_TRUE(Codes(Annotate("طالب بالإفراج"), MentionKind::kActor).empty());
  // Plural names still meet their other case (الحوثيون / الحوثيين).
  EXPECT_EQ(Codes(Annotate("هاجم الحوثيين"), MentionKind::kActor), std::vector<std::string>{"YEMREB"});
}

TEST_F(LexiconTest, VerbInflectionsReachOneTrigger) {
  // (plural and dual imperfects too: يزورون، يزوران share their key with a
  // noun reduction, يزور)
  for (const char* w : {"زار", "يزور", "زيارة", "زاروا", "ستزور", "وزيارته", "زيارات", "يزورون", "يزوران",
                        "ويزورون"}) {
    auto ad = Annotate(w);
    EXPECT_EQ(Codes(ad, MentionKind::kTrigger), std::vector<std::string>{"042"}) << w;
  }
}

// A form VIII verb of a ل-root looks definite (التقى): its inflected perfects
// (التقت، التقوا، والتقت) still reach the verb; definite nouns do not.
TEST_F(LexiconTest, FormEightVerbsThatLookDefiniteReachTheirTrigger) {
  for (const char* w : {"التقى", "التقت", "والتقت", "التقوا", "يلتقي"}) {
    auto ad = Annotate(w);
    EXPECT_EQ(Codes(ad, MentionKind::kTrigger), std::vector<std::string>{"040"}) << w;
  }
  EXPECT_TRUE(Codes(Annotate("التقنيات"), MentionKind::kTrigger).empty());
  EXPECT_TRUE(Codes(Annotate("بالتقت"), MentionKind::kTrigger).empty());
}

TEST_F(LexiconTest, MentionSpansSliceTheOriginalText) {
  const std::string text = "زارَ وزيـرُ الخارجية الروسيُّ الجزائرَ";
  auto ad = Annotate(text);
  ASSERT_FALSE(ad.mentions.empty());
  for (const auto& m : ad.mentions) {
    ASSERT_LE(m.span.end, text.size());
    const std::string s = text.substr(m.span.begin, m.span.size());
    EXPECT_FALSE(s.empty());
    EXPECT_NE(s.front(), ' ');
    EXPECT_NE(s.back(), ' ');
  }
  EXPECT_EQ(text.substr(ad.mentions[1].span.begin, ad.mentions[1].span.size()), "وزيـرُ الخارجية الروسيُّ");
}

}  // namespace
}  // namespace rasd::lexicon
