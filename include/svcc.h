/* svcc.h — libsvcc: the svcc compiler as a C library.
 *
 * One `svcc` handle is one compilation: set its options, compile a root
 * file or bytes in memory (with everything the root imports), then walk its
 * diagnostics and its checked model, or write its outputs.  svcc_free()
 * releases everything the handle gave out: every string and pointer the
 * library returns belongs to the handle and stays valid until then (but
 * the buffers of svcc_*_buffer, which are the caller's).
 *
 * Errors are returned as svcc_status; svcc_last_error() words the last
 * one.  The library never exits and never prints but where it is given a
 * FILE*.  It keeps no global state: compilations are independent, and
 * two may run side by side, each in one thread at a time.  docs/api.md
 * states the rules and the version policy.
 */
#ifndef SVCC_H
#define SVCC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SVCC_VERSION_MAJOR 0
#define SVCC_VERSION_MINOR 11
#define SVCC_VERSION_PATCH 0
#define SVCC_VERSION_STRING "0.11.0"

/* The version of the library linked, "MAJOR.MINOR.PATCH". */
const char *svcc_version(void);

typedef enum svcc_status {
    SVCC_OK = 0,       /* done (a compilation: no errors, maybe warnings) */
    SVCC_EINPUT = 1,   /* the catalogue has errors: walk the diagnostics */
    SVCC_EUSAGE = 2,   /* a bad argument, an unreadable root file, a call out of order */
    SVCC_ENOMEM = 3,   /* out of memory: the handle can only be freed */
    SVCC_EIO = 4,      /* writing an output failed */
} svcc_status;

typedef struct svcc svcc;

/* A new compilation, or NULL if memory is short. */
svcc *svcc_new(void);

/* Free C and everything it gave out.  NULL is allowed. */
void svcc_free(svcc *c);

/* A sentence on the last status other than SVCC_OK that C returned ("" if
 * none). */
const char *svcc_last_error(const svcc *c);

/* Options, before compiling --------------------------------------------- */

/* Where `import "name"` looks: each include folder in the order added, then
 * each folder of the module path (colon-separated, like SVCC_PATH, which
 * the library does not read), then the standard library folder (by
 * default the one installed with the library). */
svcc_status svcc_add_include_dir(svcc *c, const char *dir);
svcc_status svcc_set_module_path(svcc *c, const char *dirs);
svcc_status svcc_set_stdlib_dir(svcc *c, const char *dir);

/* A warning option, as after -W: "error", "no-W0201", "error=W0201". */
svcc_status svcc_set_warning(svcc *c, const char *option);

/* Keep at most N errors (0: all); the rest are counted. */
svcc_status svcc_set_max_errors(svcc *c, unsigned n);

/* With KEEP false, count the warnings but do not keep them: for a run that
 * will not show them (svcc check -q), in less memory.  svcc_warning_count
 * stays exact (allows still take warnings out, and an allow that takes out
 * nothing is still an error); the diagnostics listed are the errors only,
 * with warnings made errors by svcc_set_warning.  Default: kept.
 * Since 0.11. */
svcc_status svcc_set_keep_warnings(svcc *c, bool keep);

/* Check a library: a file of declarations others import, without a
 * catalogue (svcc check --library).  References and each declaration are
 * checked; no catalogue is required and the checks that need the whole
 * catalogue (W0201, W0403, W0404, W0501) are skipped; there is nothing to
 * write (svcc_write_* say SVCC_EUSAGE).  Since 0.9. */
svcc_status svcc_set_library(svcc *c, bool library);

/* Read BYTES (LEN of them, copied) wherever the file PATH is read — as the
 * root or as an import — instead of what is on disk: an editor's unsaved
 * text of a file the catalogue imports.  PATH must exist on disk (it is
 * matched by its real path).  Since 0.10. */
svcc_status svcc_set_overlay(svcc *c, const char *path, const char *bytes, size_t len);

/* Compiling: once per handle ---------------------------------------------- */

/* Compile the catalogue whose root is PATH ("-": standard input). */
svcc_status svcc_compile_file(svcc *c, const char *path);

/* Compile a root given in memory: NAME is what diagnostics call it, BYTES
 * (LEN of them, copied) its text, DIR the folder its relative imports are
 * read from (NULL: the working folder).  For an editor's unsaved text. */
