// Generated schedules: a frab schedule.xml whose content is known exactly, for tests and benchmarks.
//
// The project's tests of its own behaviour use these instead of third-party exports, so they pass on any
// clone; the real exports in ../shared/corpus are read only by the conformance suite.
#pragma once

#include <string>

namespace talkdex::mediagen {

// A deterministic frab export of `events` events: 10 rooms x 25 events per room and day, as many days as
// it takes (July 2024, Europe/Berlin). Event n (0-based) has guid `5eed....-0000-4000-8000-...`, id n+1,
// slug `bench2024-{n+1}-talk`, title "Talk number {n+1} about topic {n%97}", tracks and types in turn,
// language "de" for every third event and "en" otherwise, 1-3 speakers from a pool of 4,000 (so speakers
// recur), and a slides link on every fourth event.
std::string frab_schedule_xml(int events);

// The title and the guid frab_schedule_xml gives event n (0-based).
std::string frab_schedule_title(int n);
std::string frab_schedule_guid(int n);

}  // namespace talkdex::mediagen
