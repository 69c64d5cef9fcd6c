/* fmt.c — print a parsed file in the canonical layout (see fmt.h).
 *
 * The tree says what to print; the comments, which the parser kept in a
 * side list, are merged in by position as gofmt does: a comment on the
 * same line after an item stays there (trailing); any other comment is
 * printed on its own line above the next item, at that item's indentation.
 * A comment between two values of a list keeps its place and makes the
 * list one value per line.  A comment in a place that has no line of its
 * own (inside a declaration's header, between a field's name and its first
 * value) moves above the declaration or the statement.  Nothing is lost,
 * and a moved comment is where the next run leaves it: formatting twice
 * gives the same text.
 */
#include "fmt.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>

typedef struct Fmt {
    const char *text;
    Buf *out;
    const Comment **cm;   /* sorted by position */
    bool *done;
    uint32_t ncm;
    uint32_t next;        /* every comment before it is printed */
} Fmt;

static const Comment *pending(Fmt *f)
{
    while (f->next < f->ncm && f->done[f->next])
        f->next++;
    return f->next < f->ncm ? f->cm[f->next] : NULL;
}

static uint32_t newlines(const Fmt *f, uint32_t a, uint32_t b)
{
    uint32_t n = 0;
    for (uint32_t i = a; i < b; i++)
        n += f->text[i] == '\n';
    return n;
}

static void put(Fmt *f, uint32_t begin, uint32_t end) { buf_add(f->out, f->text + begin, end - begin); }
static void puts_(Fmt *f, const char *s) { buf_adds(f->out, s); }
static void nl(Fmt *f) { buf_addc(f->out, '\n'); }

static void indent(Fmt *f, int depth)
{
    for (int i = 0; i < depth; i++)
        buf_add(f->out, "  ", 2);
}

/* The lines of a '//' comment or a run of '///' lines (each starting with
 * blanks), each on its own line at DEPTH.  KEEP_TRAILING keeps a doc
 * comment's text exactly: its trailing blanks are part of a description.
 * NOT_DOC: a line that would read as a doc comment ('///' but not '////')
 * gets a fourth '/', so that it documents nothing. */
static void comment_lines(Fmt *f, uint32_t begin, uint32_t end, int depth, bool keep_trailing,
                          bool not_doc)
{
    const char *s = f->text + begin, *e = f->text + end;
    while (s < e) {
        const char *le = memchr(s, '\n', (size_t)(e - s));
        if (!le)
            le = e;
        const char *t = s, *te = le;
        while (t < te && (*t == ' ' || *t == '\t'))
            t++;
        /* A doc line's text is what lex_doc() reads: the line less one
         * '\r' (of a CRLF); a '\r' the text ends with is written with one
         * more, for the same reason.  Other comments lose trailing blanks. */
        if (keep_trailing && te > t && te[-1] == '\r')
            te--;
        while (!keep_trailing && te > t && (te[-1] == '\r' || te[-1] == ' ' || te[-1] == '\t'))
            te--;
        indent(f, depth);
        if (not_doc && te - t >= 3 && memcmp(t, "///", 3) == 0 && (te - t == 3 || t[3] != '/'))
            buf_addc(f->out, '/');
        buf_add(f->out, t, (size_t)(te - t));
        if (keep_trailing && te > t && te[-1] == '\r')
            buf_addc(f->out, '\r');
        nl(f);
        s = le + 1;
    }
}

static bool is_block_comment(const Fmt *f, const Comment *c) { return f->text[c->span.begin + 1] == '*'; }

/* A block comment as written, but with LF line ends (any '\r's before a
 * newline dropped). */
static void put_block_comment(Fmt *f, const Comment *c)
{
    for (uint32_t i = c->span.begin; i < c->span.end; i++) {
        uint32_t j = i;
        while (j < c->span.end && f->text[j] == '\r')
            j++;
        if (j > i && j < c->span.end && f->text[j] == '\n')
            i = j;
        buf_addc(f->out, f->text[i]);
    }
}

/* Print comment C on its own line(s), above a statement or declaration
 * if BEFORE_ITEM.  A block comment is kept as written (its inner lines
 * are the author's); only its first line is indented.  A '///' that was no
 * doc comment (it followed a block comment, or a form feed, on its line)
 * would become one on a line of its own; a doc comment that documented
 * nothing (W0101: it was followed by ';', which goes) would document the
 * item below it.  Both get a fourth '/'. */
static void own_line(Fmt *f, uint32_t i, int depth, bool before_item)
{
    const Comment *c = f->cm[i];
    f->done[i] = true;
    if (is_block_comment(f, c)) {
        indent(f, depth);
        put_block_comment(f, c);
        nl(f);
    } else {
        comment_lines(f, c->span.begin, c->span.end, depth, false, !c->doc || before_item);
    }
}

/* Comments that start on the line where AFTER is, before LIMIT: printed
 * after it on that line.  Returns where the last one ends. */
