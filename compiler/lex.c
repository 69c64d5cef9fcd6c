/* lex.c — token values and scanner state for grammar/lexer.l. */
#include "lex.h"

#include <stdio.h>
#include <string.h>

Span parser_span(const Parser *p, uint32_t begin, uint32_t end)
{
    Span s = {p->src->id, begin, end};
    return s;
}

static DiagEngine *diags(Parser *p) { return &p->c->diags; }

static Atom *atom_new(Parser *p, AtomKind kind, uint32_t begin, uint32_t end)
{
    Atom *a = ARENA_NEW(p->nodes, Atom);
    a->kind = kind;
    a->span = parser_span(p, begin, end);
    a->text = p->base + begin; /* points into the file; not NUL-terminated */
    a->len = end - begin;
    return a;
}

/* Scanner state ---------------------------------------------------------- */

int lex_token(Parser *p, YYLTYPE *loc, int kind, uint32_t begin, uint32_t end)
{
    *loc = parser_span(p, begin, end);
    p->prev_tok = p->last_tok;
    p->prev_span = p->last_span;
    p->last_tok = kind;
    p->last_span = *loc;
    switch (kind) {
    case TOK_EOL:
    case TOK_SEMI:
    case TOK_LBRACE:
    case TOK_RBRACE:
    case TOK_DOC:
        p->at_stmt_start = true;
        p->head_count = 0;
        break;
    default:
        if (p->at_stmt_start) {
            p->at_stmt_start = false;
            p->head = *loc;
            p->id = parser_span(p, end, end);
            p->head_is_decl = kind == TOK_KIND;
            p->head_count = 1;
        } else if (p->head_count == 1) {
            if (kind == TOK_NAME)
                p->id = *loc;
            p->head_count = 2;
        }
        break;
    }
    return kind;
}

/* End of file, placed just after the last character that is not white
 * space, so a caret lands on a line the reader can see. */
int lex_eof(Parser *p, YYLTYPE *loc)
{
    uint32_t at = p->end;
    while (at > p->start && strchr(" \t\r\n", p->base[at - 1]))
        at--;
    return lex_token(p, loc, TOK_YYEOF, at, at);
}

bool lex_newline_ends(const Parser *p)
{
    if (p->paren_depth > 0)
        return false;
    switch (p->last_tok) {
    case TOK_NAME:
    case TOK_STRING:
    case TOK_NUMBER:
    case TOK_PERCENT:
    case TOK_DURATION:
    case TOK_TIMES:
    case TOK_RBRACE:
    case TOK_RPAREN:
    case TOK_KIND:
    case TOK_IMPORT:
    case TOK_FROM:
    case TOK_ALLOW:
        return true;
    default:
        return false;
    }
}

bool lex_open_brace(Parser *p, uint32_t at)
{
    if (p->depth >= PARSE_MAX_NESTING) {
        Diag *d = diag_at(diags(p), D_E0105, parser_span(p, at, at + 1),
                          "blocks are nested more than %d deep", PARSE_MAX_NESTING);
        diag_note_nowhere(diags(p), d, "the rest of this file is not read");
        p->aborted = true;
        return false;
    }
    p->braces = arena_grow(p->lexbufs, p->braces, p->depth, &p->cap, sizeof *p->braces, 8);
    BraceFrame *f = &p->braces[p->depth++];
    memset(f, 0, sizeof *f);
    f->open = at;
    if (p->at_stmt_start) {
        f->head = parser_span(p, at, at); /* a block with no statement head */
    } else {
        f->head = p->head;
        f->id = p->id;
        f->head_is_decl = p->head_is_decl;
    }
    return true;
}

bool lex_close_brace(Parser *p, uint32_t at)
{
    if (p->depth == 0) {
        Diag *d = diag_at(diags(p), D_E0103, parser_span(p, at, at + 1),
                          "'}' does not close any block");
        diag_help(diags(p), d, "remove it, or look above for a '{' that was deleted");
        return false;
    }
    p->depth--;
    return true;
}

/* Names ------------------------------------------------------------------ */

