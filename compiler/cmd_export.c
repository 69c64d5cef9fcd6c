/* cmd_export.c — svcc export FILE --format FMT -o OUT: the checked
 * catalogue written for another tool (docs/export.md).
 *
 * csv and sqlite hold the same tables (export.h): csv as a folder of RFC
 * 4180 files, one per table; sqlite as a database file through libsqlite3,
 * with keys, indexes and views.  markdown and html are folders of pages
 * the library writes through a PageSink.  Every file is written beside its
 * destination and renamed into place once all of them are written
 * (output.h): a run that fails leaves the earlier export as it was.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api.h"
#include "cli.h"
#include "export.h"
#include "output.h"

/* --- a folder of files ---------------------------------------------------- */

/* Files written into DIR, each beside its destination, all synced and
 * renamed into place by folder_end once every one is written. */
typedef struct Folder {
    const char *dir;
    Output *outs;
    size_t n, cap;
    char made[PATH_MAX];    /* the subfolder made last: pages come folder by folder */
    char err[600];
} Folder;

/* Make folder DIR unless it is there; false with a message. */
static bool make_folder(const char *dir, char *err, size_t errlen, const char *what)
{
    struct stat st;
    if (mkdir(dir, 0777) == 0)
        return true;
    if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return true;
    if (errno == EEXIST)
        snprintf(err, errlen, "cannot export to '%s': it is a file, and %s writes a folder", dir, what);
    else
        snprintf(err, errlen, "cannot make the folder '%s': %s", dir, strerror(errno));
    return false;
}

/* The stream for DIR/REL (REL's folder made if missing), or NULL with a
 * message. */
static FILE *folder_open(Folder *x, const char *rel)
{
    char path[PATH_MAX];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", x->dir, rel) >= sizeof path) {
        snprintf(x->err, sizeof x->err, "export: the folder's path is too long");
        return NULL;
    }
    char *slash = strrchr(path, '/');
    if (slash > path + strlen(x->dir)) { /* REL has a folder of its own */
        *slash = '\0';
        if (strcmp(path, x->made) != 0) {
            if (!make_folder(path, x->err, sizeof x->err, "export"))
                return NULL;
            snprintf(x->made, sizeof x->made, "%s", path);
        }
        *slash = '/';
    }
    if (x->n == x->cap) {
        size_t cap = x->cap ? 2 * x->cap : 32;
        Output *outs = realloc(x->outs, sizeof *outs * cap);
        if (!outs) {
            snprintf(x->err, sizeof x->err, "out of memory");
            return NULL;
        }
        x->outs = outs, x->cap = cap;
    }
    /* output_open keeps the path it is given, for messages: one that lives on */
    char *keep = strdup(path);
    if (!keep || !output_open(&x->outs[x->n], keep, x->err, sizeof x->err)) {
        if (!keep)
            snprintf(x->err, sizeof x->err, "out of memory");
        free(keep);
        return NULL;
    }
    x->outs[x->n].no_sync = true; /* one sync for all, in folder_end */
    return x->outs[x->n++].fp;
}

/* The file opened last is written: flushed and closed (synced with the
 * others by folder_end). */
static bool folder_close(Folder *x)
{
    return output_finish(&x->outs[x->n - 1], x->err, sizeof x->err);
}

/* Every file into place; then (or on failure, every temporary file
 * removed) what the folder holds is freed. */
static bool folder_end(Folder *x, bool ok, char *err, size_t errlen)
{
    /* One sync per file system the files are on (a link may lead off DIR's):
     * far fewer calls than files. */
    dev_t synced[8];
    size_t nsynced = 0;
    for (size_t i = 0; ok && i < x->n; i++) {
        struct stat st;
        if (!x->outs[i].tmp || stat(x->outs[i].tmp, &st) != 0)
            continue;
        size_t k = 0;
        while (k < nsynced && synced[k] != st.st_dev)
            k++;
        if (k < nsynced)
            continue;
        ok = output_sync_all(&x->outs[i], x->err, sizeof x->err);
        if (nsynced < sizeof synced / sizeof synced[0])
            synced[nsynced++] = st.st_dev;
    }
    for (size_t i = 0; ok && i < x->n; i++)
        ok = output_rename(&x->outs[i], x->err, sizeof x->err);
    for (size_t i = 0; i < x->n; i++) {
        if (!ok)
            output_abort(&x->outs[i]);
        free((char *)x->outs[i].path);
    }
    free(x->outs);
    if (!ok)
        snprintf(err, errlen, "%s", x->err[0] ? x->err : "cannot write the export");
    return ok;
}

