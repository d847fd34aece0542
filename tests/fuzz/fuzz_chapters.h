// What the chapter-list fuzz targets share: a list they read is written back in every chapter format,
// as `talkdex chapters --format` would.
#pragma once

#include "talkdex/indexer/chapters/chapters.h"

namespace talkdex::fuzz {

inline void write_every_format(const std::vector<TocEntry>& items) {
  for (auto format : {ChapterFormat::Vtt, ChapterFormat::FfMetadata, ChapterFormat::Youtube, ChapterFormat::Json})
    (void)write_chapters(items, format);
}

}  // namespace talkdex::fuzz