static void check_ident_length(Parser *p, uint32_t begin, uint32_t end)
{
    uint32_t part = begin;
    for (uint32_t i = begin; i <= end; i++) {
        if (i == end || p->base[i] == '.') {
            if (i - part > IDENT_MAX_BYTES) {
                Diag *d = diag_at(diags(p), D_E0011, parser_span(p, part, i),
                                  "identifier is %u bytes long; the limit is %d",
                                  i - part, IDENT_MAX_BYTES);
                diag_help(diags(p), d, "use a shorter id and put the full text in the name");
                return;
            }
            part = i + 1;
        }
    }
}

int lex_name(Parser *p, YYSTYPE *val, uint32_t begin, uint32_t end)
{
    const char *w = p->base + begin;
    size_t len = end - begin;
    bool qualified = memchr(w, '.', len) != NULL;
    DeclKind kind;
    /* Keywords are words at the top level, but for the id after a kind
     * or a 'from': `service calendar "Calendar"` declares a service. */
    if (!qualified && p->depth == 0 && p->last_tok != TOK_KIND && p->last_tok != TOK_FROM) {
        if (decl_kind_lookup(w, len, &kind)) {
            val->kind = kind;
            return TOK_KIND;
        }
        if (len == 6 && memcmp(w, "import", 6) == 0)
            return TOK_IMPORT;
        if (len == 4 && memcmp(w, "from", 4) == 0)
            return TOK_FROM;
        if (len == 5 && memcmp(w, "allow", 5) == 0)
            return TOK_ALLOW;
    }
    /* A declaration keyword at the start of a line inside a block is a
     * hint that a '}' is missing above it: keep it for the message. */
    if (!qualified && p->depth > 0 && p->at_stmt_start && !p->braces[0].has_suspect &&
        (begin == p->start || p->base[begin - 1] == '\n') && decl_kind_lookup(w, len, &kind)) {
        p->braces[0].has_suspect = true;
        p->braces[0].suspect = parser_span(p, begin, end);
    }
    if (qualified || len > IDENT_MAX_BYTES) /* a part may be too long (a name is read once here) */
        check_ident_length(p, begin, end);
    val->atom = atom_new(p, ATOM_NAME, begin, end);
    return TOK_NAME;
}

int lex_name_dash(Parser *p, YYSTYPE *val, uint32_t begin, uint32_t end)
{
    uint32_t stop = end;
    while (stop > begin && p->base[stop - 1] == '-')
        stop--;
    Diag *d = diag_at(diags(p), D_E0012, parser_span(p, begin, end),
                      "identifier '%.*s' ends with '-'", (int)(end - begin), p->base + begin);
    diag_help(diags(p), d, "an identifier may contain '-' between letters or digits, not at its end");
    int kind = lex_name(p, val, begin, stop);
    if (kind == TOK_NAME)
        val->atom->span.end = end;
    return kind;
}

/* Numbers and durations ---------------------------------------------------- */

/* The value of the digits in [s, e); false if above 2^53. */
static bool read_int(const char *s, const char *e, uint64_t *out)
{
    uint64_t v = 0;
    for (; s < e && *s >= '0' && *s <= '9'; s++) {
        v = v * 10 + (uint64_t)(*s - '0');
        if (v > NUMBER_MAX_INT) {
            *out = NUMBER_MAX_INT;
            return false;
        }
    }
    *out = v;
    return true;
}

Atom *lex_number(Parser *p, AtomKind kind, uint32_t begin, uint32_t end)
{
    Atom *a = atom_new(p, kind, begin, end);
    const char *s = p->base + begin, *e = p->base + end;
    const char *dot = memchr(s, '.', (size_t)(e - s));
    a->is_int = dot == NULL;
    if (!read_int(s, dot ? dot : e, &a->ival)) {
        Diag *d = diag_at(diags(p), D_E0008, parser_span(p, begin, dot ? (uint32_t)(dot - p->base) : end),
                          "number '%.*s' is too large", (int)(end - begin), s);
        diag_note_nowhere(diags(p), d, "whole numbers go up to 2^53 (9007199254740992)");
    }
    return a;
}

static int unit_rank(char u)
{
    switch (u) {
    case 'w': return 5;
    case 'd': return 4;
    case 'h': return 3;
    case 'm': return 2;
    default: return 1; /* 's' */
    }
}