svcc_status svcc_compile_buffer(svcc *c, const char *name, const char *bytes, size_t len,
                                const char *dir);

/* Diagnostics ------------------------------------------------------------ */

typedef enum svcc_severity { SVCC_NOTE, SVCC_HELP, SVCC_WARNING, SVCC_ERROR } svcc_severity;

/* Where something is in the sources; lines and columns count from 1 (a
 * column counts characters), the end is one past the last character. */
typedef struct svcc_location {
    const char *file;  /* as the diagnostics give it */
    unsigned line, column, end_line, end_column;
} svcc_location;

typedef struct svcc_diagnostic svcc_diagnostic;

unsigned svcc_error_count(const svcc *c);
unsigned svcc_warning_count(const svcc *c);

/* The diagnostics kept, sorted by file and position. */
size_t svcc_diagnostic_count(const svcc *c);
const svcc_diagnostic *svcc_diagnostic_at(const svcc *c, size_t i);

svcc_severity svcc_diagnostic_severity(const svcc_diagnostic *d);
const char *svcc_diagnostic_code(const svcc_diagnostic *d);    /* "E0301" */
const char *svcc_diagnostic_message(const svcc_diagnostic *d);
/* Whether D has a place (a file it cannot read has none); fills *AT. */
bool svcc_diagnostic_location(const svcc *c, const svcc_diagnostic *d, svcc_location *at);

/* Notes and help lines, in order: SVCC_NOTE or SVCC_HELP, the text, and
 * for a note its place, if it has one. */
size_t svcc_diagnostic_note_count(const svcc_diagnostic *d);
svcc_severity svcc_diagnostic_note_kind(const svcc_diagnostic *d, size_t i);
const char *svcc_diagnostic_note_message(const svcc_diagnostic *d, size_t i);
bool svcc_diagnostic_note_location(const svcc *c, const svcc_diagnostic *d, size_t i,
                                   svcc_location *at);

/* Add a diagnostic without a place to C: CODE is one of svcc's
 * (docs/diagnostics.md; its severity comes with it), MESSAGE its text,
 * HELP a help line or NULL.  For a tool that reports its own failures
 * among svcc's, such as an output it cannot write (E0902). */
svcc_status svcc_report(svcc *c, const char *code, const char *message, const char *help);

typedef enum svcc_format { SVCC_FORMAT_TEXT, SVCC_FORMAT_JSON, SVCC_FORMAT_SARIF } svcc_format;

enum {
    SVCC_PRINT_COLOR = 1 << 0,  /* text: ANSI colours */
    SVCC_PRINT_QUIET = 1 << 1,  /* text: errors only, no summary line */
};

/* Every diagnostic, as svcc prints them (docs/diagnostics.md). */
svcc_status svcc_print_diagnostics(svcc *c, FILE *out, svcc_format format, unsigned flags);

/* The files a compilation read: the root first, then the files it imports,
 * breadth-first.  The name diagnostics give a file, and its real path
 * (NULL for standard input and a root in memory) — for a tool that must not
 * overwrite its inputs, or watches them. */
size_t svcc_file_count(const svcc *c);
const char *svcc_file_name(const svcc *c, size_t i);
const char *svcc_file_real_path(const svcc *c, size_t i);

/* The model ------------------------------------------------------------------
 *
 * After a compilation without errors; and, since 0.10, after one whose
 * errors are in declarations' fields and references (not in their syntax,
 * nor an import that cannot be read): what was checked, for an editor —
 * the entities declared, the values that are right, the references that
 * resolve.  The outputs below refuse a catalogue with errors. */

typedef enum svcc_kind {
    SVCC_CATALOGUE, SVCC_SERVICE, SVCC_OFFERING, SVCC_CONSUMER, SVCC_TEAM, SVCC_PERSON,
    SVCC_RESOURCE, SVCC_PRACTICE, SVCC_TEMPLATE, SVCC_FRAMEWORK, SVCC_REQUIREMENT,
    SVCC_SUPPLIER, SVCC_AGREEMENT, SVCC_CALENDAR, SVCC_CROSSWALK, SVCC_VIEW, /* since 0.9 */
    SVCC_KIND_COUNT
} svcc_kind;

/* "service", "team", … */
const char *svcc_kind_name(svcc_kind kind);