/* --- csv ------------------------------------------------------------------ */

/* TEXT as an RFC 4180 field: quoted when it holds a comma, a quote, a
 * line break, or nothing at all (an empty string, told from NULL, which
 * is written as no field at all: the convention of PostgreSQL's COPY). */
static void csv_text(FILE *f, const char *s, size_t n)
{
    bool quote = n == 0 || strcspn(s, ",\"\r\n") < n;
    if (!quote) {
        fwrite(s, 1, n, f);
        return;
    }
    putc('"', f);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            putc('"', f);
        putc(s[i], f);
    }
    putc('"', f);
}

/* A number's text: as written when it was, else the shortest that reads back. */
static const char *number_text(const Cell *cell, char *buf, size_t size, size_t *len)
{
    if (cell->text) {
        *len = cell->len;
        return cell->text;
    }
    if (cell->kind == CELL_INT) {
        *len = (size_t)snprintf(buf, size, "%" PRId64, cell->i);
        return buf;
    }
    for (int prec = 15; prec <= 17; prec++) {
        *len = (size_t)snprintf(buf, size, "%.*g", prec, cell->r);
        if (strtod(buf, NULL) == cell->r)
            break;
    }
    return buf;
}

static bool csv_begin(void *ctx, const Table *t)
{
    Folder *x = ctx;
    char rel[128];
    snprintf(rel, sizeof rel, "%s.csv", t->name);
    FILE *f = folder_open(x, rel);
    if (!f)
        return false;
    for (size_t i = 0; i < t->ncols; i++) {
        if (i)
            putc(',', f);
        fputs(t->cols[i].name, f);
    }
    fputs("\r\n", f);
    return true;
}

static bool csv_row(void *ctx, const Table *t, const Cell *cells)
{
    Folder *x = ctx;
    FILE *f = x->outs[x->n - 1].fp;
    for (size_t i = 0; i < t->ncols; i++) {
        if (i)
            putc(',', f);
        const Cell *cell = &cells[i];
        char buf[64];
        size_t len = 0;
        if (cell->kind == CELL_TEXT) {
            csv_text(f, cell->text, cell->len);
        } else if (cell->kind != CELL_NULL) {
            const char *s = number_text(cell, buf, sizeof buf, &len);
            fwrite(s, 1, len, f);
        }
    }
    fputs("\r\n", f);
    if (ferror(f)) {
        snprintf(x->err, sizeof x->err, "cannot write '%s': %s", x->outs[x->n - 1].path, strerror(errno));
        return false;
    }
    return true;
}

static bool csv_end(void *ctx, const Table *t)
{
    (void)t;
    return folder_close(ctx);
}

static bool export_csv(Compiler *c, const Model *m, const char *dir, char *err, size_t errlen)
{
    if (!make_folder(dir, err, errlen, "csv"))
        return false;
    Folder x = {.dir = dir};
    TableSink sink = {&x, csv_begin, csv_row, csv_end};
    return folder_end(&x, export_tables(c, m, &sink), err, errlen);
}

/* --- markdown and html -------------------------------------------------------- */

static FILE *page_open(void *ctx, const char *rel) { return folder_open(ctx, rel); }
static bool page_close(void *ctx) { return folder_close(ctx); }

/* The pages are written by the library (export_markdown.c, export_html.c),
 * under its out-of-memory guard; running out of memory comes back as its
 * status. */
static int export_pages(svcc *c, const char *format, const char *dir, char *err, size_t errlen)
{
    if (!make_folder(dir, err, errlen, format))
        return EXIT_USAGE;
    Folder x = {.dir = dir};
    PageSink sink = {&x, page_open, page_close};
    svcc_status st = api_write_pages(c, format, &sink);
    if (st == SVCC_ENOMEM) {
        folder_end(&x, false, err, errlen);
        return -1;
    }
    if (st != SVCC_OK && !x.err[0])
        snprintf(x.err, sizeof x.err, "%s", svcc_last_error(c));
    return folder_end(&x, st == SVCC_OK, err, errlen) ? 0 : EXIT_USAGE;
}

