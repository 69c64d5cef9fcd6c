/* api.c — libsvcc (include/svcc.h) over the compiler: a handle is one
 * Compiler, compiled by drive(); the public types are the internal ones
 * under opaque names (svcc_entity is an Entity, svcc_node a Node,
 * svcc_value a Val, svcc_diagnostic a Diag). */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "svcc.h"

#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "calendar.h"
#include "report.h"
#include "driver.h"
#include "emit.h"
#include "export.h"
#include "fmt.h"

#ifndef SVCC_STDLIB_DIR
#define SVCC_STDLIB_DIR "/usr/local/share/svcc/stdlib"
#endif

_Static_assert((int)SVCC_KIND_COUNT == (int)DECL__COUNT, "svcc_kind is DeclKind");
_Static_assert((int)SVCC_ERROR == (int)SEV_ERROR && (int)SVCC_NOTE == (int)SEV_NOTE &&
                   (int)SVCC_HELP == (int)SEV_HELP && (int)SVCC_WARNING == (int)SEV_WARNING,
               "svcc_severity is Severity");

enum { STATE_NEW, STATE_COMPILED, STATE_BROKEN };

struct svcc {
    Compiler c;
    int state;
    Model *m;                 /* after a compilation that made one (its errors, if any,
                               * in fields and references: svcc.h) */
    bool clean;               /* the compilation had no errors: outputs may be written */
    const char **includes;
    uint32_t nincludes, capincludes;
    const char *module_path, *stdlib_dir;
    Diag **diags;             /* sorted (svcc_diagnostic_at) */
    size_t ndiags;
    char error[512];
};

#define ENTITY(e) ((const Entity *)(const void *)(e))
#define NODE(n) ((const Node *)(const void *)(n))
#define VAL(v) ((const Val *)(const void *)(v))
#define DIAG(d) ((const Diag *)(const void *)(d))

const char *svcc_version(void) { return SVCC_VERSION_STRING; }

static svcc_status fail(svcc *c, svcc_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static svcc_status fail(svcc *c, svcc_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->error, sizeof c->error, fmt, ap);
    va_end(ap);
    return st;
}

/* Every function that may allocate runs its work under this guard: out of
 * memory, the handle is broken and the function returns SVCC_ENOMEM. */
#define GUARD(c)                                                                                 \
    jmp_buf oom_;                                                                                \
    arena_on_oom(&(c)->c.arena, &oom_);                                                          \
    if (setjmp(oom_)) {                                                                          \
        arena_on_oom(&(c)->c.arena, NULL);                                                       \
        (c)->state = STATE_BROKEN;                                                               \
        (c)->m = NULL;                                                                           \
        (c)->ndiags = 0;                                                                         \
        return fail((c), SVCC_ENOMEM, "out of memory");                                          \
    }
#define UNGUARD(c) arena_on_oom(&(c)->c.arena, NULL)

svcc *svcc_new(void)
{
    svcc *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    compiler_init(&c->c);
    return c;
}

void svcc_free(svcc *c)
{
    if (!c)
        return;
    compiler_free(&c->c);
    free(c);
}

const char *svcc_last_error(const svcc *c) { return c->error; }

void api_fail_alloc(svcc *c, long n) { c->c.arena.fail_after = n; }
Compiler *api_compiler(svcc *c) { return &c->c; }
Model *api_model(svcc *c) { return c->m; }

/* Options ------------------------------------------------------------------ */

static svcc_status usable(svcc *c, bool compiled)
{
    if (c->state == STATE_BROKEN)
        return fail(c, SVCC_EUSAGE, "the compilation ran out of memory: only svcc_free is left");
    if (compiled && c->state != STATE_COMPILED)
        return fail(c, SVCC_EUSAGE, "nothing is compiled yet");
    if (!compiled && c->state != STATE_NEW)
        return fail(c, SVCC_EUSAGE, "a handle compiles once: options and sources come before");
    return SVCC_OK;
}

static svcc_status keep_string(svcc *c, const char **to, const char *s, const char *what)
{
    svcc_status st = usable(c, false);
    if (st)
        return st;
    if (!s || !*s)
        return fail(c, SVCC_EUSAGE, "%s: empty", what);
    GUARD(c);
    *to = arena_strdup(&c->c.arena, s);
    UNGUARD(c);
    return SVCC_OK;
}

