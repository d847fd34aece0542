// Bad input met with limits (issue 16): pages, files and pipes that used to crash talkdex, fill memory or
// hang get one line naming the item and the limit (talkdex/limits.h). Every run that could eat memory if
// a limit broke runs under `prlimit --as` (2 GB), so a regression fails the test instead of the machine.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "mediagen.h"
#include "process.h"
#include "talkdex/limits.h"
#include "test_support.h"

using namespace talkdex;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

struct LimitedArchive {
  test::TempDir dir;
  std::string archive = (dir / "archive").string();
  // talkdex with at most 2 GB of address space and 60 s of CPU. Under AddressSanitizer (tools/test
  // --sanitize) an address-space limit stops the process before main, as ASan reserves terabytes for its
  // shadow memory: there the same 2 GB bound is ASan's own limit on resident memory, which ends the
  // process with a report.
  test::ProcessResult run(std::vector<std::string> args, const std::string& input = "") {
    std::vector<std::string> env;
    if (kAddressSanitizer) {
      const char* options = std::getenv("ASAN_OPTIONS");
      env.push_back(fmt::format("ASAN_OPTIONS={}{}hard_rss_limit_mb=2000", options ? options : "", options ? ":" : ""));
    }
    args.insert(args.begin(), {"/usr/bin/prlimit", kAddressSanitizer ? "--as=unlimited" : "--as=2000000000", "--cpu=60",
                               "--", TALKDEX_EXE, "--archive", archive});
    return test::run_process(args, env, input);
  }
};

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("HTML pages nested past the limit are refused with one line, without a crash or all the memory") {
  LimitedArchive a;
  // 300,000 nested spans: gumbo's recursive free overflowed the stack (SIGSEGV).
  test::write_file(a.dir / "deep.html",
                   "<html><body>" + repeat("<span>", 300000) + "x" + repeat("</span>", 300000) + "</body></html>");
  // 1.8 MB of unclosed spans: 24 GB in seconds (each parse error copied the open elements).
  test::write_file(a.dir / "unclosed.html", "<html><body>" + repeat("<span>", 300000));
  // 150 KB of nested tables: 12.5 s and 3.2 GB.
  test::write_file(a.dir / "tables.html", "<html><body>" + repeat("<table><tr><td>", 10000));
  for (const char* name : {"deep.html", "unclosed.html", "tables.html"}) {
    CAPTURE(name);
    auto r = a.run({"import", "--kind", "workshop-page", (a.dir / name).string()});
    INFO(r.err);
    CHECK(r.exit_code == 3);
    CHECK(r.err == "talkdex: error: " + (a.dir / name).string() + ": more than " +
                       std::to_string(limits::kMaxHtmlDepth) + " HTML elements inside each other (the limit)\n");
  }
}

TEST_CASE("a page nested just under the HTML depth limit is read") {
  LimitedArchive a;
  // 400 levels of spans around a schedule line: deep for a real page, within the limit.
  test::write_file(a.dir / "nested.html", "<html><body><p>Saturday, June 15, 2019</p>" + repeat("<span>", 400) +
                                              "<p>08:45 AM Opening Remarks</p>" + repeat("</span>", 400) +
                                              "</body></html>");
  auto r = a.run({"import", "--year", "2019", (a.dir / "nested.html").string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("1 talk added") != std::string::npos);
}

namespace {

const char* const kOneEventXml = R"(<?xml version="1.0"?>
<schedule><conference><acronym>one</acronym><title>One</title></conference>
<day index="1" date="2024-01-01"><room name="A"><event guid="33333333-0000-4000-8000-000000000003" id="1">
<date>2024-01-01T10:00:00</date><start>10:00</start><duration>00:30</duration><title>Alone</title>
<type>Talk</type></event></room></day></schedule>
)";

// A recording made by the project's generator.
std::string make_recording(const std::filesystem::path& path) {
  mediagen::MediaSpec spec = mediagen::small_video(path.string(), 10, 5, 25);
  REQUIRE(mediagen::generate_media(spec).ok());
  return spec.path;
}

}  // namespace

