// The smaller findings of issue 16's probe (item 11): each says what is wrong, leaves nothing behind,
// and refuses what makes no sense.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "cli_archive.h"

using namespace talkdex;
namespace fs = std::filesystem;

TEST_CASE("a store with talks and no index (a first build killed) says to run index, not to import") {
  test::CliArchive a;
  a.import_sample();
  fs::remove(fs::path(a.archive) / "index.stub");  // what a build killed before its switch leaves
  auto r = a.run({"search", "lottery"});
  CHECK(r.exit_code == 3);
  CHECK(r.err == "talkdex: error: " + a.archive + ": no index yet, though the store has talks: talkdex index builds it\n");
  REQUIRE(a.run({"index"}).exit_code == 0);
  CHECK(a.run({"search", "lottery"}).exit_code == 0);
}

TEST_CASE("chapters -o FOLDER is refused and leaves no FOLDER.tmp behind") {
  test::CliArchive a;
  std::string talk = a.import_sample();
  fs::create_directory(a.dir / "out");
  auto r = a.run({"chapters", talk, "--format", "vtt", "-o", (a.dir / "out").string()});
  CHECK(r.exit_code == 3);
  CHECK(r.err == "talkdex: error: " + (a.dir / "out").string() + ": is a folder: name the file to write (-o FOLDER/talk.vtt)\n");
  CHECK_FALSE(fs::exists(a.dir / "out.tmp"));
}

TEST_CASE("detect on a device says what it is, not that it may be a folder") {
  test::CliArchive a;
  a.import_sample();
  auto r = a.run({"detect", "/dev/zero"});
  CHECK(r.exit_code == 3);
  CHECK(r.err == "talkdex: error: /dev/zero: is not a regular file (a device, a FIFO or a socket), not a recording\n");
  fs::create_directory(a.dir / "videos");
  auto folder = a.run({"detect", (a.dir / "videos").string()});
  CHECK(folder.err == "talkdex: error: " + (a.dir / "videos").string() + ": is a folder, not a recording\n");
}

TEST_CASE("play --at past the end of the recording is refused") {
  test::CliArchive a;
  std::string talk = a.import_sample();
  std::string recording = a.make_recording();  // 60 s
  REQUIRE(a.run({"import", "--talk", talk, recording}).exit_code == 0);
  auto shown = a.run_json({"show", "--json", talk});
  std::string number;
  for (std::size_t i = 0; i < shown["recordings"].size(); ++i)
    if (shown["recordings"][i]["uri"] == recording) number = std::to_string(i + 1);
  REQUIRE_FALSE(number.empty());
  auto r = a.run({"play", talk, "--recording", number, "--at", "99999:00:00", "--print"});
  CHECK(r.exit_code == 3);
  CHECK(r.err == "talkdex: error: --at 99999:00:00: past the end of the recording (0:01:00 long)\n");
  CHECK(a.run({"play", talk, "--recording", number, "--at", "0:00:30", "--print"}).exit_code == 0);
}

TEST_CASE("a JSON parse error quotes a few dozen bytes of the input, not hundreds") {
  test::CliArchive a;
  std::string talk = a.import_sample();
  std::string bad = "{\"chapters\": [\"";  // a string that never ends: nlohmann quotes all of it
  bad.append(600, 'x');
  test::write_file(a.dir / "bad.chapters.json", bad);
  auto r = a.run({"import", "--talk", talk, (a.dir / "bad.chapters.json").string()});
  CHECK(r.exit_code == 3);
  CHECK(r.err.size() < 300);
  CHECK(r.err.find("invalid JSON: parse error") != std::string::npos);
  CHECK(r.err.find("…") != std::string::npos);
}

TEST_CASE("JSON and XML nested past the limit are refused with one line naming it") {
  test::CliArchive a;
  std::string talk = a.import_sample();
  test::write_file(a.dir / "deep.chapters.json", "{\"chapters\": " + std::string(300, '[') + std::string(300, ']') + "}");
  auto json = a.run({"import", "--talk", talk, (a.dir / "deep.chapters.json").string()});
  CHECK(json.exit_code == 3);
  CHECK(json.err == "talkdex: error: " + (a.dir / "deep.chapters.json").string() +
                        ": arrays and objects nested more than 256 deep (the limit) at byte 268\n");
  std::string xml = "<?xml version=\"1.0\"?><schedule>";
  for (int i = 0; i < 300; ++i) xml += "<a>";
  for (int i = 0; i < 300; ++i) xml += "</a>";
  xml += "</schedule>";
  test::write_file(a.dir / "deep.xml", xml);
  auto x = a.run({"import", (a.dir / "deep.xml").string()});
  CHECK(x.exit_code == 3);
  CHECK(x.err == "talkdex: error: " + (a.dir / "deep.xml").string() + ": elements nested more than 256 deep (the limit)\n");
}