/* --- sqlite ----------------------------------------------------------------- */

typedef struct Db {
    sqlite3 *db;
    sqlite3_stmt *insert;
    char err[600];
} Db;

/* What users ask of the tables: indexes for the joins they make, and views
 * (docs/export.md, SQLite). */
static const char db_views[] =
    "CREATE INDEX dependencies_depends_on ON dependencies(depends_on_kind, depends_on);\n"
    "CREATE INDEX dependencies_dependent ON dependencies(dependent_kind, dependent);\n"
    "CREATE INDEX offering_services_service ON offering_services(service);\n"
    "CREATE INDEX assessments_requirement ON assessments(requirement);\n"
    /* Every path up the dependencies from a service or supplier to a
     * service that depends on it, directly or not; hard when every step is
     * a hard dependency.  A path never visits a service twice. */
    "CREATE VIEW impact_paths(service, affected, distance, hard, path) AS\n"
    "WITH RECURSIVE up(service, affected, distance, hard, path) AS (\n"
    "  SELECT depends_on, dependent, 1, strength = 'hard', depends_on || ' > ' || dependent\n"
    "    FROM dependencies WHERE dependent_kind = 'service'\n"
    "  UNION ALL\n"
    "  SELECT up.service, d.dependent, up.distance + 1, up.hard AND d.strength = 'hard',\n"
    "         up.path || ' > ' || d.dependent\n"
    "    FROM up JOIN dependencies d\n"
    "      ON d.depends_on_kind = 'service' AND d.depends_on = up.affected AND d.dependent_kind = 'service'\n"
    "   WHERE instr(' ' || up.path || ' ', ' ' || d.dependent || ' ') = 0\n"
    ")\n"
    "SELECT service, affected, distance, hard, path FROM up;\n"
    /* One row per service affected, as svcc impact gives it: the shortest
     * hard path if there is one, else the shortest of any kind. */
    "CREATE VIEW impact(service, affected, distance, hard, path) AS\n"
    "SELECT service, affected, distance, hard, path FROM (\n"
    "  SELECT *, row_number() OVER (PARTITION BY service, affected ORDER BY hard DESC, distance, path) AS k\n"
    "    FROM impact_paths)\n"
    "WHERE k = 1;\n"
    /* Requirements no practice assesses as met or not applicable. */
    "CREATE VIEW unsatisfied_requirements(requirement, framework, clause, level, name, assessed) AS\n"
    "SELECT r.id, r.framework, r.clause, r.level, r.name,\n"
    "       (SELECT group_concat(a.practice || ': ' || coalesce(a.status, 'not stated'), ', ')\n"
    "          FROM assessments a WHERE a.requirement = r.id)\n"
    "  FROM requirements r\n"
    " WHERE NOT EXISTS (SELECT 1 FROM assessments a\n"
    "                    WHERE a.requirement = r.id AND a.status IN ('met', 'not_applicable'));\n";

static bool db_fail(Db *x, const char *what)
{
    snprintf(x->err, sizeof x->err, "sqlite: %s: %s", what, sqlite3_errmsg(x->db));
    return false;
}

