/* diag.c — collecting, sorting and printing diagnostics. */
#include "diag.h"
#include "escape.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"

static const DiagInfo diag_table[D__COUNT] = {
#define DIAG(id, sev, summary) {#id, SEV_##sev, summary},
#include "diag_codes.def"
#undef DIAG
};

const DiagInfo *diag_info(DiagCode code) { return &diag_table[code]; }

bool diag_lookup(const char *id, DiagCode *out)
{
    for (int i = 0; i < D__COUNT; i++) {
        if (strcmp(diag_table[i].id, id) == 0) {
            *out = (DiagCode)i;
            return true;
        }
    }
    return false;
}

void diag_init(DiagEngine *e, Arena *arena, SourceSet *sources)
{
    memset(e, 0, sizeof *e);
    e->arena = arena;
    e->sources = sources;
    e->tail = &e->head;
    e->keep_warnings = true;
}

bool diag_option(DiagEngine *e, const char *opt)
{
    enum { W_DEFAULT, W_OFF, W_ERROR };
    unsigned char state;
    const char *id;
    if (strcmp(opt, "error") == 0) {
        e->werror = true;
        return true;
    }
    if (strncmp(opt, "no-", 3) == 0) {
        state = W_OFF;
        id = opt + 3;
    } else if (strncmp(opt, "error=", 6) == 0) {
        state = W_ERROR;
        id = opt + 6;
    } else {
        return false;
    }
    DiagCode code;
    if (!diag_lookup(id, &code) || diag_table[code].severity != SEV_WARNING)
        return false;
    e->wstate[code] = state;
    return true;
}

/* FMT with AP, in E's arena; a format without a conversion is its own
 * text, and a string literal (-Wformat=2 refuses any other): not copied,
 * most helps are these. */