typedef struct svcc_entity svcc_entity;
typedef struct svcc_node svcc_node;   /* an entity's fields, or a field's block */

/* One value of a field: a small handle passed by value (its members are
 * the library's); svcc_value_exists() says whether there was one. */
typedef struct svcc_value {
    const void *node_, *val_;
    size_t field_;
} svcc_value;

/* The entities of KIND, sorted by id. */
size_t svcc_entity_count(const svcc *c, svcc_kind kind);
const svcc_entity *svcc_entity_at(const svcc *c, svcc_kind kind, size_t i);
/* The entity with ID (qualified: itil4.incident_management), or NULL. */
const svcc_entity *svcc_entity_find(const svcc *c, const char *id);

svcc_kind svcc_entity_kind(const svcc_entity *e);
const char *svcc_entity_id(const svcc_entity *e);
const char *svcc_entity_name(const svcc_entity *e);         /* or NULL */
const char *svcc_entity_description(const svcc_entity *e);  /* or NULL */
const char *svcc_entity_module(const svcc_entity *e);       /* or NULL */
/* Where it is declared: its keyword (end: its closing '}'). */
void svcc_entity_location(const svcc *c, const svcc_entity *e, svcc_location *at);
const svcc_node *svcc_entity_fields(const svcc_entity *e);

/* A node's fields are the rows of its kind's table (docs/language.md), in
 * order, with or without values; a field's values in the order written
 * (a template's where the entity wrote none). */
size_t svcc_node_field_count(const svcc_node *n);
const char *svcc_node_field_name(const svcc_node *n, size_t field);
size_t svcc_node_value_count(const svcc_node *n, size_t field);
svcc_value svcc_node_value(const svcc_node *n, size_t field, size_t i);
/* The values of the field named NAME: their count, and value I (none if N
 * has no such field). */
size_t svcc_node_count(const svcc_node *n, const char *name);
svcc_value svcc_node_get(const svcc_node *n, const char *name, size_t i);

bool svcc_value_exists(svcc_value v);

typedef enum svcc_value_type {
    SVCC_STRING, SVCC_INT, SVCC_DECIMAL, SVCC_PERCENT, SVCC_DURATION, SVCC_QUANTITY,
    SVCC_MONEY, SVCC_WORD, SVCC_REFERENCE, SVCC_LEVEL, SVCC_ITEM, SVCC_METRIC, SVCC_PRICE,
    SVCC_LINK,  /* since 0.9: a named link (links docs "https://…") */
    SVCC_BLOCK, /* since 0.9: a block without a value (request { … }): read svcc_value_block */
    SVCC_HOURS  /* since 0.9: a calendar's period (mon-fri 08:30-12:00) */
} svcc_value_type;

svcc_value_type svcc_value_type_of(svcc_value v);
/* Its text: a string's, a word, a number or duration as written, an
 * amount, an item's id, a metric's name, the id a reference names (or
 * the role written in its place, "department head": then
 * svcc_value_entity is NULL), a link's URL; "" for a block; NULL for a
 * price charged back (it has no amount). */
const char *svcc_value_text(svcc_value v);
/* A number's value, a percentage (99.9), a duration in seconds (business
 * time: its count, see svcc_value_unit), a quantity, a calendar period's
 * minutes in a week; 0 for the other types. */
double svcc_value_number(svcc_value v);
/* A quantity's unit, money's or a price's currency, business time's
 * "business hours" or "business days" (since 0.9); else NULL. */
const char *svcc_value_unit(svcc_value v);
/* A link's name (docs), a calendar closure's name, an item's display
 * name; else NULL.  Since 0.9. */
const char *svcc_value_label(svcc_value v);
/* The entity a reference names, or the calendar business time names with
 * `in` (since 0.9: without `in` it is counted in the offering's or
 * agreement's level support_hours, and this is NULL); else NULL. */
const svcc_entity *svcc_value_entity(svcc_value v);
/* The block written after it (a dependency's, an item's, a
 * characteristic's), or NULL. */
const svcc_node *svcc_value_block(svcc_value v);
void svcc_value_location(const svcc *c, svcc_value v, svcc_location *at);

/* Services that depend on service E, directly (sorted by id). */
size_t svcc_dependent_count(const svcc_entity *e);
const svcc_entity *svcc_dependent_at(const svcc_entity *e, size_t i);

/* Outputs (after a compilation without errors) ------------------------- */

