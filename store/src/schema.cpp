// The store's schema as an ordered list of migrations. The file's PRAGMA user_version says how many have
// been applied; opening applies the rest in one transaction. Never edit a migration that has shipped:
// add a new one.
#include "schema.h"

#include <fmt/format.h>

#include "sqlite.h"
#include "talkdex/error.h"

namespace talkdex {
namespace {

const char* const kMigrations[] = {
    // 1: the foundation.
    R"sql(
CREATE TABLE meta(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO meta(key, value) VALUES ('revision', '0');

CREATE TABLE sources(
  id INTEGER PRIMARY KEY,
  uri TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  content_hash TEXT,
  etag TEXT,
  last_modified TEXT,
  fetched_at TEXT,
  status TEXT,
  error TEXT
);

CREATE TABLE events(
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  kind TEXT,
  venue TEXT,
  room TEXT,
  date TEXT,
  start TEXT,
  end TEXT,
  abstract TEXT,
  url TEXT,
  rev INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE people(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  affiliation TEXT
);

CREATE TABLE event_people(
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id),
  role TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  affiliation TEXT,
  PRIMARY KEY(event_id, person_id, role)
) WITHOUT ROWID;

CREATE TABLE talks(
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  subtitle TEXT,
  kind TEXT,
  start TEXT,
  end TEXT,
  abstract TEXT,
  url TEXT,
  room TEXT,
  track TEXT,
  language TEXT,
  rev INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX talks_event ON talks(event_id);
CREATE INDEX talks_rev ON talks(rev);

CREATE TABLE talk_people(
  talk_id INTEGER NOT NULL REFERENCES talks(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id),
  role TEXT NOT NULL CHECK (role IN ('speaker', 'moderator', 'panelist', 'organizer')),
  ordinal INTEGER NOT NULL,
  PRIMARY KEY(talk_id, person_id, role)
) WITHOUT ROWID;
CREATE INDEX talk_people_person ON talk_people(person_id);

CREATE TABLE links(
  talk_id INTEGER NOT NULL REFERENCES talks(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  url TEXT NOT NULL,
  title TEXT,
  tocitem INTEGER,
  PRIMARY KEY(talk_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE recordings(
  id INTEGER PRIMARY KEY,
  uri TEXT NOT NULL UNIQUE,
  event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
  talk_id INTEGER REFERENCES talks(id) ON DELETE SET NULL,
  wallclock_start TEXT,
  duration REAL CHECK (duration IS NULL OR duration >= 0),
  container TEXT,
  probe_json TEXT,
  rev INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE toc_items(
  id INTEGER PRIMARY KEY,
  recording_id INTEGER NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  talk_id INTEGER REFERENCES talks(id) ON DELETE SET NULL,
  ordinal INTEGER NOT NULL,
  start REAL NOT NULL CHECK (start >= 0),
  end REAL CHECK (end IS NULL OR end >= start),
  title TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('manual', 'schedule', 'embedded', 'file', 'detected')),
  confidence REAL NOT NULL DEFAULT 1 CHECK (confidence BETWEEN 0 AND 1),
  alias INTEGER,
  rev INTEGER NOT NULL DEFAULT 0,
  UNIQUE(recording_id, key)
);
CREATE INDEX toc_items_talk ON toc_items(talk_id);
CREATE INDEX toc_items_rev ON toc_items(rev);

CREATE TABLE tombstones(
  tbl TEXT NOT NULL,
  id INTEGER NOT NULL,
  rev INTEGER NOT NULL,
  PRIMARY KEY(tbl, id)
) WITHOUT ROWID;
CREATE INDEX tombstones_rev ON tombstones(rev);

-- Deletions leave a tombstone with the revision of the deleting write, for the incremental index.
CREATE TRIGGER talks_deleted AFTER DELETE ON talks BEGIN
  INSERT OR REPLACE INTO tombstones(tbl, id, rev)
  VALUES ('talks', OLD.id, (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'revision'));
END;
CREATE TRIGGER toc_items_deleted AFTER DELETE ON toc_items BEGIN
  INSERT OR REPLACE INTO tombstones(tbl, id, rev)
  VALUES ('toc_items', OLD.id, (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'revision'));
END;
)sql",
    // 2: what slide detection saw at an item: the slide's text (OCR) and a thumbnail, as a path relative
    // to the archive folder.
    R"sql(
ALTER TABLE toc_items ADD COLUMN slide_text TEXT;
ALTER TABLE toc_items ADD COLUMN thumbnail TEXT;
)sql",
    // 3: followed folders and the files found in them (for `talkdex index` and `watch`), and the indexes
    // that let a build stream talks with their items in id order and an update find changed events.
    R"sql(
CREATE TABLE followed_folders(
  path TEXT PRIMARY KEY,
  added_at TEXT NOT NULL
) WITHOUT ROWID;

-- What the last scan saw of each file under a followed folder: size and mtime are compared first, the
-- fingerprint (first and last MiB) only when those differ. `media` says whether the content is a
-- recording; `error` holds the last failure (retried on the next run).
CREATE TABLE scanned_files(
  path TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  fingerprint TEXT NOT NULL DEFAULT '',
  media INTEGER NOT NULL DEFAULT 0,
  recording_id INTEGER REFERENCES recordings(id) ON DELETE SET NULL,
  error TEXT,
  failed_at TEXT
) WITHOUT ROWID;

CREATE INDEX toc_items_talk_order ON toc_items(talk_id, recording_id, ordinal);
CREATE INDEX events_rev ON events(rev);
CREATE INDEX recordings_talk ON recordings(talk_id);
)sql",
    // 4: transcript passages (about 30 seconds of speech each) of recordings.
    R"sql(
CREATE TABLE passages(
  id INTEGER PRIMARY KEY,
  recording_id INTEGER NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
  language TEXT NOT NULL DEFAULT '',
  ordinal INTEGER NOT NULL,
  start REAL NOT NULL CHECK (start >= 0),
  end REAL CHECK (end IS NULL OR end >= start),
  text TEXT NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  UNIQUE(recording_id, language, ordinal)
);
CREATE INDEX passages_rev ON passages(rev);

CREATE TRIGGER passages_deleted AFTER DELETE ON passages BEGIN
  INSERT OR REPLACE INTO tombstones(tbl, id, rev)
  VALUES ('passages', OLD.id, (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'revision'));
END;

-- A passage belongs to its recording's talk, else to the talk whose item covers its start. When either
-- changes, the recording's passages are stamped with the revision so that the index writes them again.
CREATE TRIGGER passages_follow_recording AFTER UPDATE OF talk_id ON recordings
WHEN OLD.talk_id IS NOT NEW.talk_id BEGIN
  UPDATE passages SET rev = (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'revision')
  WHERE recording_id = NEW.id;
END;
CREATE TRIGGER passages_follow_added_item AFTER INSERT ON toc_items WHEN NEW.talk_id IS NOT NULL BEGIN
  UPDATE passages SET rev = (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'revision')
  WHERE recording_id = NEW.recording_id;
END;
CREATE TRIGGER passages_follow_item AFTER UPDATE OF talk_id, start, end ON toc_items
WHEN OLD.talk_id IS NOT NEW.talk_id OR ((OLD.start IS NOT NEW.start OR OLD.end IS NOT NEW.end) AND NEW.talk_id IS NOT NULL)
BEGIN
  UPDATE passages SET rev = (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'revision')
  WHERE recording_id = NEW.recording_id;
END;
CREATE TRIGGER passages_follow_removed_item AFTER DELETE ON toc_items WHEN OLD.talk_id IS NOT NULL BEGIN
  UPDATE passages SET rev = (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'revision')
  WHERE recording_id = OLD.recording_id;
END;
)sql",
    // 5: the remote shards a front searches with its own index (shards.h). Several addresses under one
    // name are copies of one shard (a primary and its replicas), tried in the order they were added.
    R"sql(
CREATE TABLE shards(
  address TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  added_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX shards_name ON shards(name, ordinal);
)sql",
    // 6: sources read as part of another (the events and subtitles of a media.ccc.de conference), so that
    // re-reading the parent sends conditional requests for every part and `index` does not read them alone;
    // and the words' own times in passages of word-timed captions.
    R"sql(
ALTER TABLE sources ADD COLUMN parent_id INTEGER REFERENCES sources(id) ON DELETE CASCADE;
CREATE INDEX sources_parent ON sources(parent_id);
-- The start of each word of a passage, in milliseconds separated by spaces, for captions that time words.
ALTER TABLE passages ADD COLUMN word_starts TEXT;
)sql",
    // 7: where each cue's words begin in a passage and when they are said ("AT:SECONDS;..."), so a hit
    // jumps to the words it matched.
    R"sql(
ALTER TABLE passages ADD COLUMN cues TEXT NOT NULL DEFAULT '';
)sql",
    // 8: what the schedule calls a talk (frab/pretalx id and slug), so that it can be named by them; and
    // recordings the user attached (import), which a followed folder's scan never removes. Schedules
    // are read again by the next import or index (their hashes forgotten) to fill the new columns.
    R"sql(
ALTER TABLE talks ADD COLUMN schedule_id TEXT;
ALTER TABLE talks ADD COLUMN slug TEXT;
CREATE INDEX talks_schedule_id ON talks(schedule_id);
CREATE INDEX talks_slug ON talks(slug);
ALTER TABLE recordings ADD COLUMN attached INTEGER NOT NULL DEFAULT 0;
UPDATE sources SET content_hash = NULL, etag = NULL, last_modified = NULL
WHERE kind IN ('frab-xml', 'schedule-json');
)sql",
};

}  // namespace

int schema_version() { return static_cast<int>(std::size(kMigrations)); }

void migrate(sql::Database& db) {
  auto& st = db.cached("PRAGMA user_version");
  st.step();
  int current = static_cast<int>(st.int64(0));
  st.reset();
  int latest = schema_version();
  if (current > latest) {
    throw Error("store", fmt::format("written by a newer talkdex (schema {}, this one knows {})", current, latest));
  }
  if (current == latest) return;
  sql::Transaction tx(db);
  for (int v = current; v < latest; ++v) db.exec(kMigrations[v]);
  db.exec(fmt::format("PRAGMA user_version = {}", latest).c_str());
  tx.commit();
}

}  // namespace talkdex