svcc_status svcc_add_include_dir(svcc *c, const char *dir)
{
    svcc_status st = usable(c, false);
    if (st)
        return st;
    if (!dir || !*dir)
        return fail(c, SVCC_EUSAGE, "an include folder cannot be empty");
    GUARD(c);
    c->includes = arena_grow(&c->c.arena, c->includes, c->nincludes, &c->capincludes,
                             sizeof *c->includes, 8);
    c->includes[c->nincludes++] = arena_strdup(&c->c.arena, dir);
    UNGUARD(c);
    return SVCC_OK;
}

svcc_status svcc_set_module_path(svcc *c, const char *dirs)
{
    return keep_string(c, &c->module_path, dirs, "module path");
}

svcc_status svcc_set_stdlib_dir(svcc *c, const char *dir)
{
    return keep_string(c, &c->stdlib_dir, dir, "standard library folder");
}

svcc_status svcc_set_warning(svcc *c, const char *option)
{
    svcc_status st = usable(c, false);
    if (st)
        return st;
    if (!option || !diag_option(&c->c.diags, option))
        return fail(c, SVCC_EUSAGE, "unknown warning option '%s'", option ? option : "(null)");
    return SVCC_OK;
}

svcc_status svcc_set_library(svcc *c, bool library)
{
    svcc_status st = usable(c, false);
    if (st)
        return st;
    c->c.library = library;
    return SVCC_OK;
}

svcc_status svcc_set_max_errors(svcc *c, unsigned n)
{
    svcc_status st = usable(c, false);
    if (st)
        return st;
    c->c.diags.max_errors = n;
    return SVCC_OK;
}

svcc_status svcc_set_keep_warnings(svcc *c, bool keep)
{
    svcc_status st = usable(c, false);
    if (st)
        return st;
    c->c.diags.keep_warnings = keep;
    return SVCC_OK;
}

svcc_status svcc_set_overlay(svcc *c, const char *path, const char *bytes, size_t len)
{
    svcc_status st = usable(c, false);
    if (st)
        return st;
    if (!path || !*path || (!bytes && len))
        return fail(c, SVCC_EUSAGE, "an overlay needs a file's path and its bytes");
    if (len > SOURCE_MAX_BYTES)
        return fail(c, SVCC_EUSAGE, "%s: larger than the limit of %zu MiB", path, SOURCE_MAX_BYTES >> 20);
    char real[PATH_MAX];
    if (!realpath(path, real))
        return fail(c, SVCC_EUSAGE, "%s: %s", path, strerror(errno));
    GUARD(c);
    Arena *a = &c->c.arena;
    if (!c->c.overlays.cap)
        names_init(&c->c.overlays, a, 8);
    Overlay *ov = names_find(&c->c.overlays, real, (uint32_t)strlen(real));
    if (!ov) {
        ov = ARENA_NEW(a, Overlay);
        const char *key = arena_strdup(a, real);
        names_insert(&c->c.overlays, key, (uint32_t)strlen(key), ov);
    }
    char *copy = arena_alloc(a, len + 1);
    if (len)
        memcpy(copy, bytes, len);
    copy[len] = '\0';
    ov->bytes = copy;
    ov->len = len;
    UNGUARD(c);
    return SVCC_OK;
}

/* Compiling -------------------------------------------------------------- */

/* The diagnostics in order, for svcc_diagnostic_at: after a compilation,
 * and again if an output reports one. */
static svcc_status sort_diagnostics(svcc *c)
{
    GUARD(c);
    c->diags = diag_sorted(&c->c.diags);
    c->ndiags = c->c.diags.count;
    UNGUARD(c);
    return SVCC_OK;
}

static svcc_status compile(svcc *c, DriveInput *in)
{
    svcc_status st = usable(c, false);
    if (st)
        return st;
    in->mode = DRIVE_CHECK;
    in->fail_alloc = c->c.arena.fail_after; /* api_fail_alloc, for tests */
    in->load = (LoadOptions){c->includes, (int)c->nincludes, c->module_path,
                             c->stdlib_dir ? c->stdlib_dir : SVCC_STDLIB_DIR};
    DriveResult r = drive(&c->c, in);
    c->state = r.status == DRIVE_NOMEM ? STATE_BROKEN : STATE_COMPILED;
    if (r.status != DRIVE_NOMEM && (st = sort_diagnostics(c)) != SVCC_OK)
        return st;
    c->m = r.model; /* NULL unless every file was read and parsed (svcc.h) */
    c->clean = r.status == DRIVE_OK;
    switch (r.status) {
    case DRIVE_OK:
        return SVCC_OK;
    case DRIVE_ERRORS:
        return fail(c, SVCC_EINPUT, "the catalogue has %u error%s", c->c.diags.errors,
                    c->c.diags.errors == 1 ? "" : "s");
    case DRIVE_UNREADABLE:
        return fail(c, SVCC_EUSAGE, "%s", c->c.diags.head ? c->c.diags.head->msg : "cannot read it");
    case DRIVE_NOMEM:
        break;
    }
    return fail(c, SVCC_ENOMEM, "out of memory");
}