static const uint64_t unit_seconds[] = {0, 1, 60, 3600, 86400, 604800};
static const char unit_letters[] = " smhdw";

/* Write SECONDS the canonical way, largest unit first: 5400 -> "1h30m". */
static char *duration_text(Arena *a, uint64_t seconds)
{
    char buf[64];
    size_t n = 0;
    if (seconds == 0)
        return arena_strdup(a, "0s");
    for (int r = 5; r >= 1; r--) {
        uint64_t q = seconds / unit_seconds[r];
        if (q) {
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%llu%c", (unsigned long long)q,
                                  unit_letters[r]);
            seconds %= unit_seconds[r];
        }
    }
    return arena_strndup(a, buf, n);
}

/* Sum the segments "<digits><unit>" of [s, e); *ordered is false when a
 * unit is not smaller than the one before it.  False on overflow. */
static bool duration_sum(const char *s, const char *e, uint64_t *total, bool *ordered,
                         int *last_rank)
{
    uint64_t sum = 0;
    int prev = 6;
    bool ok = true;
    *ordered = true;
    while (s < e && *s >= '0' && *s <= '9') {
        const char *u = s;
        while (u < e && *u >= '0' && *u <= '9')
            u++;
        uint64_t n;
        if (!read_int(s, u, &n))
            ok = false;
        if (u == e)
            break; /* trailing digits without a unit */
        int r = unit_rank(*u);
        if (r >= prev)
            *ordered = false;
        prev = r;
        if (n > NUMBER_MAX_INT / unit_seconds[r] || sum + n * unit_seconds[r] > NUMBER_MAX_INT)
            ok = false;
        else
            sum += n * unit_seconds[r];
        s = u + 1;
    }
    *total = ok ? sum : NUMBER_MAX_INT;
    *last_rank = prev;
    return ok;
}

Atom *lex_duration(Parser *p, uint32_t begin, uint32_t end)
{
    Atom *a = atom_new(p, ATOM_DURATION, begin, end);
    a->is_int = true;
    bool ordered;
    int last;
    Span sp = parser_span(p, begin, end);
    if (!duration_sum(p->base + begin, p->base + end, &a->ival, &ordered, &last)) {
        Diag *d = diag_at(diags(p), D_E0008, sp, "duration '%.*s' is too long",
                          (int)(end - begin), p->base + begin);
        diag_note_nowhere(diags(p), d, "durations go up to 2^53 seconds");
    } else if (!ordered) {
        Diag *d = diag_at(diags(p), D_E0010, sp,
                          "duration '%.*s' must give its units largest first, each once",
                          (int)(end - begin), p->base + begin);
        diag_help(diags(p), d, "write '%s'", duration_text(&p->c->arena, a->ival));
    }
    return a;
}

Atom *lex_duration_unitless(Parser *p, uint32_t begin, uint32_t end)
{
    Atom *a = lex_duration(p, begin, end);
    bool ordered;
    int last;
    uint64_t total;
    duration_sum(p->base + begin, p->base + end, &total, &ordered, &last);
    Diag *d = diag_at(diags(p), D_E0010, a->span,
                      "duration '%.*s' ends with a number that has no unit",
                      (int)(end - begin), p->base + begin);
    if (last > 1)
        diag_help(diags(p), d, "did you mean '%.*s%c'?", (int)(end - begin), p->base + begin,
                  unit_letters[last - 1]);
    else
        diag_help(diags(p), d, "units are s, m, h, d and w, largest first");
    return a;
}

Atom *lex_times(Parser *p, uint32_t begin, uint32_t end)
{
    return atom_new(p, ATOM_TIMES, begin, end);
}

static bool is_duration_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "ms", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes",
        "hr", "hrs", "hour", "hours", "day", "days", "wk", "wks", "week", "weeks",
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
            return true;
    return false;
}