static const char *diag_text(DiagEngine *e, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static const char *diag_text(DiagEngine *e, const char *fmt, va_list ap)
{
    return strchr(fmt, '%') ? arena_vprintf(e->arena, fmt, ap) : fmt;
}

static Diag *diag_new(DiagEngine *e, DiagCode code, bool has_span, Span span,
                      const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static Diag *diag_new(DiagEngine *e, DiagCode code, bool has_span, Span span,
                      const char *fmt, va_list ap)
{
    Severity sev = diag_table[code].severity;
    if (sev == SEV_WARNING) {
        if (e->wstate[code] == 1)
            return &e->dropped; /* silenced */
        if (e->werror || e->wstate[code] == 2)
            sev = SEV_ERROR;
    }
    if (sev == SEV_WARNING && !e->keep_warnings) {
        e->marks = arena_grow(e->arena, e->marks, e->nmarks, &e->cap_marks, sizeof *e->marks, 64);
        e->marks[e->nmarks++] = (DiagMark){code, has_span, span};
        e->warnings++;
        return &e->dropped;
    }
    if (sev == SEV_ERROR && e->max_errors && e->errors >= e->max_errors) {
        e->errors++; /* counted for the exit status, not kept */
        e->suppressed++;
        return &e->dropped;
    }
    Diag *d = ARENA_NEW(e->arena, Diag);
    d->code = code;
    d->has_span = has_span;
    d->span = span;
    d->msg = diag_text(e, fmt, ap);
    d->notes_tail = &d->notes;
    d->severity = sev;
    d->seq = e->count++;
    *e->tail = d;
    e->tail = &d->next;
    if (sev == SEV_ERROR)
        e->errors++;
    else
        e->warnings++;
    return d;
}

void diag_filter(DiagEngine *e, bool (*drop)(void *ctx, const Diag *d), void *ctx)
{
    Diag **link = &e->head;
    e->tail = &e->head;
    while (*link) {
        Diag *d = *link;
        if (drop(ctx, d)) {
            *link = d->next;
            e->count--;
            if (d->severity == SEV_ERROR)
                e->errors--;
            else if (d->severity == SEV_WARNING)
                e->warnings--;
            continue;
        }
        link = &d->next;
        e->tail = link;
    }
    uint32_t kept = 0;
    for (uint32_t i = 0; i < e->nmarks; i++) {
        const DiagMark *m = &e->marks[i];
        Diag d = {.code = m->code, .severity = SEV_WARNING, .has_span = m->has_span, .span = m->span};
        if (drop(ctx, &d))
            e->warnings--;
        else
            e->marks[kept++] = *m;
    }
    e->nmarks = kept;
}

bool diag_kept(const DiagEngine *e, const Diag *d) { return d != &e->dropped; }

Diag *diag_at(DiagEngine *e, DiagCode code, Span span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Diag *d = diag_new(e, code, true, span, fmt, ap);
    va_end(ap);
    return d;
}

Diag *diag_nowhere(DiagEngine *e, DiagCode code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Span none = {0, 0, 0};
    Diag *d = diag_new(e, code, false, none, fmt, ap);
    va_end(ap);
    return d;
}

static void diag_add_note(DiagEngine *e, Diag *d, Severity kind, bool has_span, Span span,
                          const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

static void diag_add_note(DiagEngine *e, Diag *d, Severity kind, bool has_span, Span span,
                          const char *fmt, va_list ap)
{
    if (d == &e->dropped)
        return;
    DiagNote *n = ARENA_NEW(e->arena, DiagNote);
    n->kind = kind;
    n->has_span = has_span;
    n->span = span;
    n->msg = diag_text(e, fmt, ap);
    *d->notes_tail = n;
    d->notes_tail = &n->next;
}

void diag_note(DiagEngine *e, Diag *d, Span span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_add_note(e, d, SEV_NOTE, true, span, fmt, ap);
    va_end(ap);
}

void diag_note_nowhere(DiagEngine *e, Diag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Span none = {0, 0, 0};
    diag_add_note(e, d, SEV_NOTE, false, none, fmt, ap);
    va_end(ap);
}

void diag_help(DiagEngine *e, Diag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Span none = {0, 0, 0};
    diag_add_note(e, d, SEV_HELP, false, none, fmt, ap);
    va_end(ap);
}

void diag_extend(Diag *d, uint32_t end)
{
    if (end > d->span.end)
        d->span.end = end;
}

/* Sorting ---------------------------------------------------------------- */

static int diag_cmp(const void *pa, const void *pb)
{
    const Diag *a = *(const Diag *const *)pa, *b = *(const Diag *const *)pb;
    if (a->has_span != b->has_span)
        return a->has_span ? 1 : -1; /* diagnostics without a place first */
    if (a->has_span) {
        if (a->span.file != b->span.file)
            return a->span.file < b->span.file ? -1 : 1;
        if (a->span.begin != b->span.begin)
            return a->span.begin < b->span.begin ? -1 : 1;
    }
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

Diag **diag_sorted(DiagEngine *e)
{
    Diag **v = ARENA_ARRAY(e->arena, Diag *, e->count + 1);
    uint32_t n = 0;
    for (Diag *d = e->head; d; d = d->next)
        v[n++] = d;
    qsort(v, n, sizeof *v, diag_cmp);
    return v;
}

/* Text rendering --------------------------------------------------------- */

#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_MAGENTA "\033[1;35m"
#define C_CYAN "\033[1;36m"
#define C_GREEN "\033[1;32m"
#define C_RESET "\033[0m"

static const char *severity_name(Severity s)
{
    switch (s) {
    case SEV_ERROR: return "error";
    case SEV_WARNING: return "warning";
    case SEV_HELP: return "help";
    case SEV_NOTE: break;
    }
    return "note";
}

static const char *severity_color(Severity s)
{
    switch (s) {
    case SEV_ERROR: return C_RED;
    case SEV_WARNING: return C_MAGENTA;
    case SEV_HELP: return C_CYAN;
    case SEV_NOTE: break;
    }
    return C_CYAN;
}

#define EXCERPT_WINDOW 160 /* bytes shown around the caret on a long line */

/* Append one displayed character of LINE at *I, advancing *I and *COL. */
static void show_char(Buf *b, const unsigned char *line, size_t len, size_t *i, unsigned *col)
{
    unsigned char c = line[*i];
    if (c == '\t') {
        unsigned next = (*col / 8 + 1) * 8;
        while (*col < next) {
            buf_addc(b, ' ');
            (*col)++;
        }
        (*i)++;
        return;
    }
    uint32_t cp;
    int k = utf8_decode(line + *i, len - *i, &cp);
    if (k <= 0 || cp < 0x20 || cp == 0x7F || cp == 0xFEFF) {
        char hex[8];
        snprintf(hex, sizeof hex, "<%02X>", c);
        buf_adds(b, hex);
        *col += 4;
        (*i)++;
        return;
    }
    buf_add(b, (const char *)line + *i, (size_t)k);
    *col += (unsigned)utf8_display_width(cp);
    *i += (size_t)k;
}

static size_t utf8_back_to_lead(const unsigned char *s, size_t i)
{
    while (i > 0 && (s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* The excerpt of SPAN, added to B. */
static void render_excerpt(DiagEngine *e, Buf *b, Span span, int gutter, bool color)
{
    Source *src = source_get(e->sources, span.file);
    if (!src || !src->quote) /* not a catalogue source: its lines are not shown */
        return;
    uint32_t line, col;
    source_position(src, span.begin, &line, &col);
    size_t len;
    const unsigned char *text = (const unsigned char *)source_line(src, line, &len);
    size_t start = span.begin - (size_t)((const char *)text - src->text);
    size_t stop = span.end > span.begin ? span.end - (size_t)((const char *)text - src->text)
                                        : start;
    if (stop > len)
        stop = len; /* a span running over lines is underlined to the end of its first */
    if (start > len)
        start = len;
    /* Long lines: show a window around the span. */
    size_t from = 0, to = len;
    if (len > 2 * EXCERPT_WINDOW) {
        from = start > EXCERPT_WINDOW / 2 ? utf8_back_to_lead(text, start - EXCERPT_WINDOW / 2) : 0;
        to = from + 2 * EXCERPT_WINDOW < len ? utf8_back_to_lead(text, from + 2 * EXCERPT_WINDOW)
                                             : len;
        if (to < stop)
            to = stop;
    }
    char head[32];
    snprintf(head, sizeof head, "%*u | ", gutter, line);
    buf_adds(b, head);
    unsigned dcol = 0, caret_from = 0, caret_to = 0;
    if (from > 0) {
        buf_adds(b, "...");
        dcol += 3;
    }
    size_t i = from;
    for (;;) {
        if (i == start)
            caret_from = dcol;
        if (i == stop)
            caret_to = dcol;
        if (i >= to)
            break;
        show_char(b, text, to, &i, &dcol);
    }
    if (to < len)
        buf_adds(b, "...");
    buf_addc(b, '\n');
    snprintf(head, sizeof head, "%*s | ", gutter, "");
    buf_adds(b, head);
    for (unsigned k = 0; k < caret_from; k++)
        buf_addc(b, ' ');
    if (color)
        buf_adds(b, C_GREEN);
    buf_addc(b, '^');
    for (unsigned k = caret_from + 1; k < caret_to; k++)
        buf_addc(b, '~');
    if (color)
        buf_adds(b, C_RESET);
    buf_addc(b, '\n');
}

char *diag_render_excerpt(DiagEngine *e, Span span, int gutter, bool color)
{
    Buf b;
    buf_init(&b, e->arena);
    render_excerpt(e, &b, span, gutter, color);
    return buf_cstr(&b);
}

static int digits(uint32_t n)
{
    int d = 1;
    while (n >= 10) {
        n /= 10;
        d++;
    }
    return d;
}

static int diag_gutter(DiagEngine *e, const Diag *d)
{
    int g = 4;
    uint32_t line, col;
    if (d->has_span) {
        source_position(source_get(e->sources, d->span.file), d->span.begin, &line, &col);
        if (digits(line) + 1 > g)
            g = digits(line) + 1;
    }
    for (DiagNote *n = d->notes; n; n = n->next) {
        if (!n->has_span)
            continue;
        source_position(source_get(e->sources, n->span.file), n->span.begin, &line, &col);
        if (digits(line) + 1 > g)
            g = digits(line) + 1;
    }
    return g;
}

static void print_header(DiagEngine *e, FILE *out, bool has_span, Span span, Severity sev,
                         const char *msg, const char *code, bool color)
{
    if (has_span) {
        Source *src = source_get(e->sources, span.file);
        uint32_t line, col;
        source_position(src, span.begin, &line, &col);
        /* A file's name and a message may hold what a catalogue wrote:
         * shown, not obeyed, by a terminal (escape.h). */
        fputs(color ? C_BOLD : "", out);
        esc_term(out, src->path);
        fprintf(out, ":%u:%u:%s ", line, col, color ? C_RESET : "");
    } else {
        fprintf(out, "%ssvcc:%s ", color ? C_BOLD : "", color ? C_RESET : "");
    }
    fprintf(out, "%s%s:%s ", color ? severity_color(sev) : "", severity_name(sev),
            color ? C_RESET : "");
    esc_term(out, msg);
    if (code)
        fprintf(out, " [%s]", code);
    fputc('\n', out);
}

/* The excerpt of SPAN, to OUT, built in EXCERPT: one buffer used again for
 * each (the excerpts of a hundred thousand diagnostics are not kept). */
static void print_excerpt(DiagEngine *e, FILE *out, Buf *excerpt, Span span, int gutter, bool color)
{
    excerpt->len = 0;
    render_excerpt(e, excerpt, span, gutter, color);
    if (excerpt->len) /* none for a file that is not a catalogue source (and no buffer yet) */
        fwrite(excerpt->data, 1, excerpt->len, out);
}

static void print_text(DiagEngine *e, FILE *out, Buf *excerpt, const Diag *d, bool color)
{
    int g = diag_gutter(e, d);
    print_header(e, out, d->has_span, d->span, d->severity, d->msg, diag_table[d->code].id,
                 color);
    if (d->has_span)
        print_excerpt(e, out, excerpt, d->span, g, color);
    /* Notes without a place and help lines belong to the excerpt above;
     * notes with a place of their own follow with theirs. */
    for (DiagNote *n = d->notes; n; n = n->next) {
        if (n->has_span)
            continue;
        fprintf(out, "%*s = %s%s:%s ", g, "", color ? C_BOLD : "", severity_name(n->kind),
                color ? C_RESET : "");
        esc_term(out, n->msg);
        fputc('\n', out);
    }
    for (DiagNote *n = d->notes; n; n = n->next) {
        if (!n->has_span)
            continue;
        print_header(e, out, true, n->span, n->kind, n->msg, NULL, color);
        print_excerpt(e, out, excerpt, n->span, g, color);
    }
}

/* JSON rendering --------------------------------------------------------- */

static void json_location(DiagEngine *e, yajl_gen g, bool has_span, Span span)
{
    if (!has_span)
        return;
    Source *src = source_get(e->sources, span.file);
    uint32_t line, col, eline, ecol;
    source_position(src, span.begin, &line, &col);
    source_position(src, span.end, &eline, &ecol);
    json_str(g, "file");
    json_str(g, src->path);
    json_str(g, "line");
    yajl_gen_integer(g, line);
    json_str(g, "column");
    yajl_gen_integer(g, col);
    json_str(g, "end_line");
    yajl_gen_integer(g, eline);
    json_str(g, "end_column");
    yajl_gen_integer(g, ecol);
}

static void print_json(DiagEngine *e, FILE *out, Diag **v)
{
    Json j;
    json_open(&j, e->arena, out, false);
    yajl_gen g = j.g;
    yajl_gen_array_open(g);
    for (uint32_t i = 0; i < e->count; i++) {
        const Diag *d = v[i];
        yajl_gen_map_open(g);
        json_str(g, "code");
        json_str(g, diag_table[d->code].id);
        json_str(g, "severity");
        json_str(g, severity_name(d->severity));
        json_str(g, "message");
        json_str(g, d->msg);
        json_location(e, g, d->has_span, d->span);
        json_str(g, "notes");
        yajl_gen_array_open(g);
        for (DiagNote *n = d->notes; n; n = n->next) {
            yajl_gen_map_open(g);
            json_str(g, "severity");
            json_str(g, severity_name(n->kind));
            json_str(g, "message");
            json_str(g, n->msg);
            json_location(e, g, n->has_span, n->span);
            yajl_gen_map_close(g);
        }
        yajl_gen_array_close(g);
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
    json_close(&j, out);
}

/* SARIF 2.1.0 ----------------------------------------------------------- *
 * One run of tool "svcc" whose driver lists every diagnostic code as a rule;
 * one result per diagnostic, its notes with a place as related locations,
 * notes and help without one appended to the message. */

static void sarif_text(yajl_gen g, const char *key, const char *text)
{
    json_str(g, key);
    yajl_gen_map_open(g);
    json_str(g, "text");
    json_str(g, text);
    yajl_gen_map_close(g);
}

static void sarif_location(DiagEngine *e, yajl_gen g, Span span)
{
    Source *src = source_get(e->sources, span.file);
    uint32_t line, col, eline, ecol;
    source_position(src, span.begin, &line, &col);
    source_position(src, span.end, &eline, &ecol);
    if (eline == line && ecol <= col)
        ecol = col + 1; /* SARIF regions are not empty: a caret at the end */
    json_str(g, "physicalLocation");
    yajl_gen_map_open(g);
    json_str(g, "artifactLocation");
    yajl_gen_map_open(g);
    json_str(g, "uri");
    /* A relative URI reference (RFC 3986): each byte that is not an
     * unreserved or sub-delimiter character, ':', '@' or '/' is
     * percent-encoded — non-ASCII and bytes that are not UTF-8 too, so a
     * file's name comes back exactly. */
    Buf uri;
    buf_init(&uri, e->arena);
    for (const unsigned char *p = (const unsigned char *)src->path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~!$&'()*+,;=:@/", *p))
            buf_addc(&uri, (char)*p);
        else
            buf_adds(&uri, arena_printf(e->arena, "%%%02X", *p));
    }
    json_str(g, buf_cstr(&uri));
    yajl_gen_map_close(g);
    json_str(g, "region");
    yajl_gen_map_open(g);
    json_str(g, "startLine");
    yajl_gen_integer(g, line);
    json_str(g, "startColumn");
    yajl_gen_integer(g, col);
    json_str(g, "endLine");
    yajl_gen_integer(g, eline);
    json_str(g, "endColumn");
    yajl_gen_integer(g, ecol);
    yajl_gen_map_close(g);
    yajl_gen_map_close(g);
}

static const char *sarif_level(Severity s) { return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note"; }

static void print_sarif(DiagEngine *e, FILE *out, Diag **v, const char *version)
{
    Json j;
    json_open(&j, e->arena, out, false);
    yajl_gen g = j.g;
    yajl_gen_map_open(g);
    json_str(g, "$schema");
    json_str(g, "https://json.schemastore.org/sarif-2.1.0.json");
    json_str(g, "version");
    json_str(g, "2.1.0");
    json_str(g, "runs");
    yajl_gen_array_open(g);
    yajl_gen_map_open(g);
    json_str(g, "tool");
    yajl_gen_map_open(g);
    json_str(g, "driver");
    yajl_gen_map_open(g);
    json_str(g, "name");
    json_str(g, "svcc");
    json_str(g, "version");
    json_str(g, version ? version : "0");
    json_str(g, "informationUri");
    json_str(g, "https://svcc.example/docs/diagnostics.md");
    json_str(g, "rules");
    yajl_gen_array_open(g);
    for (int i = 0; i < D__COUNT; i++) {
        const DiagInfo *info = &diag_table[i];
        yajl_gen_map_open(g);
        json_str(g, "id");
        json_str(g, info->id);
        sarif_text(g, "shortDescription", info->summary);
        sarif_text(g, "fullDescription",
                   arena_printf(e->arena, "%s (%s %s).", info->summary,
                                info->severity == SEV_ERROR ? "error" : "warning", info->id));
        sarif_text(g, "help", arena_printf(e->arena, "See docs/diagnostics.md, %s, for what it means "
                                                     "and an example.", info->id));
        json_str(g, "helpUri");
        json_str(g, arena_printf(e->arena, "https://svcc.example/docs/diagnostics.md#%s", info->id));
        json_str(g, "defaultConfiguration");
        yajl_gen_map_open(g);
        json_str(g, "level");
        json_str(g, sarif_level(info->severity));
        yajl_gen_map_close(g);
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
    yajl_gen_map_close(g);
    yajl_gen_map_close(g);
    json_str(g, "columnKind");
    json_str(g, "unicodeCodePoints");
    json_str(g, "results");
    yajl_gen_array_open(g);
    for (uint32_t i = 0; i < e->count; i++) {
        const Diag *d = v[i];
        yajl_gen_map_open(g);
        json_str(g, "ruleId");
        json_str(g, diag_table[d->code].id);
        json_str(g, "ruleIndex");
        yajl_gen_integer(g, d->code);
        json_str(g, "level");
        json_str(g, sarif_level(d->severity));
        Buf msg;
        buf_init(&msg, e->arena);
        buf_adds(&msg, d->msg);
        for (DiagNote *n = d->notes; n; n = n->next)
            if (!n->has_span)
                buf_adds(&msg, arena_printf(e->arena, "\n%s: %s", severity_name(n->kind), n->msg));
        sarif_text(g, "message", buf_cstr(&msg));
        if (d->has_span) {
            json_str(g, "locations");
            yajl_gen_array_open(g);
            yajl_gen_map_open(g);
            sarif_location(e, g, d->span);
            yajl_gen_map_close(g);
            yajl_gen_array_close(g);
        }
        json_str(g, "relatedLocations");
        yajl_gen_array_open(g);
        int id = 0;
        for (DiagNote *n = d->notes; n; n = n->next) {
            if (!n->has_span)
                continue;
            yajl_gen_map_open(g);
            json_str(g, "id");
            yajl_gen_integer(g, id++);
            sarif_location(e, g, n->span);
            sarif_text(g, "message", n->msg);
            yajl_gen_map_close(g);
        }
        yajl_gen_array_close(g);
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
    yajl_gen_map_close(g);
    yajl_gen_array_close(g);
    yajl_gen_map_close(g);
    json_close(&j, out);
}

/* The text of diagnostics V, through a memory stream written to OUT 64 KB
 * at a time: stderr is unbuffered, and a diagnostic is many small writes
 * (2.4 million write(2)s, 4.9 s, for 15,000 warnings).  Out of memory
 * while printing — in the arena (a file read again to quote it) or in the
 * stream — goes to the arena's handler; the arena frees the stream. */
static void print_text_all(DiagEngine *e, FILE *out, Diag **v, const DiagPrintOptions *opt)
{
    ArenaStream *s = arena_stream_open(e->arena); /* NULL: written as it comes */
    Buf excerpt;
    buf_init(&excerpt, e->arena);
    for (uint32_t i = 0; i < e->count; i++) {
        if (opt->quiet && v[i]->severity != SEV_ERROR)
            continue;
        print_text(e, s ? s->f : out, &excerpt, v[i], opt->color);
        if (!s)
            continue;
        if (fflush(s->f) != 0 || ferror(s->f))
            arena_out_of_memory(e->arena); /* the stream could not grow */
        if (s->len >= 65536) {
            fwrite(s->text, 1, s->len, out);
            rewind(s->f);
        }
    }
    if (s) {
        /* LEN is what followed the last write-out only after a flush (a
         * rewind leaves it as it was) */
        if (fflush(s->f) != 0 || ferror(s->f))
            arena_out_of_memory(e->arena);
        fwrite(s->text, 1, s->len, out);
        arena_stream_free(s);
    }
}

void diag_print(DiagEngine *e, FILE *out, const DiagPrintOptions *opt)
{
    Diag **v = diag_sorted(e);
    if (opt->format == DIAG_JSON) {
        print_json(e, out, v);
        return;
    }
    if (opt->format == DIAG_SARIF) {
        print_sarif(e, out, v, opt->version);
        return;
    }
    print_text_all(e, out, v, opt);
    if (e->suppressed)
        fprintf(out, "svcc: %u more error%s not shown (--max-errors %u)\n", e->suppressed,
                e->suppressed == 1 ? "" : "s", e->max_errors);
    if (opt->quiet || e->count == 0)
        return;
    if (e->warnings && e->errors)
        fprintf(out, "%u warning%s and %u error%s generated.\n", e->warnings,
                e->warnings == 1 ? "" : "s", e->errors, e->errors == 1 ? "" : "s");
    else if (e->errors)
        fprintf(out, "%u error%s generated.\n", e->errors, e->errors == 1 ? "" : "s");
    else
        fprintf(out, "%u warning%s generated.\n", e->warnings, e->warnings == 1 ? "" : "s");
}