svcc_status svcc_compile_file(svcc *c, const char *path)
{
    if (!path)
        return fail(c, SVCC_EUSAGE, "no file to compile");
    DriveInput in = {.path = path};
    return compile(c, &in);
}

svcc_status svcc_compile_buffer(svcc *c, const char *name, const char *bytes, size_t len,
                                const char *dir)
{
    if (!name || (!bytes && len))
        return fail(c, SVCC_EUSAGE, "a buffer needs a name and its bytes");
    if (len > SOURCE_MAX_BYTES)
        return fail(c, SVCC_EUSAGE, "%s: larger than the limit of %zu MiB", name,
                    SOURCE_MAX_BYTES >> 20);
    DriveInput in = {.name = name, .bytes = bytes ? bytes : "", .len = len, .dir = dir};
    return compile(c, &in);
}

/* Diagnostics --------------------------------------------------------------- */

unsigned svcc_error_count(const svcc *c) { return c->c.diags.errors; }
unsigned svcc_warning_count(const svcc *c) { return c->c.diags.warnings; }
size_t svcc_diagnostic_count(const svcc *c) { return c->ndiags; }

const svcc_diagnostic *svcc_diagnostic_at(const svcc *c, size_t i)
{
    return i < c->ndiags ? (const svcc_diagnostic *)(const void *)c->diags[i] : NULL;
}

svcc_severity svcc_diagnostic_severity(const svcc_diagnostic *d) { return (svcc_severity)DIAG(d)->severity; }
const char *svcc_diagnostic_code(const svcc_diagnostic *d) { return diag_info(DIAG(d)->code)->id; }
const char *svcc_diagnostic_message(const svcc_diagnostic *d) { return DIAG(d)->msg; }

static bool locate(const svcc *c, bool has_span, Span span, svcc_location *at)
{
    memset(at, 0, sizeof *at);
    if (!has_span)
        return false;
    Source *src = source_get(&c->c.sources, span.file);
    at->file = src->path;
    source_position(src, span.begin, &at->line, &at->column);
    source_position(src, span.end, &at->end_line, &at->end_column);
    return true;
}

bool svcc_diagnostic_location(const svcc *c, const svcc_diagnostic *d, svcc_location *at)
{
    return locate(c, DIAG(d)->has_span, DIAG(d)->span, at);
}

static const DiagNote *note_at(const svcc_diagnostic *d, size_t i)
{
    const DiagNote *n = DIAG(d)->notes;
    while (n && i-- > 0)
        n = n->next;
    return n;
}

size_t svcc_diagnostic_note_count(const svcc_diagnostic *d)
{
    size_t n = 0;
    for (const DiagNote *x = DIAG(d)->notes; x; x = x->next)
        n++;
    return n;
}

svcc_severity svcc_diagnostic_note_kind(const svcc_diagnostic *d, size_t i)
{
    const DiagNote *n = note_at(d, i);
    return n ? (svcc_severity)n->kind : SVCC_NOTE;
}

const char *svcc_diagnostic_note_message(const svcc_diagnostic *d, size_t i)
{
    const DiagNote *n = note_at(d, i);
    return n ? n->msg : NULL;
}

bool svcc_diagnostic_note_location(const svcc *c, const svcc_diagnostic *d, size_t i,
                                   svcc_location *at)
{
    const DiagNote *n = note_at(d, i);
    return locate(c, n && n->has_span, n ? n->span : (Span){0, 0, 0}, at);
}

