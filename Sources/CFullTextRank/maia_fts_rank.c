#include "maia_fts_rank.h"

#include <math.h>

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
    if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &size);
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
    return api->xCreateFunction(api, "maia_bm25", 0, maia_bm25, 0);
}
