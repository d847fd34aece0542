// Reading a document's data for a hit in one SAX pass (hit_data.h) must give what reading nlohmann's JSON
// tree gives, for the data the indexer writes and for data it never writes (a remote shard's index is
// another program's output): keys twice, fields of other types, nesting, bad JSON, data that is no object.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "hit_data.h"
#include "json_event_trace.h"

using talkdex::search_detail::HitData;
using talkdex::search_detail::read_hit_data;

namespace {

using json = nlohmann::json;

// The same fields read from the parsed tree, as search.cpp read them before: a field of another type is
// as absent.
HitData from_tree(const std::string& text) {
  json data = json::parse(text, nullptr, false);
  HitData out;
  if (!data.is_object()) return out;
  out.object = true;
  auto string_of = [&](const json& object, const char* name) {
    auto it = object.find(name);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (auto id = data.find("talk_id"); id != data.end() && id->is_number_integer())
    out.talk_id = id->is_number_unsigned() ? static_cast<std::int64_t>(id->get<std::uint64_t>()) : id->get<std::int64_t>();
  out.title = string_of(data, "title");
  out.event = string_of(data, "event");
  out.kind = string_of(data, "kind");
  out.start = string_of(data, "start");
  out.link = string_of(data, "link");
  out.text = string_of(data, "text");
  if (auto uri = data.find("uri"); uri != data.end() && uri->is_string()) out.uri = uri->get<std::string>();
  if (auto s = data.find("speakers"); s != data.end() && s->is_array())
    for (const auto& name : *s)
      if (name.is_string()) out.speakers.push_back(name.get<std::string>());
  if (auto o = data.find("offset"); o != data.end() && o->is_number()) out.offset = o->get<double>();
  if (auto m = data.find("moment"); m != data.end() && m->is_object()) {
    talkdex::Moment moment;
    moment.title = string_of(*m, "title");
    moment.source = string_of(*m, "source");
    if (auto o = m->find("offset"); o != m->end() && o->is_number()) moment.offset = o->get<double>();
    out.moment = moment;
  }
  if (auto ws = data.find("word_starts"); ws != data.end() && ws->is_array()) {
    out.word_starts.emplace();
    for (const auto& s : *ws)
      if (s.is_number()) out.word_starts->push_back(s.get<double>());
  }
  if (auto cues = data.find("cues"); cues != data.end() && cues->is_array()) {
    out.cues.emplace();
    for (const auto& c : *cues)
      if (c.is_array() && c.size() == 2 && c[0].is_number_unsigned() && c[1].is_number())
        out.cues->push_back({c[0].get<std::size_t>(), c[1].get<double>()});
  }
  return out;
}

void check_same(const std::string& text) {
  CAPTURE(text);
  HitData got = read_hit_data(text), want = from_tree(text);
  CHECK(got.object == want.object);
  CHECK(got.talk_id == want.talk_id);
  CHECK(got.title == want.title);
  CHECK(got.event == want.event);
  CHECK(got.kind == want.kind);
  CHECK(got.start == want.start);
  CHECK(got.link == want.link);
  CHECK(got.text == want.text);
  CHECK(got.uri == want.uri);
  CHECK(got.speakers == want.speakers);
  CHECK(got.offset == want.offset);
  REQUIRE(got.moment.has_value() == want.moment.has_value());
  if (got.moment) {
    CHECK(got.moment->title == want.moment->title);
    CHECK(got.moment->offset == want.moment->offset);
    CHECK(got.moment->source == want.moment->source);
  }
  CHECK(got.word_starts == want.word_starts);
  CHECK(got.cues == want.cues);
}

// What documents.cpp writes for a transcript passage with cues.
const std::string kPassage =
    R"({"event":"38C3","kind":"talk","link":"https://media.example/t.mp4#t=30","moment":{"offset":30.0,)"
    R"("source":"transcript","title":"the \"cache\" is \u00e9vident…"},"offset":30.0,"speakers":["Ada L.","B\\C"],)"
    R"("start":"2024-12-27T11:00:00","talk_id":7,"text":"the cache is évident\nand fast","title":"Caches",)"
    R"("type":"passage","cues":[[0,30.0],[13,33.5],[-1,2],[4],[5,"x"],[6,7,8]],"uri":"https://media.example/t.mp4"})";

}  // namespace

TEST_CASE("the data the indexer writes is read field by field") {
  HitData d = read_hit_data(kPassage);
  REQUIRE(d.object);
  CHECK(d.talk_id == 7);
  CHECK(d.title == "Caches");
  CHECK(d.speakers == std::vector<std::string>{"Ada L.", "B\\C"});
  CHECK(d.text == "the cache is évident\nand fast");
  REQUIRE(d.moment);
  CHECK(d.moment->title == "the \"cache\" is évident…");
  CHECK(d.moment->offset == 30.0);
  CHECK(d.moment->source == "transcript");
  REQUIRE(d.cues);
  // [-1,2] (a negative offset), [4], [5,"x"] and [6,7,8] are not cues.
  CHECK(*d.cues == std::vector<talkdex::CueTime>{{0, 30.0}, {13, 33.5}});
  CHECK(d.uri == "https://media.example/t.mp4");
  CHECK_FALSE(d.word_starts);
  check_same(kPassage);
}

TEST_CASE("data the indexer never writes reads as the JSON tree reads it") {
  for (const std::string& text : {
           std::string(R"({"talk_id":null,"title":"no talk","moment":null})"),
           std::string(R"({"talk_id":1.5,"offset":3,"speakers":"one","moment":[1,2]})"),
           std::string(R"({"talk_id":18446744073709551615,"offset":-2.5e3})"),
           std::string(R"({"title":"first","title":{"nested":"x"},"speakers":["a"],"speakers":["b","c"]})"),
           std::string(R"({"moment":{"title":1,"offset":"2","source":["s"],"extra":{"title":"deep"}}})"),
           std::string(R"({"word_starts":[0.5,"x",2,[3],{"a":4}],"offset":1})"),
           std::string(R"({"word_starts":null,"cues":{"0":1},"uri":5})"),
           std::string(R"({"cues":[[1,2],[[1],2],[3,[4]],[{"a":1},2]],"uri":"u"})"),
           std::string(R"({"nested":{"title":"not mine","speakers":["x"]},"text":"mine"})"),
           std::string(R"([{"title":"inside an array"}])"),
           std::string(R"("a string")"), std::string("42"), std::string("null"), std::string(""),
           std::string(R"({"title":"cut)"), std::string(R"({"title":"x"} trailing)"),
           std::string("{\"title\":\"bad \xff utf-8\"}"), std::string(R"({"title":"\ud800 lone surrogate"})"),
       })
    check_same(text);
}

TEST_CASE("mutated data reads as the JSON tree reads it (20,000 deterministic mutations)") {
  // Bytes that move a JSON reader between its states, inserted, replaced and removed at random places.
  const std::string alphabet = "{}[]\":,0123456789-.eE\\ntu\xc3\xa9 ";
  std::mt19937 random(20261130);
  int objects = 0;  // mutations that are still a JSON object: most are not, and this must not be none
  for (int i = 0; i < 20000; ++i) {
    std::string text = talkdex::test::mutated(kPassage, alphabet, random, 4, 8);
    check_same(text);
    objects += read_hit_data(text).object;
  }
  MESSAGE(objects << " of 20,000 mutations are JSON objects");
  CHECK(objects > 2000);
}
