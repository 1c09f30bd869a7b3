// Times FTS5's bm25 against maia_bm25 (Sources/CFullTextRank) on the keyword index's schema with one user of
// 100,000 messages (14 words each from the 55-word vocabulary of `maia-bench store`) and 1,000 of another user.
// Build and run (docs/storage.md, "Keyword search on SQLite"):
//   cc -O2 -ISources/CFullTextRank/include scripts/reference/fts5_rank_cost.c -o /tmp/fts5_rank_cost -lsqlite3 -lm
//   /tmp/fts5_rank_cost /tmp/fts5-rank.sqlite
#include "../../Sources/CFullTextRank/maia_fts_rank.c"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *vocabulary[] = {
    "sister", "mother", "father", "work", "tired", "stuck", "anxious", "calm", "river", "garden", "morning", "night",
    "dream", "fire", "water", "earth", "air", "moving", "lisbon", "pottery", "studio", "spring", "winter", "breath",
    "fear", "joy", "grief", "clarity", "realised", "ready", "change", "home", "job", "friend", "call", "letter",
    "music", "walk", "sea", "mountain", "book", "silence", "anger", "love", "trust", "lost", "found", "rest", "body",
    "heart"};

static double milliseconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/// The median of `runs` executions of `sql`.
static double median(sqlite3 *db, const char *sql, int runs) {
    double times[64];
    for (int run = 0; run < runs; run++) {
        sqlite3_stmt *statement;
        if (sqlite3_prepare_v2(db, sql, -1, &statement, 0) != SQLITE_OK) {
            fprintf(stderr, "%s\n", sqlite3_errmsg(db));
            exit(1);
        }
        double start = milliseconds();
        while (sqlite3_step(statement) == SQLITE_ROW) {}
        times[run] = milliseconds() - start;
        sqlite3_finalize(statement);
    }
    qsort(times, runs, sizeof times[0], compare);
    return times[runs / 2];
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s <new database file>\n", argv[0]);
        return 2;
    }
    sqlite3 *db;
    remove(argv[1]);
    sqlite3_open(argv[1], &db);
    maia_register_fts_rank(db);
    sqlite3_exec(db,
        "CREATE TABLE messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT, content TEXT);"
        "CREATE VIEW messages_fts_source AS SELECT seq, content, hex(user_id) AS owner FROM messages;"
        "CREATE VIRTUAL TABLE messages_fts USING fts5(content, owner, content = 'messages_fts_source',"
        " content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2');"
        "CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN INSERT INTO messages_fts (rowid, content,"
        " owner) VALUES (new.seq, new.content, hex(new.user_id)); END;"
        "CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, messages_fts, 'col');",
        0, 0, 0);
    srand(7);
    sqlite3_exec(db, "BEGIN", 0, 0, 0);
    sqlite3_stmt *insert;
    sqlite3_prepare_v2(db, "INSERT INTO messages (user_id, content) VALUES (?, ?)", -1, &insert, 0);
    for (int row = 0; row < 101000; row++) {
        char text[400] = "";
        for (int word = 0; word < 14; word++) {
            strcat(text, vocabulary[rand() % 50]);
            strcat(text, " ");
        }
        sqlite3_bind_text(insert, 1, row < 1000 ? "small" : "big", -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 2, text, -1, SQLITE_TRANSIENT);
        sqlite3_step(insert);
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    sqlite3_exec(db, "INSERT INTO messages (user_id, content) VALUES ('big', 'lisbonne once'); COMMIT", 0, 0, 0);
    // 'big' is 626967 in hex; three common words, then one that occurs once.
    const char *common = "'owner:\"626967\" AND content:(\"sister\" OR \"moving\" OR \"lisbon\")'";
    const char *rare = "'owner:\"626967\" AND content:(\"lisbonne\")'";
    char counts[200] = "";
    sqlite3_stmt *lookup;
    sqlite3_prepare_v2(db, "SELECT doc FROM temp.terms WHERE col = 'content' AND term = ?", -1, &lookup, 0);
    const char *words[] = {"sister", "moving", "lisbon"};
    for (int i = 0; i < 3; i++) {
        sqlite3_bind_text(lookup, 1, words[i], -1, SQLITE_STATIC);
        if (sqlite3_step(lookup) == SQLITE_ROW)
            sprintf(counts + strlen(counts), "%s%lld", i ? ", " : "", sqlite3_column_int64(lookup, 0));
        sqlite3_reset(lookup);
    }
    sqlite3_finalize(lookup);
    char sql[1000];
    printf("| query | ranking | median ms |\n|---|---|---|\n");
    sprintf(sql, "SELECT rowid, bm25(messages_fts, 1.0, 0.0) AS s FROM messages_fts WHERE messages_fts MATCH %s"
        " ORDER BY s, rowid DESC LIMIT 10", common);
    printf("| 3 common words, every match | bm25 | %.2f |\n", median(db, sql, 5));
    sprintf(sql, "SELECT rowid, maia_bm25(messages_fts, %s) AS s FROM messages_fts WHERE messages_fts MATCH %s"
        " ORDER BY s, rowid DESC LIMIT 10", counts, common);
    printf("| 3 common words, every match | maia_bm25 | %.2f |\n", median(db, sql, 5));
    sprintf(sql, "SELECT seq, s FROM (SELECT rowid AS seq, maia_bm25(messages_fts, %s) AS s FROM messages_fts WHERE"
        " messages_fts MATCH %s ORDER BY rowid DESC LIMIT 1000) ORDER BY s LIMIT 10", counts, common);
    printf("| 3 common words, newest 1,000 matches | maia_bm25 | %.2f |\n", median(db, sql, 21));
    sprintf(sql, "SELECT rowid, bm25(messages_fts, 1.0, 0.0) AS s FROM messages_fts WHERE messages_fts MATCH %s"
        " ORDER BY s LIMIT 10", rare);
    printf("| 1 word in 1 row | bm25 | %.3f |\n", median(db, sql, 21));
    sprintf(sql, "SELECT rowid, maia_bm25(messages_fts, 1) AS s FROM messages_fts WHERE messages_fts MATCH %s"
        " ORDER BY s LIMIT 10", rare);
    printf("| 1 word in 1 row | maia_bm25 | %.3f |\n", median(db, sql, 21));
    sqlite3_close(db);
    return 0;
}
