/* parse.c — the front end for one file: encoding check, scanner, parser,
 * and the wording of syntax errors. */
#include <string.h>

#include "lex.h"
#include "parser.h"
#include "suggest.h"
#include "lexer.h"

/* Encoding ------------------------------------------------------------------ */

/* Report invalid UTF-8, NUL bytes and late byte-order marks, one report
 * per run of bad bytes.  Returns the text to scan: the file's own bytes,
 * or, if any were bad, a copy with each bad byte made a space so that the
 * scanner does not report them again. */
static const char *check_encoding(Compiler *c, Source *src)
{
    const unsigned char *t = (const unsigned char *)src->text;
    size_t n = src->len;
    char *copy = NULL;
    Diag *run = NULL;
    DiagCode run_code = D_E0001;
    size_t run_end = 0;
    for (size_t i = src->has_bom ? 3 : 0; i < n;) {
        if (i + 8 <= n) { /* eight bytes at a time while none is NUL or above 0x7F */
            uint64_t w;
            memcpy(&w, t + i, 8);
            const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
            if (!(((w - ones) | w) & highs)) {
                i += 8;
                continue;
            }
        }
        if (t[i] != 0 && t[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp = 0;
        int k = t[i] == 0 ? 0 : utf8_decode(t + i, n - i, &cp);
        if (k > 0 && cp != 0xFEFF) {
            i += (size_t)k;
            continue;
        }
        size_t len = k > 0 ? (size_t)k : 1;
        DiagCode code = k > 0 ? D_E0003 : t[i] == 0 ? D_E0002 : D_E0001;
        Span sp = {src->id, (uint32_t)i, (uint32_t)(i + len)};
        if (run && run_code == code && run_end == i) {
            diag_extend(run, (uint32_t)(i + len));
        } else if (code == D_E0001) {
            run = diag_at(&c->diags, code, sp, "invalid UTF-8 byte 0x%02X", t[i]);
            diag_note_nowhere(&c->diags, run, "svcc reads sources as UTF-8; convert the file, e.g. with iconv");
        } else if (code == D_E0002) {
            run = diag_at(&c->diags, code, sp, "NUL byte in the source");
        } else {
            run = diag_at(&c->diags, code, sp, "byte-order mark (U+FEFF) after the start of the file");
            diag_help(&c->diags, run, "a byte-order mark may only open a file; remove this one");
        }
        run_code = code;
        run_end = i + len;
        if (!copy) {
            copy = arena_alloc(&c->arena, n + 2);
            memcpy(copy, src->text, n + 2);
        }
        memset(copy + i, ' ', len);
        i += len;
    }
    return copy ? copy : src->text;
}

/* Driver ------------------------------------------------------------------- */

/* P at the start of SRC, its tree and buffers in NODES; base not set. */
static void parser_setup(Parser *p, Compiler *c, Source *src, Arena *nodes)
{
    memset(p, 0, sizeof *p);
    p->c = c;
    p->src = src;
    p->file = ARENA_NEW(&c->arena, AstFile);
    p->file->src = src;
    p->at_stmt_start = true;
    p->last_tok = TOK_EOL;
    p->nodes = p->lexbufs = nodes;
    p->texts = &c->arena;
}

void parser_begin(Parser *p, Compiler *c, Source *src)
{
    parser_setup(p, c, src, &c->arena);
    p->base = check_encoding(c, src);
    p->start = 0;
    p->end = (uint32_t)src->len;
}

/* Scan P's whole file and parse it. */
static void parse_file(Parser *p)
{
    yyscan_t scanner;
    yylex_init_extra(p, &scanner);
    yy_scan_buffer((char *)p->base, p->end + 2, scanner);
    yyparse(scanner, p);
    lex_restore_buffer(scanner);
    yylex_destroy(scanner);
}

AstFile *parse_tree(Compiler *c, Source *src)
{
    Parser p;
    parser_begin(&p, c, src);
    parse_file(&p);
    return p.file;
}

AstFile *parse_unit(Compiler *c, const Unit *u)
{
    Parser p;
    parser_begin(&p, c, u->src);
    source_map_lines(u->src); /* now: the scanner writes into the text as it goes */
    arena_reset(&c->scratch);
    p.errors = c->diags.errors;
    p.unit = u;
    p.nodes = &c->scratch; /* the scanner's buffers stay in the arena: they outlive a declaration */
    p.mark = arena_mark(&c->scratch);
    parse_file(&p);
    arena_reset(&c->scratch);
    return p.file;
}

/* Declarations and imports ------------------------------------------------------ */

#define TEXT_GIVEN_BACK ((uint32_t)256 << 10) /* bytes of text released at a time */

void parser_add_decl(Parser *p, Decl *d)
{
    if (!p->unit) {
        ast_file_add_decl(p->file, d);
        return;
    }
    /* A declaration with a syntax error, or in a file with bytes that are
     * not UTF-8 (scanned as spaces), is not checked: what the parser
     * recovered of it would only give follow-on errors. */
    Compiler *c = p->c;
    if (c->diags.errors == p->errors && p->base == p->src->text) {
        sema_lower(c, p->unit, d, p->base);
        c->lower_errors += c->diags.errors - p->errors;
    }
    /* The text before this declaration is read no more (the model copied
     * what it keeps; diagnostics read the file again): give it back as we
     * go, so that a large file's text and its model do not add up. */
    if (p->base == p->src->text && d->begin - p->forgotten >= TEXT_GIVEN_BACK) {
        source_forget_before(p->src, d->begin);
        p->forgotten = d->begin;
    }
    /* The trees and rows of the declarations before this one are no longer
     * needed (this one's may share a chunk with the token read after it). */
    arena_release_before(p->nodes, p->mark);
    p->mark = arena_mark(p->nodes);
    p->errors = p->c->diags.errors;
}

void parser_add_import(Parser *p, Span span, Atom *path)
{
    /* Kept (its text, a string's, is in the arena already). */
    Atom *k = ARENA_NEW(&p->c->arena, Atom);
    *k = *path;
    k->next = NULL;
    ast_file_add_import(&p->c->arena, p->file, span, k);
}

void parser_add_allow(Parser *p, Span span, Value *codes)
{
    if (!p->unit) { /* the whole tree is kept (in the compilation arena) */
        ast_file_add_allow(&p->c->arena, p->file, span, codes);
        return;
    }
    (void)span; /* one pass: only the checker needs it (imports are all load reads) */
    Compiler *c = p->c;
    if (c->diags.errors == p->errors && p->base == p->src->text) {
        sema_allow_file(c, p->unit, codes);
        c->lower_errors += c->diags.errors - p->errors; /* a checker's error, not a reading one */
    }
    p->errors = c->diags.errors;
}

void parser_stack_exhausted(Parser *p, Span at, const char *msg)
{
    Diag *d = diag_at(&p->c->diags, D_E0105, at, "the file is nested too deeply to parse (%s)", msg);
    diag_note_nowhere(&p->c->diags, d, "the rest of this file is not read");
}

/* Grammar callbacks ----------------------------------------------------------- */

void parser_dangling_doc(Parser *p, Doc *doc)
{
    lex_comment(p, doc->span.begin, doc->span.end, true); /* the formatter keeps it */
    Diag *d = diag_at(&p->c->diags, D_W0101, doc->span,
                      "doc comment is not followed by a declaration or a field");
    diag_help(&p->c->diags, d, "'///' describes the item right below it; use '//' for other comments");
}

void parser_second_doc(Parser *p, Doc *first, Doc *second)
{
    Diag *d = diag_at(&p->c->diags, D_E0104, second->span,
                      "a second doc comment block for the same item");
    diag_note(&p->c->diags, d, first->span, "the first block is here");
    diag_help(&p->c->diags, d, "join the blocks into one, or turn one into a '//' comment");
}

/* Syntax errors ---------------------------------------------------------------- */

static void describe_token(Parser *p, Buf *b, int tok, Span at)
{
    switch (tok) {
    case TOK_YYEOF: buf_adds(b, "end of file"); return;
    case TOK_EOL: buf_adds(b, "end of line"); return;
    case TOK_STRING: buf_adds(b, "a string"); return;
    case TOK_DOC: buf_adds(b, "a doc comment"); return;
    default: break;
    }
    uint32_t len = at.end - at.begin;
    buf_addc(b, '\'');
    buf_add(b, p->base + at.begin, len > 40 ? 40 : len);
    if (len > 40)
        buf_adds(b, "…");
    buf_addc(b, '\'');
}

/* Phrases for what was expected, in the order they are listed. */
enum { X_DECL, X_IMPORT, X_NAME, X_VALUE, X_STRING, X_FROM, X_LBRACE, X_COMMA, X_RBRACE, X_EOL,
       X__COUNT };

static const char *const expect_phrase[X__COUNT] = {
    [X_DECL] = "a declaration", [X_IMPORT] = "'import'", [X_NAME] = "a name",
    [X_VALUE] = "a value",      [X_STRING] = "a string", [X_FROM] = "'from'",
    [X_LBRACE] = "'{'",         [X_COMMA] = "','",       [X_RBRACE] = "'}'",
    [X_EOL] = "end of line",
};

static void describe_expected(Buf *b, const int *ex, int n)
{
    bool want[X__COUNT] = {false};
    int atoms = 0;
    for (int i = 0; i < n; i++) {
        switch (ex[i]) {
        case TOK_KIND: want[X_DECL] = true; break;
        case TOK_IMPORT: want[X_IMPORT] = true; break;
        case TOK_NAME: want[X_NAME] = true; atoms++; break;
        case TOK_STRING: want[X_STRING] = true; atoms++; break;
        case TOK_NUMBER: case TOK_PERCENT: case TOK_DURATION: case TOK_TIMES: atoms++; break;
        case TOK_FROM: want[X_FROM] = true; break;
        case TOK_LBRACE: want[X_LBRACE] = true; break;
        case TOK_COMMA: want[X_COMMA] = true; break;
        case TOK_RBRACE: want[X_RBRACE] = true; break;
        case TOK_EOL: case TOK_SEMI: want[X_EOL] = true; break;
        default: break;
        }
    }
    if (atoms == 6) { /* every kind of atom: say "a value" */
        want[X_VALUE] = true;
        want[X_NAME] = want[X_STRING] = false;
    }
    if (want[X_DECL])
        want[X_EOL] = false; /* blank lines between declarations go without saying */
    int count = 0, k = 0;
    for (int i = 0; i < X__COUNT; i++)
        count += want[i];
    for (int i = 0; i < X__COUNT; i++) {
        if (!want[i])
            continue;
        if (k > 0)
            buf_adds(b, k == count - 1 ? " or " : ", ");
        buf_adds(b, expect_phrase[i]);
        k++;
    }
}

static void describe_frame(Parser *p, Buf *b, const BraceFrame *f)
{
    const char *s = p->base;
    if (f->head.end == f->head.begin) {
        buf_adds(b, "the block");
        return;
    }
    buf_adds(b, "the block of ");
    if (f->head_is_decl) {
        buf_add(b, s + f->head.begin, f->head.end - f->head.begin);
        if (f->id.end > f->id.begin) {
            buf_adds(b, " '");
            buf_add(b, s + f->id.begin, f->id.end - f->id.begin);
            buf_addc(b, '\'');
        }
    } else {
        buf_addc(b, '\'');
        buf_add(b, s + f->head.begin, f->head.end - f->head.begin);
        buf_addc(b, '\'');
    }
}

static void unclosed_at_eof(Parser *p, Span at)
{
    DiagEngine *e = &p->c->diags;
    Buf b;
    buf_init(&b, &p->c->arena);
    const BraceFrame *inner = &p->braces[p->depth - 1];
    describe_frame(p, &b, inner);
    Diag *d = diag_at(e, D_E0102, at, "expected '}' to close %s, but the file ends",
                      buf_cstr(&b));
    diag_note(e, d, parser_span(p, inner->open, inner->open + 1), "the block opened here");
    if (p->depth > 1) {
        buf_init(&b, &p->c->arena);
        describe_frame(p, &b, &p->braces[0]);
        diag_note(e, d, parser_span(p, p->braces[0].open, p->braces[0].open + 1),
                  "inside %s, opened here; %u blocks are open", buf_cstr(&b), p->depth);
    }
    if (p->braces[0].has_suspect) {
        Span s = p->braces[0].suspect;
        diag_note(e, d, s, "'%.*s' here starts a line like a new declaration: is a '}' missing above it?",
                  (int)(s.end - s.begin), p->base + s.begin);
    }
}

void parser_syntax_error(Parser *p, int token, Span at, const int *expected, int nexpected)
{
    if (p->aborted || p->last_error_at == at.begin + 1)
        return;
    p->last_error_at = at.begin + 1;
    if (token == TOK_YYEOF && p->depth > 0) {
        if (!p->eof_in_token)
            unclosed_at_eof(p, at);
        return;
    }
    DiagEngine *e = &p->c->diags;
    Buf b;
    buf_init(&b, &p->c->arena);
    buf_adds(&b, "expected ");
    describe_expected(&b, expected, nexpected);
    /* Say what came before, where it helps to place the error. */
    bool after_field = p->prev_tok == TOK_NAME && p->prev_span.begin == p->head.begin &&
                       p->head_count <= 2 && !p->head_is_decl;
    if (p->prev_tok == TOK_COMMA || p->prev_tok == TOK_KIND || p->prev_tok == TOK_IMPORT ||
        p->prev_tok == TOK_FROM || after_field) {
        buf_adds(&b, " after ");
        describe_token(p, &b, p->prev_tok, p->prev_span);
    }
    buf_adds(&b, " but found ");
    describe_token(p, &b, token, at);
    Diag *d = diag_at(e, D_E0101, at, "%s", buf_cstr(&b));

    bool want_decl = false;
    for (int i = 0; i < nexpected; i++)
        want_decl |= expected[i] == TOK_KIND;
    if (want_decl && token == TOK_NAME) {
        const char *kinds[DECL__COUNT + 1];
        for (int k = 0; k < DECL__COUNT; k++)
            kinds[k] = decl_kind_name((DeclKind)k);
        kinds[DECL__COUNT] = "import";
        const char *best = suggest_best(p->base + at.begin, at.end - at.begin, kinds, DECL__COUNT + 1);
        if (best)
            diag_help(e, d, "did you mean '%s'?", best);
        else
            diag_help(e, d, "a file holds imports and declarations: catalogue, service, offering, "
                            "consumer, team, person, resource, practice, template, framework, requirement");
    } else if (p->prev_tok == TOK_KIND && token != TOK_NAME) {
        diag_help(e, d, "a declaration is written KIND ID [\"Name\"] { … }, e.g. service email \"Email\" { … }");
    } else if (p->prev_tok == TOK_IMPORT) {
        diag_help(e, d, "write the module or file in quotes: import \"itil4\" or import \"./teams.svc\"");
    }
}
