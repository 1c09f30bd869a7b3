#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro cast of -1 that Swift cannot import; this constant makes SQLite copy bound text.
static const sqlite3_destructor_type maia_sqlite_transient = (sqlite3_destructor_type)-1;