static uint32_t trailing(Fmt *f, uint32_t after, uint32_t limit)
{
    const Comment *c;
    while ((c = pending(f)) && c->span.begin >= after && c->span.begin < limit &&
           newlines(f, after, c->span.begin) == 0) {
        f->done[f->next] = true;
        buf_addc(f->out, ' ');
        if (is_block_comment(f, c)) {
            put_block_comment(f, c);
        } else {
            uint32_t e = c->span.end;
            while (e > c->span.begin && (f->text[e - 1] == ' ' || f->text[e - 1] == '\t' || f->text[e - 1] == '\r'))
                e--;
            put(f, c->span.begin, e);
        }
        after = c->span.end;
    }
    return after;
}

/* Comments before LIMIT, each on its own line at DEPTH, with a blank line
 * where the author left one (never before the first thing of a block:
 * *FIRST).  PREV is where the previous item ended; returns the new end.
 * BEFORE_ITEM: what follows is a statement or a declaration. */
static uint32_t leading(Fmt *f, uint32_t limit, int depth, uint32_t prev, bool *first, bool before_item)
{
    const Comment *c;
    while ((c = pending(f)) && c->span.begin < limit) {
        if (!*first && newlines(f, prev, c->span.begin) >= 2)
            nl(f);
        own_line(f, f->next, depth, before_item);
        prev = c->span.end;
        *first = false;
    }
    return prev;
}

/* Comments before LIMIT that cannot stay where they are: above the item. */
static void hoist(Fmt *f, uint32_t limit, int depth)
{
    const Comment *c;
    while ((c = pending(f)) && c->span.begin < limit)
        own_line(f, f->next, depth, true);
}

static void put_atom(Fmt *f, const Atom *a) { put(f, a->span.begin, ast_atom_end(a)); }

static void put_value(Fmt *f, const Value *v)
{
    for (const Atom *a = v->atoms; a; a = a->next) {
        if (a != v->atoms)
            buf_addc(f->out, ' ');
        put_atom(f, a);
    }
}

/* Columns a value takes on one line; false if it holds a line break. */
static bool value_width(const Fmt *f, const Value *v, size_t *w)
{
    for (const Atom *a = v->atoms; a; a = a->next) {
        *w += a != v->atoms;
        for (uint32_t i = a->span.begin; i < ast_atom_end(a); i++) {
            unsigned char ch = (unsigned char)f->text[i];
            if (ch == '\n')
                return false;
            *w += (ch & 0xC0) != 0x80;
        }
    }
    return true;
}

static void fmt_block(Fmt *f, const Block *b, int depth);

static uint32_t stmt_begin(const Stmt *st) { return st->doc ? st->doc->span.begin : st->name->span.begin; }

/* A statement's comments inside its head (before its block): one between
 * two values stays (and the list is then written one value per line); any
 * other moves above the statement.  Returns whether one stays. */
static bool place_inner_comments(Fmt *f, const Stmt *st, uint32_t head_end, int depth)
{
    bool between = false;
    const Value *prev = NULL, *v = st->values;
    for (uint32_t i = f->next; i < f->ncm && f->cm[i]->span.begin < head_end; i++) {
        if (f->done[i])
            continue;
        uint32_t at = f->cm[i]->span.begin;
        while (v && v->span.begin < at) {
            prev = v;
            v = v->next;
        }
        if (prev && v && at >= prev->span.end) {
            between = true;
            continue;
        }
        own_line(f, i, depth, true);
    }
    return between;
}

/* Whether a value of ST's list other than the first starts with a field
 * name.  Then which line it is on matters: a ',' ending a line that joins
 * a field name to the list above is an error (E0202) that the same text
 * on one line is not — so the list keeps its line breaks as written. */
static bool lines_matter(const Stmt *st)
{
    for (const Value *v = st->values ? st->values->next : NULL; v; v = v->next)
        if (v->atoms->kind == ATOM_NAME && schema_any_field(v->atoms->text, v->atoms->len))
            return true;
    return false;
}

/* Returns the offset where the statement (and its trailing comment) ends.
 * LIMIT is where the next statement, or the closing brace, is. */
static uint32_t fmt_stmt(Fmt *f, const Stmt *st, int depth, uint32_t limit)
{
    if (st->doc) {
        comment_lines(f, st->doc->span.begin, st->doc->span.end, depth, true, false);
        hoist(f, st->name->span.begin, depth);
    }
    uint32_t head_end = st->block ? st->block->span.begin : st->span.end;
    bool wrap = place_inner_comments(f, st, head_end, depth);
    indent(f, depth);
    put_atom(f, st->name);
    if (st->values) {
        size_t w = (size_t)depth * 2 + (st->name->span.end - st->name->span.begin) + (st->block ? 2 : 0);
        bool fits = !wrap;
        for (const Value *v = st->values; v && fits; v = v->next) {
            w += v == st->values ? 1 : 2;
            fits = value_width(f, v, &w);
        }
        bool as_written = lines_matter(st);
        if (st->nvalues == 1 || (fits && w <= FMT_WIDTH && !as_written)) {
            for (const Value *v = st->values; v; v = v->next) {
                puts_(f, v == st->values ? " " : ", ");
                put_value(f, v);
            }
        } else {
            buf_addc(f->out, ' ');
            put_value(f, st->values);
            for (const Value *p = st->values, *v = p->next; v; p = v, v = v->next) {
                buf_addc(f->out, ',');
                trailing(f, p->span.end, v->span.begin);
                if (as_written && newlines(f, p->span.end, v->span.begin) == 0) {
                    buf_addc(f->out, ' ');
                } else {
                    nl(f);
                    hoist(f, v->span.begin, depth + 2);
                    indent(f, depth + 2);
                }
                put_value(f, v);
            }
        }
    }
    if (st->block) {
        buf_addc(f->out, ' ');
        fmt_block(f, st->block, depth);
    }
    uint32_t end = trailing(f, st->span.end, limit);
    nl(f);
    return end;
}