static bool db_begin(void *ctx, const Table *t)
{
    Db *x = ctx;
    static const char *const types[] = {"TEXT", "INTEGER", "REAL"};
    char sql[4096], ins[2048];
    size_t n = (size_t)snprintf(sql, sizeof sql, "CREATE TABLE %s (", t->name);
    size_t k = (size_t)snprintf(ins, sizeof ins, "INSERT INTO %s VALUES (", t->name);
    for (size_t i = 0; i < t->ncols; i++) {
        n += (size_t)snprintf(sql + n, sizeof sql - n, "%s%s %s%s", i ? ", " : "", t->cols[i].name,
                              types[t->cols[i].type], i < t->nkey ? " NOT NULL" : "");
        k += (size_t)snprintf(ins + k, sizeof ins - k, "%s?", i ? ", " : "");
    }
    for (size_t i = 0; i < t->nkey; i++)
        n += (size_t)snprintf(sql + n, sizeof sql - n, "%s%s", i ? ", " : ", PRIMARY KEY (", t->cols[i].name);
    if (t->nkey)
        n += (size_t)snprintf(sql + n, sizeof sql - n, ")");
    for (size_t i = 0; i < t->ncols; i++)
        if (t->cols[i].refs)
            n += (size_t)snprintf(sql + n, sizeof sql - n, ", FOREIGN KEY (%s) REFERENCES %s(id)",
                                  t->cols[i].name, t->cols[i].refs);
    snprintf(sql + n, sizeof sql - n, ")");
    snprintf(ins + k, sizeof ins - k, ")");
    if (sqlite3_exec(x->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(x, t->name);
    if (sqlite3_prepare_v2(x->db, ins, -1, &x->insert, NULL) != SQLITE_OK)
        return db_fail(x, t->name);
    return true;
}

static bool db_row(void *ctx, const Table *t, const Cell *cells)
{
    Db *x = ctx;
    sqlite3_stmt *s = x->insert;
    for (size_t i = 0; i < t->ncols; i++) {
        const Cell *cell = &cells[i];
        int col = (int)i + 1;
        switch (cell->kind) {
        case CELL_NULL: sqlite3_bind_null(s, col); break;
        case CELL_TEXT: sqlite3_bind_text64(s, col, cell->text, cell->len, SQLITE_STATIC, SQLITE_UTF8); break;
        case CELL_INT: sqlite3_bind_int64(s, col, cell->i); break;
        case CELL_REAL: sqlite3_bind_double(s, col, cell->r); break;
        }
    }
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE || db_fail(x, t->name);
}

static bool db_end(void *ctx, const Table *t)
{
    (void)t;
    Db *x = ctx;
    sqlite3_finalize(x->insert);
    x->insert = NULL;
    return true;
}

/* Write the database to PATH, an empty file. */
static bool db_write(Compiler *c, const Model *m, const char *path, char *err, size_t errlen)
{
    Db x = {0};
    bool ok = sqlite3_open_v2(path, &x.db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK;
    if (!ok)
        db_fail(&x, "cannot open the database");
    /* The file is new and removed on failure: no journal needed. */
    ok = ok && (sqlite3_exec(x.db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN",
                             NULL, NULL, NULL) == SQLITE_OK || db_fail(&x, "cannot start writing"));
    TableSink sink = {&x, db_begin, db_row, db_end};
    ok = ok && export_tables(c, m, &sink);
    ok = ok && (sqlite3_exec(x.db, db_views, NULL, NULL, NULL) == SQLITE_OK || db_fail(&x, "views"));
    ok = ok && (sqlite3_exec(x.db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK || db_fail(&x, "cannot commit"));
    sqlite3_finalize(x.insert);
    if (sqlite3_close(x.db) != SQLITE_OK && ok)
        ok = db_fail(&x, "cannot close the database");
    if (!ok)
        snprintf(err, errlen, "%s", x.err);
    return ok;
}

static bool export_sqlite(Compiler *c, const Model *m, Output *out, const char *path, char *err,
                          size_t errlen)
{
    if (!output_open(out, path, err, errlen))
        return false;
    if (!out->tmp) {
        snprintf(err, errlen, "export --format sqlite writes a database file: -o must name a file, not '%s'",
                 path);
        output_abort(out);
        return false;
    }
    if (!output_finish(out, err, errlen)) /* an empty file, which SQLite opens as a new database */
        return false;
    bool ok = db_write(c, m, out->tmp, err, errlen);
    int fd = ok ? open(out->tmp, O_RDONLY) : -1;
    if (ok && (fd < 0 || fsync(fd) != 0)) {
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
        ok = false;
    }
    if (fd >= 0)
        close(fd);
    if (!ok)
        output_abort(out);
    return ok;
}

/* --- the command --------------------------------------------------------- */

const char *const export_formats[] = {"backstage", "tmf633", "tmf620", "markdown", "html", "csv", "sqlite",
                                      NULL};

/* csv, sqlite, markdown and html; backstage and tmf* are streams (main.c's
 * write_output). */
int cmd_export(svcc *c, const char *format, const char *path, Output *out, char *err, size_t errlen)
{
    Compiler *cc = api_compiler(c);
    const Model *m = api_model(c);
    if (strcmp(format, "markdown") == 0 || strcmp(format, "html") == 0)
        return export_pages(c, format, path, err, errlen);
    if (strcmp(format, "csv") == 0)
        return export_csv(cc, m, path, err, errlen) ? 0 : EXIT_USAGE;
    return export_sqlite(cc, m, out, path, err, errlen) ? 0 : EXIT_USAGE;
}