uint32_t lex_glued(Parser *p, uint32_t begin, uint32_t end)
{
    const char *s = p->base + begin;
    uint32_t n = 0;
    while (begin + n < end && s[n] >= '0' && s[n] <= '9')
        n++;
    bool decimal = false;
    if (begin + n + 1 < end && s[n] == '.' && s[n + 1] >= '0' && s[n + 1] <= '9') {
        decimal = true;
        n++;
        while (begin + n < end && s[n] >= '0' && s[n] <= '9')
            n++;
    }
    const char *unit = s + n;
    size_t ulen = end - begin - n;
    Span sp = parser_span(p, begin, end);
    if (decimal && ulen == 1 && strchr("smhdw", unit[0])) {
        Diag *d = diag_at(diags(p), D_E0010, sp,
                          "duration '%.*s' has a fraction; durations are whole units",
                          (int)(end - begin), s);
        /* Convert exactly: the digits scaled by the unit, if whole seconds. */
        uint64_t whole, frac = 0, scale = 1;
        const char *dot = memchr(s, '.', n);
        read_int(s, dot, &whole);
        for (const char *q = dot + 1; q < s + n && scale < 1000000000; q++) {
            frac = frac * 10 + (uint64_t)(*q - '0');
            scale *= 10;
        }
        uint64_t us = unit_seconds[unit_rank(unit[0])];
        if (whole < NUMBER_MAX_INT / us && (frac * us) % scale == 0)
            diag_help(diags(p), d, "write '%s'",
                      duration_text(&p->c->arena, whole * us + frac * us / scale));
        else
            diag_help(diags(p), d, "write it in a smaller unit, e.g. 90m for an hour and a half");
        return n;
    }
    Diag *d = diag_at(diags(p), D_E0009, sp, "number '%.*s' is glued to '%.*s'", (int)n, s,
                      (int)ulen, unit);
    if (is_duration_word(unit, ulen))
        diag_help(diags(p), d, "a duration is written with s, m, h, d or w: 90s, 15m, 4h, 2d, 1w");
    else
        diag_help(diags(p), d, "put a space between a number and its unit: '%.*s %.*s'", (int)n, s,
                  (int)ulen, unit);
    return n;
}

/* Strings ------------------------------------------------------------------ */

/* Decode the escape at S (a backslash) into B; returns the bytes used. */
static size_t decode_escape(Parser *p, const char *s, const char *e, Buf *b)
{
    uint32_t at = (uint32_t)(s - p->base);
    char c = s + 1 < e ? s[1] : '\0';
    switch (c) {
    case 'n': buf_addc(b, '\n'); return 2;
    case 't': buf_addc(b, '\t'); return 2;
    case 'r': buf_addc(b, '\r'); return 2;
    case '"': buf_addc(b, '"'); return 2;
    case '\\': buf_addc(b, '\\'); return 2;
    case 'u': {
        const char *q = s + 2;
        if (q < e && *q == '{') {
            const char *h = q + 1;
            uint32_t cp = 0;
            int nd = 0;
            while (h < e && nd <= 6 && ((*h >= '0' && *h <= '9') || (*h >= 'a' && *h <= 'f') ||
                                        (*h >= 'A' && *h <= 'F'))) {
                cp = cp * 16 + (uint32_t)(*h <= '9' ? *h - '0' : (*h | 0x20) - 'a' + 10);
                h++;
                nd++;
            }
            if (h < e && *h == '}' && nd >= 1 && nd <= 6) {
                size_t used = (size_t)(h + 1 - s);
                if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) {
                    Diag *d = diag_at(diags(p), D_E0006, parser_span(p, at, at + (uint32_t)used),
                                      "'\\u{%.*s}' is not a Unicode scalar value", nd, q + 1);
                    diag_note_nowhere(diags(p), d,
                                      "code points go from 1 to 10FFFF, surrogates D800-DFFF excluded");
                } else {
                    char out[4];
                    buf_add(b, out, (size_t)utf8_encode(cp, out));
                }
                return used;
            }
        }
        Diag *d = diag_at(diags(p), D_E0006, parser_span(p, at, at + 2),
                          "malformed unicode escape");
        diag_help(diags(p), d, "write a code point in hex between braces: \\u{1F600}");
        return 2;
    }
    default: break;
    }
    /* Unknown escape: report it and keep the character itself. */
    uint32_t cp = (unsigned char)c;
    int k = s + 1 < e ? utf8_decode((const unsigned char *)s + 1, (size_t)(e - s - 1), &cp) : 0;
    if (k <= 0)
        k = 1;
    Diag *d = diag_at(diags(p), D_E0006, parser_span(p, at, at + 1 + (uint32_t)k),
                      "unknown escape '\\%.*s'", k, s + 1);
    diag_help(diags(p), d, "escapes are \\\" \\\\ \\n \\t \\r and \\u{…}; write '\\\\' for a backslash");
    buf_add(b, s + 1, (size_t)k);
    return 1 + (size_t)k;
}