TEST_CASE("a device or a FIFO as input is refused or read as a pipe, never read without end") {
  LimitedArchive a;
  // /dev/zero: 8 GB in 16 s before.
  auto zero = a.run({"import", "/dev/zero"});
  CHECK(zero.exit_code == 3);
  CHECK(zero.err == "talkdex: error: /dev/zero: is a character device, not a regular file\n");
  auto zero_kind = a.run({"import", "--kind", "frab-xml", "/dev/zero"});
  CHECK(zero_kind.exit_code == 3);
  CHECK(zero_kind.err == "talkdex: error: /dev/zero: is a character device, not a regular file\n");

  // A FIFO nobody writes to: it hung in open() before; now it is an input with nothing in it.
  std::string fifo = (a.dir / "schedule.fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto lonely = a.run({"import", fifo});
  CHECK(lonely.exit_code == 3);
  CHECK(lonely.err == "talkdex: error: " + fifo + ": is empty\n");
}

TEST_CASE("import <(cat schedule.xml) reads the pipe once and keeps it as a source index does not re-read") {
  LimitedArchive a;
  test::write_file(a.dir / "one.xml", kOneEventXml);
  auto r = test::run_process({"/bin/bash", "-c", "exec \"$0\" --archive \"$1\" import <(cat \"$2\")", TALKDEX_EXE, a.archive,
                              (a.dir / "one.xml").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("(frab-xml): 1 talk added") != std::string::npos);
  CHECK(r.err.find("read from a pipe: kept as a one-shot source") != std::string::npos);
  auto sources = test::run_process({TALKDEX_EXE, "--archive", a.archive, "sources", "--json"});
  REQUIRE(sources.exit_code == 0);
  CHECK(sources.out.find("/dev/fd/") == std::string::npos);
  CHECK(sources.out.find("\"pipe:") != std::string::npos);
  // Every later index used to exit 3, trying to read /dev/fd/63 again.
  auto index = test::run_process({TALKDEX_EXE, "--archive", a.archive, "index"});
  INFO(index.err);
  CHECK(index.exit_code == 0);
  auto search = test::run_process({TALKDEX_EXE, "--archive", a.archive, "search", "alone"});
  CHECK(search.exit_code == 0);
}

TEST_CASE("files beside a recording that are devices or FIFOs are skipped with a warning, never read") {
  LimitedArchive a;
  std::string talk = make_recording(a.dir / "talk.mp4");
  std::filesystem::create_symlink("/dev/zero", a.dir / "talk.chapters.vtt");
  std::string fifo = (a.dir / "talk.description").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::filesystem::create_symlink("/dev/zero", a.dir / "talk.srt");
  auto r = a.run({"import", talk});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find((a.dir / "talk.chapters.vtt").string() + ": is a character device, not a regular file") !=
        std::string::npos);
  CHECK(r.err.find(fifo + ": is a pipe (FIFO), not a regular file") != std::string::npos);
  CHECK(r.err.find((a.dir / "talk.srt").string() + ": is a character device, not a regular file") != std::string::npos);
}

namespace {

std::string frab_xml(const std::string& conference, const std::string& type, const std::string& language,
                     const std::string& guid, const std::string& title) {
  return R"(<?xml version="1.0"?>
<schedule><conference><acronym>)" + title + "</acronym><title>" + conference + R"(</title></conference>
<day index="1" date="2024-01-01"><room name="A"><event guid=")" + guid + R"(" id="1">
<date>2024-01-01T10:00:00</date><start>10:00</start><duration>00:30</duration><title>)" + title + R"(</title>
<type>)" + type + "</type><language>" + language + "</language></event></room></day></schedule>\n";
}

}  // namespace

TEST_CASE("conference titles, talk types and languages past Xapian's term length are indexed, apart") {
  LimitedArchive a;
  std::string long_title = repeat("Conference ", 30);  // 330 bytes; Xapian's terms stop at 245
  // In a fresh archive (the first build) and then in an existing index (an update).
  test::write_file(a.dir / "a.xml", frab_xml(long_title + "Alpha", repeat("type", 80), repeat("de", 150),
                                             "33333333-0000-4000-8000-00000000000a", "Alphatalk"));
  test::write_file(a.dir / "b.xml", frab_xml(long_title + "Beta", repeat("type", 80), repeat("de", 150),
                                             "33333333-0000-4000-8000-00000000000b", "Betatalk"));
  for (const char* name : {"a.xml", "b.xml"}) {
    auto r = a.run({"import", (a.dir / name).string()});
    INFO(r.err);
    CHECK(r.exit_code == 0);
  }
  auto alpha = a.run({"search", "--json", "in:\"" + long_title + "Alpha\""});
  INFO(alpha.err);
  REQUIRE(alpha.exit_code == 0);
  CHECK(alpha.out.find("Alphatalk") != std::string::npos);
  CHECK(alpha.out.find("Betatalk") == std::string::npos);
  auto both = a.run({"search", "--json", "kind:" + repeat("type", 80)});
  CHECK(both.exit_code == 0);
  CHECK(both.out.find("Alphatalk") != std::string::npos);
  CHECK(both.out.find("Betatalk") != std::string::npos);
}

TEST_CASE("a wildcard that matches more words than are searched says so, in the notes and on stderr") {
  LimitedArchive a;
  std::string xml = R"(<?xml version="1.0"?>
<schedule><conference><acronym>w</acronym><title>Wide</title></conference><day index="1" date="2024-01-01"><room name="A">)";
  for (int i = 0; i < 300; ++i) {
    xml += fmt::format(R"(<event guid="44444444-0000-4000-8000-{:012}" id="{}"><date>2024-01-01T10:00:00</date>)"
                       R"(<start>10:00</start><duration>00:30</duration><title>Zork{:03}x and more</title><type>Talk</type></event>)",
                       i, i + 1, i);
  }
  xml += "</room></day></schedule>\n";
  test::write_file(a.dir / "wide.xml", xml);
  REQUIRE(a.run({"import", (a.dir / "wide.xml").string()}).exit_code == 0);
  auto r = a.run({"search", "--json", "--limit", "5", "zork*"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto out = nlohmann::json::parse(r.out);
  REQUIRE(out["notes"].size() == 1);
  CHECK(out["notes"][0] == "zork* matches more than 200 words: only the 200 most frequent were searched (give more "
                           "letters to reach the others)");
  auto plain = a.run({"search", "zork*"});
  CHECK(plain.err.find("talkdex: warning: zork* matches more than 200 words") != std::string::npos);
  // Within the cap, no note.
  auto narrow = a.run({"search", "--json", "zork1*"});
  CHECK(nlohmann::json::parse(narrow.out)["notes"].empty());
}
