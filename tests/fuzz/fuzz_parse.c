/* fuzz_parse.c — libFuzzer harness: the scanner and the parser on any
 * bytes, as one file, both ways svcc reads a file: whole trees kept, and
 * declaration headers only.  When the file has no syntax error, each
 * declaration read again on its own (parse_decl, as the semantic pass
 * does) must have the tree it has in the whole file; a difference aborts,
 * which libFuzzer reports as a crash.  Built by `make fuzz`. */
#define _GNU_SOURCE /* open_memstream */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ast_dump of declaration D alone. */
static char *dump_decl(const Decl *d, Source *src, size_t *len)
{
    AstFile f;
    memset(&f, 0, sizeof f);
    Decl one = *d;
    one.next = NULL;
    f.src = src;
    f.decls = f.last_decl = &one;
    f.ndecls = 1;
    char *s = NULL;
    FILE *m = open_memstream(&s, len);
    ast_dump(&f, m);
    fclose(m);
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Compiler whole, headers;
    compiler_init(&whole);
    compiler_init(&headers);
    whole.keep_trees = true;
    Source *sw = source_add(&whole.sources, "fuzz.svc", (const char *)data, size);
    Source *sh = source_add(&headers.sources, "fuzz.svc", (const char *)data, size);
    AstFile *fw = parse_source(&whole, sw);
    AstFile *fh = parse_source(&headers, sh);
    if (whole.diags.errors != headers.diags.errors || fw->ndecls != fh->ndecls)
        abort();
    if (!headers.diags.errors) {
        const Decl *w = fw->decls;
        for (const DeclHead *h = fh->heads; h; h = h->next, w = w->next) {
            const Decl *again = parse_decl(&headers, h, &headers.tree);
            size_t la, lb;
            char *a = dump_decl(w, sw, &la), *b = dump_decl(again, sh, &lb);
            if (la != lb || memcmp(a, b, la) != 0 || again->span.begin != w->span.begin ||
                again->span.end != w->span.end || h->full || h->id_len != w->id->len ||
                memcmp(h->id, w->id->text, h->id_len) != 0)
                abort();
            free(a);
            free(b);
            arena_reset(&headers.tree);
        }
        if (memcmp(sh->text, sw->text, size) != 0) /* the text is as it was */
            abort();
    }
    compiler_free(&headers);
    compiler_free(&whole);
    return 0;
}
