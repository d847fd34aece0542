#include "schedule_gen.h"

#include <fmt/format.h>

namespace talkdex::mediagen {

std::string frab_schedule_title(int n) { return fmt::format("Talk number {} about topic {}", n + 1, n % 97); }

std::string frab_schedule_guid(int n) {
  return fmt::format("{:08x}-0000-4000-8000-{:012x}", 0x5eed0000u + static_cast<unsigned>(n), n * 7919);
}

std::string frab_schedule_xml(int events) {
  const int rooms = 10, per_room_day = 25;
  const int days = (events + rooms * per_room_day - 1) / (rooms * per_room_day);
  const char* tracks[] = {"Security", "Hardware", "Science", "Society", "Art"};
  const char* types[] = {"lecture", "workshop", "lecture", "meeting"};
  std::string out;
  out.reserve(static_cast<size_t>(events) * 1400);
  out += "<?xml version='1.0' encoding='utf-8' ?>\n<schedule>\n<version>bench</version>\n<conference>\n"
         "<acronym>bench2024</acronym>\n<title>Benchmark Conference</title>\n<start>2024-07-01</start>\n"
         "<base_url>https://bench.example/</base_url>\n</conference>\n";
  int n = 0;
  for (int d = 0; d < days && n < events; ++d) {
    std::string date = fmt::format("2024-07-{:02}", d + 1);
    out += fmt::format("<day index='{}' date='{}' start='{}T09:00:00+02:00' end='{}T23:00:00+02:00'>\n", d + 1, date,
                       date, date);
    for (int r = 0; r < rooms && n < events; ++r) {
      out += fmt::format("<room name='Room {}'>\n", r + 1);
      for (int i = 0; i < per_room_day && n < events; ++i, ++n) {
        int minutes = 9 * 60 + i * 30;
        std::string start = fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
        out += fmt::format("<event guid='{}' id='{}'>\n", frab_schedule_guid(n), n + 1);
        out += fmt::format("<date>{}T{}:00+02:00</date>\n<start>{}</start>\n<duration>00:25</duration>\n", date,
                           start, start);
        out += fmt::format("<room>Room {}</room>\n<slug>bench2024-{}-talk</slug>\n", r + 1, n + 1);
        out += fmt::format("<title>{}</title>\n<subtitle>Part {}</subtitle>\n", frab_schedule_title(n), n % 3 + 1);
        out += fmt::format("<track>{}</track>\n<type>{}</type>\n<language>{}</language>\n", tracks[n % 5],
                           types[n % 4], n % 3 ? "en" : "de");
        out += fmt::format(
            "<abstract>This talk {} looks at the state of the art &amp; what comes next. It covers the history, "
            "the open problems and a live demonstration, and leaves time for questions from the audience."
            "</abstract>\n<description>A longer description of talk {}: the speakers walk through their "
            "measurements, compare three approaches, and publish their tools and data under a free licence."
            "</description>\n",
            n + 1, n + 1);
        out += "<persons>\n";
        for (int p = 0; p < 1 + n % 3; ++p) {
          int who = (n * 13 + p * 101) % 4000;
          out += fmt::format("<person id='{}'>Speaker {} Example{}</person>\n", who + 1, who + 1, who % 17);
        }
        out += "</persons>\n<links>\n";
        if (n % 4 == 0) out += fmt::format("<link href='https://slides.example/{}.pdf'>Slides</link>\n", n + 1);
        out += "</links>\n</event>\n";
      }
      out += "</room>\n";
    }
    out += "</day>\n";
  }
  out += "</schedule>\n";
  return out;
}

}  // namespace talkdex::mediagen