/* The catalogue JSON (docs/catalogue-json.md). */
svcc_status svcc_write_json(svcc *c, FILE *out);

typedef struct svcc_graph_options {
    const char *format;        /* "dot" (NULL), "svg", "png", "pdf" or "mermaid" */
    bool offerings, consumers; /* draw them too */
    bool cluster_owner;        /* group services by owner */
    bool legend;
    const char *focus;         /* a service id: only it and its neighbourhood; NULL: all */
    int depth;                 /* with focus: hops to follow (< 0: no limit) */
    const char *direction;     /* with focus: "down", "up" or "both" (NULL) */
    const char *layout;        /* graphviz engine; NULL: chosen by size */
    long max_nodes;            /* svg, png, pdf: refuse larger graphs (0: no limit,
                                * < 0: the engine's default); 0 also writes
                                * Mermaid over its renderers' limits */
    /* Since 0.9: */
    const char *title;         /* NULL: the catalogue's name; "": no title */
    const char *rankdir;       /* "TB", "LR", "BT", "RL"; NULL: chosen by shape */
    double aspect;             /* width / height to aim for (0: the screen's;
                                * < 0: graphviz's own layout, nothing planned) */
    int screen_width, screen_height; /* pixels to plan for (0: 1600 x 1000) */
    bool hide_suppliers, hide_related; /* leave them out */
    const char *link_template; /* svg: each node links to it, "{id}" and "{kind}"
                                * replaced (services/{id}.html); or NULL */
    const char *view;          /* a view's id: draw it (its start, depth, direction,
                                * filters, kinds, clusters and layout replace
                                * focus, depth, direction, offerings, consumers,
                                * cluster_owner and the hide_ members; its name
                                * is the title unless title is set) */
} svcc_graph_options;

/* Options as svcc graph has them by default (a legend, since 0.9). */
void svcc_graph_options_init(svcc_graph_options *o);

/* The dependency graph (docs/graphs.md); OPTIONS NULL: the defaults. */
svcc_status svcc_write_graph(svcc *c, FILE *out, const svcc_graph_options *options);

/* What an outage of SERVICE — a service or (since 0.9) a supplier —
 * touches (svcc impact), as text or JSON. */
svcc_status svcc_write_impact(svcc *c, FILE *out, const char *service, bool json);

/* The assessment against a framework as a document (docs/report.md).
 * "Today" is SOURCE_DATE_EPOCH's day when set, else the clock's.  Since 0.9. */
typedef struct svcc_report_options {
    const char *framework;      /* the framework's id (required) */
    const char *format;         /* "text" (NULL), "markdown", "html" or "json"
                                 * (schema/report.schema.json) */
    const char *fail_on;        /* "gap" (gap, inferred only, not addressed),
                                 * "partial" (anything not met nor not
                                 * applicable), or NULL */
    const svcc *baseline;       /* an earlier version, compiled without
                                 * errors: the report adds what changed
                                 * since (newly met, lost, maturity up or
                                 * down); or NULL */
    const char *baseline_label; /* how the report names it ("main"), or NULL */
    size_t failing;             /* set: how many shall requirements stand at
                                 * fail_on or worse (0 without fail_on) */
} svcc_report_options;
svcc_status svcc_write_report(svcc *c, FILE *out, svcc_report_options *o);

/* Formatting (svcc fmt), without a handle: BYTES (LEN of them) in svcc's
 * one layout, in *DATA (*OUT_LEN bytes and a NUL, the caller's to release
 * with svcc_buffer_free()).  SVCC_EINPUT if the text has syntax errors
 * (nothing is written to *DATA), SVCC_ENOMEM out of memory.  Since 0.10. */
svcc_status svcc_fmt_buffer(const char *bytes, size_t len, char **data, size_t *out_len);

/* The same three into memory: *DATA (LEN bytes and a NUL) is the caller's
 * to release with svcc_buffer_free(). */
svcc_status svcc_json_buffer(svcc *c, char **data, size_t *len);
svcc_status svcc_graph_buffer(svcc *c, const svcc_graph_options *options, char **data, size_t *len);
svcc_status svcc_impact_buffer(svcc *c, const char *service, bool json, char **data, size_t *len);
void svcc_buffer_free(char *data);

#ifdef __cplusplus
}
#endif

#endif
