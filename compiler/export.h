/* export.h — the catalogue for other tools (svcc export, docs/export.md):
 * as relational tables, for the exports that hold tables (csv, sqlite),
 * as Backstage entities, as TM Forum resources, as Markdown pages and as
 * an HTML portal.
 *
 * export_tables() walks a checked model and hands each table, then each of
 * its rows, to a TableSink; the sink decides how they are written.  The
 * cells of a row point into the model or into a buffer of the walk's own,
 * valid only during the sink's call: a sink copies what it keeps.  Tables
 * come in a fixed order, each table's rows by id (as Model.by_kind), so
 * the output is deterministic.
 */
#ifndef SVCC_EXPORT_H
#define SVCC_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "compiler.h"

typedef enum ColType { COL_TEXT, COL_INT, COL_REAL } ColType;

typedef struct Column {
    const char *name;
    ColType type;
    const char *refs;       /* the table whose id this column holds (a foreign key), or NULL */
} Column;

typedef struct Table {
    const char *name;
    const Column *cols;
    size_t ncols;
    size_t nkey;            /* the primary key: the first NKEY columns (0: none) */
} Table;

/* A value: NULL, text, or a number.  A number keeps the text it was
 * written as, when it was (an amount's exact decimal: "4.50"). */
typedef struct Cell {
    enum { CELL_NULL, CELL_TEXT, CELL_INT, CELL_REAL } kind;
    const char *text;       /* TEXT; INT, REAL: as written, or NULL */
    size_t len;
    int64_t i;
    double r;
} Cell;

typedef struct TableSink {
    void *ctx;
    bool (*begin)(void *ctx, const Table *t);
    bool (*row)(void *ctx, const Table *t, const Cell *cells); /* t->ncols cells */
    bool (*end)(void *ctx, const Table *t);
} TableSink;

/* Every table, in order; false as soon as the sink returns false. */
bool export_tables(Compiler *c, const Model *m, const TableSink *sink);

/* The catalogue as Backstage entities, multi-document YAML, to OUT
 * (export_backstage.c); names repaired are warnings (W0901).  Allocates
 * in C's arena: call it under the out-of-memory guard (api.c).  False if
 * writing failed. */
bool export_backstage(Compiler *c, const Model *m, FILE *out);

/* The catalogue as TM Forum resources (export_tmf.c): API "tmf633"
 * (version 4) or "tmf620" (version 4 or 5), one JSON document to OUT.
 * Allocates in C's arena: call it under the out-of-memory guard.  False if
 * writing failed. */
bool export_tmf(Compiler *c, const Model *m, FILE *out, const char *api, int version);

/* Where a multi-file export's pages go: open(PATH) gives the stream for
 * the page PATH (relative: "index.md", "services/email.md"), or NULL after
 * saying why; close() ends the page opened last, false if it failed. */
typedef struct PageSink {
    void *ctx;
    FILE *(*open)(void *ctx, const char *path);
    bool (*close)(void *ctx);
} PageSink;

/* The names of the pages of the entities of KINDS (ended by DECL__COUNT),
 * by entity order, without extension: the id, or, for the second of two
 * ids of a kind that differ only in case (one file on a case-blind file
 * system), the id, '-' and eight hex digits of its hash.  In C's arena. */
const char **export_page_names(Compiler *c, const Model *m, const DeclKind *kinds);

/* The catalogue as Markdown pages (export_markdown.c).  Allocates in C's
 * arena: call it under the out-of-memory guard.  False once the sink
 * failed. */
bool export_markdown(Compiler *c, const Model *m, const PageSink *sink);

/* The catalogue as a static HTML portal (export_html.c), through SINK.
 * Allocates in C's arena and lays the graph out with graphviz: call it
 * under the out-of-memory guard.  False once the sink failed. */
bool export_html(Compiler *c, const Model *m, const PageSink *sink);

/* The tables export_tables() writes, in its order. */
extern const Table *const export_table_list[];
extern const size_t export_table_count;

#endif
