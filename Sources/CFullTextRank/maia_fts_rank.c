#include "maia_fts_rank.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/// Each row's length in tokens (every column), by rowid, as FTS5 reports it; 0 where not read yet. One per
/// connection (the function's user data), freed when the connection closes.
///
/// A row's indexed text never changes while its rowid lives (messages are only inserted and deleted, and
/// `messages.seq` is AUTOINCREMENT, so a rowid is never reused; only a migration re-indexes rows, before a store
/// searches), so a length once read stays true. Reading it from FTS5 is one `%_docsize` lookup, about 1.3 µs: for
/// the 1,000 rows a query of common words ranks at 100K messages, ~40% of the ranking's time.
typedef struct {
    uint16_t *lengths;
    sqlite3_int64 capacity;
} maia_row_lengths;

/// Rowids past this are not kept (their lengths are read from FTS5 every time): 128 MB of lengths at most.
static const sqlite3_int64 maia_max_kept_rowid = (sqlite3_int64)1 << 26;

/// The length of the current row: kept, or read from FTS5 and kept.
static int maia_row_length(const Fts5ExtensionApi *api, Fts5Context *fts, maia_row_lengths *kept, int *size) {
    sqlite3_int64 rowid = api->xRowid(fts);
    int fits = rowid > 0 && rowid < maia_max_kept_rowid;
    if (fits && rowid < kept->capacity && kept->lengths[rowid] != 0) {
        *size = kept->lengths[rowid];
        return SQLITE_OK;
    }
    int rc = api->xColumnSize(fts, -1, size);
    if (rc != SQLITE_OK || !fits || *size <= 0 || *size > UINT16_MAX) return rc;
    if (rowid >= kept->capacity) {
        sqlite3_int64 capacity = kept->capacity > 0 ? kept->capacity : 1024;
        while (capacity <= rowid) capacity *= 2;
        uint16_t *grown = realloc(kept->lengths, (size_t)capacity * sizeof(uint16_t));
        // Out of memory: answer without keeping the length.
        if (grown == 0) return SQLITE_OK;
        for (sqlite3_int64 i = kept->capacity; i < capacity; i++) grown[i] = 0;
        kept->lengths = grown;
        kept->capacity = capacity;
    }
    kept->lengths[rowid] = (uint16_t)*size;
    return SQLITE_OK;
}

static void maia_row_lengths_free(void *pointer) {
    maia_row_lengths *kept = pointer;
    free(kept->lengths);
    free(kept);
}

/// The query's phrases: the owner token, then at most 64 words (`KeywordQuery.words`).
enum { maia_max_phrases = 65 };

/// The same arithmetic as `fts5Bm25Function` in SQLite's fts5_aux.c (k1 = 1.2, b = 0.75; a row's length counts
/// every column; a non-positive IDF becomes 1e-6), with the owner phrase (phrase 0) weighted 0 and the document
/// frequency of phrase i taken from argument i instead of from `xQueryPhrase`.
static void maia_bm25(
    const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *out, int argc, sqlite3_value **argv
) {
    const double k1 = 1.2, b = 0.75;
    double frequency[maia_max_phrases] = {0};
    sqlite3_int64 rows = 0, tokens = 0;
    int phrases = api->xPhraseCount(fts), instances = 0, size = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc == SQLITE_OK) rc = api->xInstCount(fts, &instances);
    for (int i = 0; rc == SQLITE_OK && i < instances; i++) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        // Column 0 is content; the owner column has weight 0.
        if (rc == SQLITE_OK && column == 0 && phrase < maia_max_phrases) frequency[phrase] += 1;
    }
    if (rc == SQLITE_OK) rc = maia_row_length(api, fts, api->xUserData(fts), &size);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(out, rc);
        return;
    }
    double average = rows > 0 && tokens > 0 ? (double)tokens / (double)rows : 1.0;
    double score = 0;
    for (int phrase = 1; phrase < phrases && phrase < maia_max_phrases && phrase - 1 < argc; phrase++) {
        double hits = sqlite3_value_double(argv[phrase - 1]);
        double idf = log(((double)rows - hits + 0.5) / (hits + 0.5));
        if (idf <= 0.0) idf = 1e-6;
        double f = frequency[phrase];
        score += idf * (f * (k1 + 1.0)) / (f + k1 * (1.0 - b + b * (double)size / average));
    }
    sqlite3_result_double(out, -score);
}

int maia_register_fts_rank(sqlite3 *db) {
    fts5_api *api = 0;
    sqlite3_stmt *statement = 0;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, 0);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", 0);
    sqlite3_step(statement);
    rc = sqlite3_finalize(statement);
    if (rc != SQLITE_OK) return rc;
    if (api == 0 || api->iVersion < 2) return SQLITE_ERROR;
    maia_row_lengths *kept = calloc(1, sizeof(maia_row_lengths));
    if (kept == 0) return SQLITE_NOMEM;
    rc = api->xCreateFunction(api, "maia_bm25", kept, maia_bm25, maia_row_lengths_free);
    // FTS5 calls the destructor only for a function it has registered.
    if (rc != SQLITE_OK) maia_row_lengths_free(kept);
    return rc;
}