svcc_status svcc_print_diagnostics(svcc *c, FILE *out, svcc_format format, unsigned flags)
{
    if (c->state == STATE_BROKEN)
        return usable(c, true);
    if (!out)
        return fail(c, SVCC_EUSAGE, "no stream to print to");
    DiagPrintOptions po = {
        format == SVCC_FORMAT_JSON ? DIAG_JSON : format == SVCC_FORMAT_SARIF ? DIAG_SARIF : DIAG_TEXT,
        (flags & SVCC_PRINT_COLOR) != 0, (flags & SVCC_PRINT_QUIET) != 0, SVCC_VERSION_STRING};
    GUARD(c);
    diag_print(&c->c.diags, out, &po);
    UNGUARD(c);
    return ferror(out) ? fail(c, SVCC_EIO, "cannot write the diagnostics: %s", strerror(errno))
                       : SVCC_OK;
}

svcc_status svcc_report(svcc *c, const char *code, const char *message, const char *help)
{
    DiagCode dc;
    if (c->state == STATE_BROKEN)
        return usable(c, true);
    if (!code || !message || !diag_lookup(code, &dc))
        return fail(c, SVCC_EUSAGE, "unknown diagnostic code '%s'", code ? code : "(null)");
    GUARD(c);
    Diag *d = diag_nowhere(&c->c.diags, dc, "%s", message);
    if (help)
        diag_help(&c->c.diags, d, "%s", help);
    UNGUARD(c);
    return sort_diagnostics(c);
}

size_t svcc_file_count(const svcc *c) { return c->c.nunits; }

const char *svcc_file_name(const svcc *c, size_t i)
{
    return i < c->c.nunits ? c->c.units[i]->src->path : NULL;
}

const char *svcc_file_real_path(const svcc *c, size_t i)
{
    return i < c->c.nunits ? c->c.units[i]->real : NULL;
}

/* The model ------------------------------------------------------------------ */

const char *svcc_kind_name(svcc_kind kind)
{
    return (unsigned)kind < SVCC_KIND_COUNT ? decl_kind_name((DeclKind)kind) : NULL;
}

size_t svcc_entity_count(const svcc *c, svcc_kind kind)
{
    return c->m && (unsigned)kind < SVCC_KIND_COUNT ? c->m->nkind[kind] : 0;
}

const svcc_entity *svcc_entity_at(const svcc *c, svcc_kind kind, size_t i)
{
    if (i >= svcc_entity_count(c, kind))
        return NULL;
    return (const svcc_entity *)(const void *)c->m->by_kind[kind][i];
}

