#ifndef MAIA_FTS_RANK_H
#define MAIA_FTS_RANK_H

#include <sqlite3.h>

/// Registers `maia_bm25` on the connection's FTS5 module; returns an SQLite result code.
///
/// `maia_bm25(fts, n1, n2, ...)` is FTS5's own `bm25(fts, 1.0, 0.0)` (content weight 1, owner weight 0) for a
/// query `owner:"…" AND content:(w1 OR w2 …)`, except that `ni`, the number of rows whose content holds word i,
/// is passed in. FTS5's bm25 counts it on every query by reading each phrase's whole doclist, including the owner
/// token's (one entry per row of the user): at 100K messages of one user that alone took 16–30 ms a query.
/// Each connection keeps the row lengths (in tokens) that its ranking has read, by rowid, until it closes.
int maia_register_fts_rank(sqlite3 *db);

#endif
