#pragma once

namespace talkdex {
namespace sql {
class Database;
}

// The number of migrations this build knows.
int schema_version();
// Applies the missing migrations in one transaction; throws Error for a newer file.
void migrate(sql::Database& db);

}  // namespace talkdex