const svcc_entity *svcc_entity_find(const svcc *c, const char *id)
{
    if (!c->m || !id)
        return NULL;
    for (int k = 0; k < DECL__COUNT; k++) { /* each kind is sorted by id */
        size_t lo = 0, hi = c->m->nkind[k];
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int cmp = strcmp(c->m->by_kind[k][mid]->id, id);
            if (cmp == 0)
                return (const svcc_entity *)(const void *)c->m->by_kind[k][mid];
            if (cmp < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
    }
    return NULL;
}

svcc_kind svcc_entity_kind(const svcc_entity *e) { return (svcc_kind)ENTITY(e)->kind; }
const char *svcc_entity_id(const svcc_entity *e) { return ENTITY(e)->id; }
const char *svcc_entity_name(const svcc_entity *e) { return ENTITY(e)->name; }
const char *svcc_entity_description(const svcc_entity *e) { return ENTITY(e)->node.description; }
const char *svcc_entity_module(const svcc_entity *e) { return ENTITY(e)->module; }

void svcc_entity_location(const svcc *c, const svcc_entity *e, svcc_location *at)
{
    locate(c, true, ENTITY(e)->span, at);
    at->line = entity_line(&c->c, ENTITY(e));
    at->column = ENTITY(e)->column;
}

const svcc_node *svcc_entity_fields(const svcc_entity *e)
{
    return (const svcc_node *)(const void *)&ENTITY(e)->node;
}

/* A template's node has no schema: its fields are checked only as those
 * of what uses it. */
size_t svcc_node_field_count(const svcc_node *n)
{
    return n && NODE(n)->schema ? NODE(n)->schema->nfields : 0;
}

const char *svcc_node_field_name(const svcc_node *n, size_t field)
{
    return field < svcc_node_field_count(n) ? NODE(n)->schema->fields[field].name : NULL;
}

size_t svcc_node_value_count(const svcc_node *n, size_t field)
{
    if (field >= svcc_node_field_count(n))
        return 0;
    size_t k = 0;
    for (const Val *v = node_get(NODE(n), field); v; v = val_next(v))
        k++;
    return k;
}

svcc_value svcc_node_value(const svcc_node *n, size_t field, size_t i)
{
    svcc_value v = {NULL, NULL, 0};
    if (i < svcc_node_value_count(n, field)) {
        v.node_ = n;
        v.field_ = field;
        v.val_ = node_get(NODE(n), field) + i;
    }
    return v;
}

static bool field_index(const svcc_node *n, const char *name, size_t *row)
{
    return n && name && NODE(n)->schema && schema_field(NODE(n)->schema, name, strlen(name), row);
}

size_t svcc_node_count(const svcc_node *n, const char *name)
{
    size_t row;
    return field_index(n, name, &row) ? svcc_node_value_count(n, row) : 0;
}

svcc_value svcc_node_get(const svcc_node *n, const char *name, size_t i)
{
    size_t row;
    svcc_value none = {NULL, NULL, 0};
    return field_index(n, name, &row) ? svcc_node_value(n, row, i) : none;
}

bool svcc_value_exists(svcc_value v) { return v.val_ != NULL; }

static const FieldSpec *spec_of(svcc_value v)
{
    return &NODE(v.node_)->schema->fields[v.field_];
}

svcc_value_type svcc_value_type_of(svcc_value v)
{
    static const svcc_value_type of[] = {
        [FT_STRING] = SVCC_STRING,   [FT_INT] = SVCC_INT,           [FT_DECIMAL] = SVCC_DECIMAL,
        [FT_PERCENT] = SVCC_PERCENT, [FT_DURATION] = SVCC_DURATION, [FT_QUANTITY] = SVCC_QUANTITY,
        [FT_MONEY] = SVCC_MONEY,     [FT_ENUM] = SVCC_WORD,         [FT_REF] = SVCC_REFERENCE,
        [FT_CHARACTERISTIC] = SVCC_LEVEL, [FT_ITEM] = SVCC_ITEM,    [FT_METRIC] = SVCC_METRIC,
        [FT_PRICE] = SVCC_PRICE,     [FT_LINK] = SVCC_LINK,         [FT_BLOCK] = SVCC_BLOCK,
        [FT_HOURS] = SVCC_HOURS,
    };
    return v.val_ ? of[spec_of(v)->type] : SVCC_STRING;
}

const char *svcc_value_text(svcc_value v)
{
    if (!v.val_)
        return NULL;
    const Val *x = VAL(v.val_);
    const FieldSpec *f = spec_of(v);
    switch (f->type) {
    case FT_ENUM:
    case FT_CHARACTERISTIC: return f->words[x->word];
    case FT_REF: return x->role ? x->text : x->ref->id;
    case FT_BLOCK: return "";
    case FT_LINK: return x->url;
    default: return x->text; /* NUL-terminated: strings decoded, the rest copied */
    }
}

double svcc_value_number(svcc_value v)
{
    if (!v.val_)
        return 0;
    const Val *x = VAL(v.val_);
    switch (spec_of(v)->type) {
    case FT_DURATION: return x->business ? (double)x->business->count : (double)x->num;
    case FT_HOURS: {
        CalWeek w;
        memset(&w, 0, sizeof w);
        cal_week_add(&w, x->num, NULL, 0);
        return cal_week_minutes(&w);
    }
    case FT_INT: return (double)x->num;
    case FT_DECIMAL:
    case FT_PERCENT:
    case FT_QUANTITY: return x->real;
    default: return 0;
    }
}

const char *svcc_value_unit(svcc_value v)
{
    if (!v.val_)
        return NULL;
    FieldType t = spec_of(v)->type;
    const Val *x = VAL(v.val_);
    if (t == FT_DURATION)
        return !x->business ? NULL : x->business->days ? "business days" : "business hours";
    return t == FT_QUANTITY || t == FT_MONEY || t == FT_PRICE ? x->unit : NULL;
}

const char *svcc_value_label(svcc_value v)
{
    if (!v.val_)
        return NULL;
    FieldType t = spec_of(v)->type;
    return t == FT_LINK ? VAL(v.val_)->text : t == FT_ITEM ? VAL(v.val_)->name : NULL;
}

const svcc_entity *svcc_value_entity(svcc_value v)
{
    if (v.val_ && spec_of(v)->type == FT_DURATION && VAL(v.val_)->business) /* named with 'in' */
        return (const svcc_entity *)(const void *)VAL(v.val_)->business->calendar;
    if (!v.val_ || spec_of(v)->type != FT_REF || VAL(v.val_)->role)
        return NULL;
    return (const svcc_entity *)(const void *)VAL(v.val_)->ref;
}

const svcc_node *svcc_value_block(svcc_value v)
{
    if (!v.val_ || !spec_of(v)->block)
        return NULL;
    return (const svcc_node *)(const void *)VAL(v.val_)->block;
}

void svcc_value_location(const svcc *c, svcc_value v, svcc_location *at)
{
    if (!locate(c, v.val_ != NULL, v.val_ ? VAL(v.val_)->span : (Span){0, 0, 0}, at))
        memset(at, 0, sizeof *at);
}

size_t svcc_dependent_count(const svcc_entity *e)
{
    const EntityLinks *l = entity_links(ENTITY(e));
    return l ? l->ndependents : 0;
}

const svcc_entity *svcc_dependent_at(const svcc_entity *e, size_t i)
{
    if (i >= svcc_dependent_count(e))
        return NULL;
    return (const svcc_entity *)(const void *)entity_links(ENTITY(e))->dependents[i];
}

/* Outputs ------------------------------------------------------------------- */

void svcc_graph_options_init(svcc_graph_options *o)
{
    memset(o, 0, sizeof *o);
    o->depth = 1;
    o->max_nodes = -1;
    o->legend = true;
}

static svcc_status written(svcc *c, FILE *out, bool ok, const char *what)
{
    if (ferror(out))
        return fail(c, SVCC_EIO, "cannot write the %s: %s", what, strerror(errno));
    return ok ? SVCC_OK : fail(c, SVCC_EIO, "cannot write the %s", what);
}

static svcc_status ready(svcc *c, FILE *out)
{
    svcc_status st = usable(c, true);
    if (st)
        return st;
    if (!c->m || !c->clean)
        return fail(c, SVCC_EUSAGE, "the catalogue has errors: there is no model to write");
    if (!c->m->catalogue)
        return fail(c, SVCC_EUSAGE, "a library (svcc_set_library) has no catalogue to write");
    if (!out)
        return fail(c, SVCC_EUSAGE, "no stream to write to");
    return SVCC_OK;
}

svcc_status svcc_write_json(svcc *c, FILE *out)
{
    svcc_status st = ready(c, out);
    if (st)
        return st;
    GUARD(c);
    bool ok = emit_json(&c->c, c->m, out);
    UNGUARD(c);
    return written(c, out, ok, "catalogue JSON");
}

svcc_status api_write_backstage(svcc *c, FILE *out)
{
    svcc_status st = ready(c, out);
    if (st)
        return st;
    GUARD(c);
    bool ok = export_backstage(&c->c, c->m, out);
    UNGUARD(c);
    st = written(c, out, ok, "Backstage entities");
    return st ? st : sort_diagnostics(c); /* names repaired (W0901) */
}

svcc_status api_write_tmf(svcc *c, FILE *out, const char *api, int version)
{
    svcc_status st = ready(c, out);
    if (st)
        return st;
    GUARD(c);
    bool ok = export_tmf(&c->c, c->m, out, api, version);
    UNGUARD(c);
    return written(c, out, ok, "TM Forum resources");
}

svcc_status api_write_pages(svcc *c, const char *format, const PageSink *sink)
{
    svcc_status st = ready(c, stdout); /* the pages' streams are the sink's */
    if (st)
        return st;
    GUARD(c);
    bool html = strcmp(format, "html") == 0;
    bool ok = html ? export_html(&c->c, c->m, sink) : export_markdown(&c->c, c->m, sink);
    UNGUARD(c);
    return ok ? SVCC_OK : fail(c, SVCC_EIO, "cannot write the %s pages", html ? "HTML" : "Markdown");
}

static const Entity *service_named(svcc *c, const char *id)
{
    const svcc_entity *e = id ? svcc_entity_find(c, id) : NULL;
    return e && ENTITY(e)->kind == DECL_SERVICE ? ENTITY(e) : NULL;
}

svcc_status svcc_write_graph(svcc *c, FILE *out, const svcc_graph_options *options)
{
    svcc_status st = ready(c, out);
    if (st)
        return st;
    svcc_graph_options o;
    if (options)
        o = *options;
    else
        svcc_graph_options_init(&o);
    GraphOptions g = {o.format ? o.format : "dot", o.offerings, o.consumers, o.cluster_owner,
                      o.legend, NULL, o.depth, DIR_BOTH, o.layout, o.max_nodes,
                      o.title, o.rankdir, o.aspect, o.screen_width, o.screen_height,
                      o.hide_suppliers, o.hide_related, o.link_template, NULL, NULL};
    if (o.view) {
        const svcc_entity *v = svcc_entity_find(c, o.view);
        if (!v || ENTITY(v)->kind != DECL_VIEW)
            return fail(c, SVCC_EUSAGE, "no view '%s' in the catalogue", o.view);
        g.view = ENTITY(v);
    }
    static const char *const rankdirs[] = {"TB", "LR", "BT", "RL"};
    bool known = !o.rankdir;
    for (size_t i = 0; i < 4 && !known; i++)
        known = strcmp(o.rankdir, rankdirs[i]) == 0;
    if (!known)
        return fail(c, SVCC_EUSAGE, "rankdir '%s': TB, LR, BT or RL", o.rankdir);
    if (o.screen_width < 0 || o.screen_height < 0)
        return fail(c, SVCC_EUSAGE, "the screen's width and height are pixels, not negative");
    if (o.aspect != o.aspect || (o.aspect > 0 && (o.aspect < 0.01 || o.aspect > 100)))
        return fail(c, SVCC_EUSAGE, "aspect %g: a width / height from 0.01 to 100, 0 or negative", o.aspect);
    if (o.direction && strcmp(o.direction, "both") != 0) {
        if (strcmp(o.direction, "down") == 0)
            g.direction = DIR_DOWN;
        else if (strcmp(o.direction, "up") == 0)
            g.direction = DIR_UP;
        else
            return fail(c, SVCC_EUSAGE, "direction '%s': down, up or both", o.direction);
    }
    if (o.focus && !(g.focus = service_named(c, o.focus)))
        return fail(c, SVCC_EUSAGE, "no service '%s' in the catalogue", o.focus);
    char err[512] = "";
    GUARD(c);
    bool ok = emit_service_graph(&c->c, c->m, &g, out, err, sizeof err);
    UNGUARD(c);
    if (!ok && !err[0]) { /* too large to lay out (E0905) or for Mermaid (E0906): a diagnostic */
        const char *msg = "the graph is too large";
        for (const Diag *d = c->c.diags.head; d; d = d->next)
            if (d->code == D_E0905 || d->code == D_E0906)
                msg = d->msg;
        return (st = sort_diagnostics(c)) ? st : fail(c, SVCC_EUSAGE, "%s", msg);
    }
    if (!ok)
        return fail(c, ferror(out) ? SVCC_EIO : SVCC_EUSAGE, "%s", err);
    return written(c, out, ok, "graph");
}

svcc_status svcc_write_impact(svcc *c, FILE *out, const char *service, bool json)
{
    svcc_status st = ready(c, out);
    if (st)
        return st;
    const svcc_entity *named = service ? svcc_entity_find(c, service) : NULL;
    const Entity *svc = named && (ENTITY(named)->kind == DECL_SERVICE || ENTITY(named)->kind == DECL_SUPPLIER)
                            ? ENTITY(named)
                            : NULL;
    if (!svc)
        return fail(c, SVCC_EUSAGE, "no service or supplier '%s' in the catalogue",
                    service ? service : "(null)");
    GUARD(c);
    Impact *im = impact_of(&c->c, c->m, svc);
    bool ok = json ? emit_impact_json(&c->c, im, out) : emit_impact_text(im, out);
    UNGUARD(c);
    return written(c, out, ok, "impact");
}

svcc_status svcc_write_report(svcc *c, FILE *out, svcc_report_options *o)
{
    if (!o)
        return fail(c, SVCC_EUSAGE, "no report options");
    const char *framework = o->framework, *format = o->format ? o->format : "text", *fail_on = o->fail_on;
    o->failing = 0;
    if (o->baseline && !o->baseline->m)
        return fail(c, SVCC_EUSAGE, "the baseline was not compiled without errors");
    svcc_status st = ready(c, out);
    if (st)
        return st;
    const svcc_entity *named = framework ? svcc_entity_find(c, framework) : NULL;
    const Entity *fw = named && ENTITY(named)->kind == DECL_FRAMEWORK ? ENTITY(named) : NULL;
    if (!fw)
        return fail(c, SVCC_EUSAGE, "no framework '%s' in the catalogue", framework ? framework : "(null)");
    if (!format || (strcmp(format, "text") && strcmp(format, "markdown") && strcmp(format, "json") &&
                    strcmp(format, "html")))
        return fail(c, SVCC_EUSAGE, "a report's format is text, markdown, html or json, not '%s'",
                    format ? format : "(null)");
    if (fail_on && strcmp(fail_on, "gap") && strcmp(fail_on, "partial"))
        return fail(c, SVCC_EUSAGE, "--fail-on takes gap or partial, not '%s'", fail_on);
    GUARD(c);
    Report *r = report_make(&c->c.arena, c->m, fw, cal_today());
    if (o->baseline)
        report_trend(&c->c.arena, r, o->baseline->m, o->baseline_label ? o->baseline_label : "the baseline");
    bool ok = strcmp(format, "json") == 0     ? report_write_json(&c->c.arena, r, out)
              : strcmp(format, "html") == 0   ? report_write_html(&c->c.arena, r, out)
              : strcmp(format, "markdown") == 0 ? report_write_markdown(&c->c.arena, r, out)
                                                : report_write_text(&c->c.arena, r, out);
    if (fail_on)
        o->failing = report_failing(r, strcmp(fail_on, "gap") == 0 ? RS_PARTIAL : RS_MET);
    UNGUARD(c);
    return written(c, out, ok, "report");
}

/* Into memory --------------------------------------------------------------- */

typedef struct Into {
    char **data;
    size_t *len;
    FILE *f;
} Into;

static svcc_status into_open(svcc *c, Into *m, char **data, size_t *len)
{
    if (!data || !len)
        return fail(c, SVCC_EUSAGE, "no place for the buffer");
    *data = NULL;
    *len = 0;
    m->data = data;
    m->len = len;
    m->f = open_memstream(data, len);
    return m->f ? SVCC_OK : fail(c, SVCC_ENOMEM, "out of memory");
}

static svcc_status into_close(svcc *c, Into *m, svcc_status st)
{
    if (fclose(m->f) != 0 && st == SVCC_OK)
        st = fail(c, SVCC_ENOMEM, "out of memory");
    if (st != SVCC_OK) {
        free(*m->data);
        *m->data = NULL;
        *m->len = 0;
    }
    return st;
}

svcc_status svcc_json_buffer(svcc *c, char **data, size_t *len)
{
    Into m;
    svcc_status st = into_open(c, &m, data, len);
    return st ? st : into_close(c, &m, svcc_write_json(c, m.f));
}

svcc_status svcc_graph_buffer(svcc *c, const svcc_graph_options *options, char **data, size_t *len)
{
    Into m;
    svcc_status st = into_open(c, &m, data, len);
    return st ? st : into_close(c, &m, svcc_write_graph(c, m.f, options));
}

svcc_status svcc_impact_buffer(svcc *c, const char *service, bool json, char **data, size_t *len)
{
    Into m;
    svcc_status st = into_open(c, &m, data, len);
    return st ? st : into_close(c, &m, svcc_write_impact(c, m.f, service, json));
}

void svcc_buffer_free(char *data) { free(data); }

/* Formatting --------------------------------------------------------------- */

/* Format IN into C's arena: *OUT (OUT->len bytes), or a status. */
static svcc_status format_in(Compiler *c, const DriveInput *in, Buf *out)
{
    jmp_buf oom;
    arena_on_oom(&c->arena, &oom);
    if (setjmp(oom))
        return SVCC_ENOMEM;
    DriveResult r = drive(c, in);
    if (r.status != DRIVE_OK)
        return r.status == DRIVE_NOMEM ? SVCC_ENOMEM : SVCC_EINPUT;
    buf_init(out, &c->arena);
    fmt_file(r.tree, r.root, out);
    buf_cstr(out);
    return SVCC_OK;
}

svcc_status svcc_fmt_buffer(const char *bytes, size_t len, char **data, size_t *out_len)
{
    if (!data || !out_len || (!bytes && len) || len > SOURCE_MAX_BYTES)
        return SVCC_EUSAGE;
    *data = NULL;
    *out_len = 0;
    Compiler c;
    compiler_init(&c);
    c.keep_comments = true;
    DriveInput in = {.mode = DRIVE_TREE, .name = "<buffer>", .bytes = bytes ? bytes : "", .len = len,
                     .fail_alloc = c.arena.fail_after};
    Buf b;
    svcc_status st = format_in(&c, &in, &b);
    if (st == SVCC_OK) {
        *data = malloc(b.len + 1);
        if (*data) {
            memcpy(*data, b.data, b.len + 1);
            *out_len = b.len;
        } else {
            st = SVCC_ENOMEM;
        }
    }
    compiler_free(&c);
    return st;
}
