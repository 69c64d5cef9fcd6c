/* fuzz_fmt.c — libFuzzer harness for svcc fmt: for any input that parses,
 * the formatted text parses without errors, has the same syntax tree
 * (ast_dump prints no positions), formats to itself, and compiles to the
 * same catalogue JSON (source positions aside) — or fails to, as the
 * input does.  A failed property aborts, which libFuzzer reports as a
 * crash.  Built by `make fuzz`. */
#define _GNU_SOURCE /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "fmt.h"
#include "fuzz.h"

/* Parse TEXT with comments kept; NULL if it has errors. */
static AstFile *parse_text(Compiler *c, const char *text, size_t len, Source **src)
{
    compiler_init(c);
    c->keep_comments = true;
    *src = source_add(&c->sources, "fuzz.svc", text, len);
    AstFile *f = parse_tree(c, *src);
    return c->diags.errors ? NULL : f;
}

static char *dump(const AstFile *f, size_t *len)
{
    char *s = NULL;
    FILE *m = open_memstream(&s, len);
    ast_dump(f, m);
    fclose(m);
    return s;
}

static void check(bool ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_fmt: %s\n", what);
        abort();
    }
}

/* Drop every "source":{…} object (positions) from compact JSON. */
static void strip_sources(char *s, size_t *len)
{
    static const char key[] = "\"source\":{";
    size_t r = 0, w = 0, n = *len;
    while (r < n) {
        if (n - r >= sizeof key - 1 && memcmp(s + r, key, sizeof key - 1) == 0) {
            while (r < n && s[r] != '}')
                r++;
            r++;
            continue;
        }
        s[w++] = s[r++];
    }
    *len = w;
}

/* The catalogue JSON of TEXT without positions, or NULL if it has errors. */
static char *catalogue_json(const char *text, size_t len, size_t *out_len)
{
    Compiler c;
    Model *m = fuzz_compile(&c, (const uint8_t *)text, len);
    char *buf = NULL;
    if (m && !c.diags.errors) {
        FILE *f = open_memstream(&buf, out_len);
        emit_json(&c, m, f);
        fclose(f);
        strip_sources(buf, out_len);
    }
    compiler_free(&c);
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Compiler a, b;
    Source *sa, *sb;
    AstFile *fa = parse_text(&a, (const char *)data, size, &sa);
    if (!fa) {
        compiler_free(&a);
        return 0;
    }
    Buf once;
    buf_init(&once, &a.arena);
    fmt_file(fa, sa, &once);
    AstFile *fb = parse_text(&b, once.data ? once.data : "", once.len, &sb);
    check(fb != NULL, "the formatted text does not parse");
    size_t la, lb;
    char *da = dump(fa, &la), *db = dump(fb, &lb);
    check(la == lb && memcmp(da, db, la) == 0, "formatting changes the syntax tree");
    Buf twice;
    buf_init(&twice, &b.arena);
    fmt_file(fb, sb, &twice);
    check(twice.len == once.len && (once.len == 0 || memcmp(twice.data, once.data, once.len) == 0),
          "formatting is not idempotent");
    size_t ja_len = 0, jb_len = 0;
    char *ja = catalogue_json((const char *)data, size, &ja_len);
    char *jb = catalogue_json(once.data ? once.data : "", once.len, &jb_len);
    check((ja == NULL) == (jb == NULL), "formatting changes whether the catalogue compiles");
    check(!ja || (ja_len == jb_len && memcmp(ja, jb, ja_len) == 0),
          "formatting changes the catalogue JSON");
    free(ja);
    free(jb);
    free(da);
    free(db);
    compiler_free(&a);
    compiler_free(&b);
    return 0;
}
