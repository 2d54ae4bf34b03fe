// The store's schema as numbered migrations, applied in order and recorded in
// schema_migrations (docs/store.md). Internal to src/store/.
#ifndef RASD_STORE_SCHEMA_H_
#define RASD_STORE_SCHEMA_H_

#include <string>

#include "rasd/status.h"
#include "store/sql.h"

namespace rasd::store {

// The newest schema version this build knows.
int LatestSchemaVersion();

// Creates schema_migrations if needed and applies every missing migration,
// each in its own transaction. Fails when the database is newer than this build.
Status Migrate(SqlConn* conn);

// Current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string NowIso();

// The version recorded in schema_migrations (0 when there is none).
Result<int> CurrentSchemaVersion(SqlConn* conn);

}  // namespace rasd::store

#endif  // RASD_STORE_SCHEMA_H_