/* A block opens on the line of its owner; its statements are at DEPTH + 1. */
static void fmt_block(Fmt *f, const Block *b, int depth)
{
    const Comment *c = pending(f);
    if (!b->stmts && !(c && c->span.begin < b->span.end)) {
        puts_(f, "{}");
        return;
    }
    buf_addc(f->out, '{');
    uint32_t prev = trailing(f, b->span.begin + 1, b->span.end);
    nl(f);
    bool first = true;
    for (const Stmt *st = b->stmts; st; st = st->next) {
        uint32_t sb = stmt_begin(st);
        prev = leading(f, sb, depth + 1, prev, &first, true);
        if (!first && newlines(f, prev, sb) >= 2)
            nl(f);
        prev = fmt_stmt(f, st, depth + 1, st->next ? stmt_begin(st->next) : b->span.end - 1);
        first = false;
    }
    leading(f, b->span.end - 1, depth + 1, prev, &first, false);
    indent(f, depth);
    buf_addc(f->out, '}');
}

static uint32_t fmt_decl(Fmt *f, const Decl *d)
{
    if (d->doc)
        comment_lines(f, d->doc->span.begin, d->doc->span.end, 0, true, false);
    hoist(f, d->block->span.begin, 0);
    put(f, d->kw_span.begin, d->kw_span.end);
    buf_addc(f->out, ' ');
    put_atom(f, d->id);
    if (d->display_name) {
        buf_addc(f->out, ' ');
        put_atom(f, d->display_name);
    }
    if (d->from) {
        puts_(f, " from ");
        put_atom(f, d->from);
    }
    buf_addc(f->out, ' ');
    fmt_block(f, d->block, 0);
    uint32_t end = trailing(f, d->block->span.end, UINT32_MAX);
    nl(f);
    return end;
}

static uint32_t fmt_import(Fmt *f, const Import *im)
{
    if (im->codes) { /* allow CODE, … */
        hoist(f, im->codes->span.begin, 0);
        puts_(f, "allow ");
        for (const Value *v = im->codes; v; v = v->next) {
            if (v != im->codes)
                puts_(f, ", ");
            for (const Atom *a = v->atoms; a; a = a->next) {
                if (a != v->atoms)
                    puts_(f, " ");
                put_atom(f, a);
            }
        }
    } else {
        hoist(f, im->path->span.begin, 0);
        puts_(f, "import ");
        put_atom(f, im->path);
    }
    uint32_t end = trailing(f, im->span.end, UINT32_MAX);
    nl(f);
    return end;
}

static int by_position(const void *a, const void *b)
{
    const Comment *x = *(const Comment *const *)a, *y = *(const Comment *const *)b;
    return (x->span.begin > y->span.begin) - (x->span.begin < y->span.begin);
}

void fmt_file(const AstFile *file, const Source *src, Buf *out)
{
    Arena *a = out->arena;
    Fmt f = {src->text, out, NULL, NULL, file->ncomments, 0};
    f.cm = ARENA_ARRAY(a, const Comment *, file->ncomments + 1);
    f.done = arena_zalloc(a, file->ncomments + 1);
    uint32_t n = 0;
    for (const Comment *c = file->comments; c; c = c->next)
        f.cm[n++] = c;
    qsort(f.cm, n, sizeof *f.cm, by_position);

    /* Imports and declarations, in the order written. */
    const Import *im = file->imports;
    const Decl *d = file->decls;
    uint32_t prev = 0;
    bool first = true, prev_import = false;
    while (im || d) {
        uint32_t db = d ? (d->doc ? d->doc->span.begin : d->kw_span.begin) : UINT32_MAX;
        bool is_import = im && im->span.begin < db;
        uint32_t begin = is_import ? im->span.begin : db;
        const Comment *c = pending(&f);
        uint32_t lead = c && c->span.begin < begin ? c->span.begin : begin;
        /* Declarations are one blank line apart; imports keep the
         * author's grouping. */
        if (!first && (!(is_import && prev_import) || newlines(&f, prev, lead) >= 2))
            nl(&f);
        bool group_first = true;
        prev = leading(&f, begin, 0, prev, &group_first, !is_import);
        if (!group_first && newlines(&f, prev, begin) >= 2)
            nl(&f);
        if (is_import) {
            prev = fmt_import(&f, im);
            im = im->next;
        } else {
            prev = fmt_decl(&f, d);
            d = d->next;
        }
        first = false;
        prev_import = is_import;
    }
    leading(&f, UINT32_MAX, 0, prev, &first, false);
}