/* Decode [s, e) into B, escapes included; CR before LF is dropped. */
static void decode_text(Parser *p, const char *s, const char *e, Buf *b)
{
    while (s < e) {
        const char *q = s;
        while (q < e && *q != '\\' && *q != '\r')
            q++;
        buf_add(b, s, (size_t)(q - s));
        if (q == e)
            break;
        if (*q == '\r') {
            if (!(q + 1 < e && q[1] == '\n'))
                buf_addc(b, '\r');
            s = q + 1;
            continue;
        }
        s = q + decode_escape(p, q, e, b);
    }
}

static bool blank_line(const char *s, const char *e)
{
    for (; s < e; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r')
            return false;
    return true;
}

/* A multi-line string: drop the newline right after the opening quotes and
 * the one before closing quotes that stand on their own line, then remove
 * the indentation common to all non-blank lines. */
static void decode_multiline(Parser *p, const char *s, const char *e, Buf *b)
{
    const char *nl = memchr(s, '\n', (size_t)(e - s));
    if (nl && blank_line(s, nl))
        s = nl + 1;
    const char *last = e;
    while (last > s && last[-1] != '\n')
        last--;
    bool drop_last = last > s && blank_line(last, e);
    if (drop_last)
        e = last - 1;
    /* The common indentation: the longest prefix of spaces and tabs that
     * every non-blank line starts with. */
    const char *ind = NULL;
    size_t indlen = 0;
    for (const char *l = s; l <= e;) {
        const char *le = memchr(l, '\n', (size_t)(e - l));
        if (!le)
            le = e;
        if (!blank_line(l, le)) {
            size_t w = 0;
            while (l + w < le && (l[w] == ' ' || l[w] == '\t'))
                w++;
            if (!ind) {
                ind = l;
                indlen = w;
            } else {
                size_t k = 0;
                while (k < indlen && k < w && ind[k] == l[k])
                    k++;
                indlen = k;
            }
        }
        if (le == e)
            break;
        l = le + 1;
    }
    for (const char *l = s; l <= e;) {
        const char *le = memchr(l, '\n', (size_t)(e - l));
        if (!le)
            le = e;
        if (!blank_line(l, le))
            decode_text(p, l + indlen, le, b);
        if (le == e)
            break;
        buf_addc(b, '\n');
        l = le + 1;
    }
}

Atom *lex_string(Parser *p, uint32_t begin, uint32_t end, bool multiline)
{
    /* Decoding never makes text longer: one block of the raw length. */
    Buf b;
    buf_init(&b, p->texts);
    b.cap = end - begin + 1;
    b.data = arena_alloc(p->texts, b.cap);
    if (multiline)
        decode_multiline(p, p->base + begin, p->base + end, &b);
    else
        decode_text(p, p->base + begin, p->base + end, &b);
    uint32_t open = begin - (multiline ? 3 : 1);
    Atom *a = atom_new(p, ATOM_STRING, open, end);
    a->text = buf_cstr(&b);
    a->len = (uint32_t)b.len;
    a->multiline = multiline;
    return a;
}

Atom *lex_string_unclosed(Parser *p, uint32_t open, uint32_t end)
{
    Diag *d = diag_at(diags(p), D_E0005, parser_span(p, open, end),
                      "string is not closed: '\"' missing at the end of the line");
    diag_help(diags(p), d, "a string ends on the line it starts; for text over several lines use \"\"\"…\"\"\"");
    Atom *a = lex_string(p, open + 1, end, false);
    a->span.end = end;
    return a;
}

void lex_unclosed(Parser *p, uint32_t open, uint32_t len, const char *what)
{
    p->eof_in_token = true; /* unclosed blocks at the end are no news then */
    Diag *d = diag_at(diags(p), D_E0007, parser_span(p, open, open + len),
                      "%s is not closed before the end of the file", what);
    diag_help(diags(p), d, "close it with '%s'", len == 2 ? "*/" : "\"\"\"");
}

/* Doc comments ------------------------------------------------------------- */

Doc *lex_doc(Parser *p, uint32_t begin, uint32_t end)
{
    Buf b; /* built among the nodes, kept in one exact copy */
    buf_init(&b, p->nodes);
    const char *s = p->base + begin, *e = p->base + end;
    while (s < e) {
        const char *le = memchr(s, '\n', (size_t)(e - s));
        if (!le)
            le = e;
        const char *t = s;
        while (*t == ' ' || *t == '\t')
            t++;
        t += 3; /* "///" */
        if (t < le && *t == ' ')
            t++;
        const char *te = le;
        if (te > t && te[-1] == '\r')
            te--;
        if (b.len)
            buf_addc(&b, '\n');
        buf_add(&b, t, (size_t)(te - t));
        s = le + 1;
    }
    Doc *d = ARENA_NEW(p->texts, Doc);
    while (p->base[begin] == ' ' || p->base[begin] == '\t')
        begin++; /* the span starts at the first '/' */
    d->span = parser_span(p, begin, end);
    d->text = arena_strndup(p->texts, b.data ? b.data : "", b.len);
    return d;
}

/* Comments, kept only for the formatter. */
void lex_comment(Parser *p, uint32_t begin, uint32_t end, bool doc)
{
    if (!p->c->keep_comments)
        return;
    uint32_t e = end;
    while (e > begin && p->base[e - 1] == '\r')
        e--; /* a CRLF file's line comment */
    Comment *c = ARENA_NEW(&p->c->arena, Comment);
    c->span = parser_span(p, begin, e);
    c->doc = doc;
    AstFile *f = p->file;
    if (f->last_comment)
        f->last_comment->next = c;
    else
        f->comments = c;
    f->last_comment = c;
    f->ncomments++;
}

/* Stray characters ----------------------------------------------------------- */

void lex_stray(Parser *p, uint32_t begin, uint32_t end)
{
    if (p->stray && p->stray_end == begin) {
        diag_extend(p->stray, end); /* one report for a run of them */
        p->stray_end = end;
        return;
    }
    uint32_t cp;
    if (utf8_decode((const unsigned char *)p->base + begin, end - begin, &cp) <= 0)
        cp = (unsigned char)p->base[begin];
    Diag *d;
    if (cp == '\'')
        d = diag_at(diags(p), D_E0004, parser_span(p, begin, end), "unexpected character \"'\"");
    else if (cp < 0x20 || cp == 0x7F || cp >= 0x80)
        d = diag_at(diags(p), D_E0004, parser_span(p, begin, end),
                    "unexpected character U+%04X%s%.*s%s", cp, cp >= 0x80 ? " '" : "",
                    cp >= 0x80 ? (int)(end - begin) : 0, p->base + begin, cp >= 0x80 ? "'" : "");
    else
        d = diag_at(diags(p), D_E0004, parser_span(p, begin, end), "unexpected character '%c'",
                    (char)cp);
    switch (cp) {
    case '%':
        diag_help(diags(p), d, "a percentage is written right after its number: 99.9%%");
        break;
    case '\'':
        diag_help(diags(p), d, "strings are written in double quotes: \"…\"");
        break;
    case '#':
        diag_help(diags(p), d, "comments start with // or are written /* … */");
        break;
    case '=':
    case ':':
        diag_help(diags(p), d, "a field and its value are separated by a space: owner messaging");
        break;
    case '.':
        diag_help(diags(p), d, "'.' only joins the parts of a qualified name (itil4.service_desk) "
                               "or of a number (4.50)");
        break;
    default:
        if (cp >= 0x80)
            diag_help(diags(p), d, "identifiers use ASCII letters, digits, '_' and '-'; other "
                                   "text belongs in a string");
        break;
    }
    p->stray = d;
    p->stray_end = end;
}

/* Allocation for flex ---------------------------------------------------- */

void *lex_alloc(Parser *p, size_t size) { return arena_sized_alloc(p->lexbufs, size); }

void *lex_realloc(Parser *p, void *ptr, size_t size)
{
    return arena_sized_realloc(p->lexbufs, ptr, size);
}
