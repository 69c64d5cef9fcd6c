/* fuzz_parse.c — libFuzzer harness: the scanner and the parser on any
 * bytes, as one file, both ways svcc reads a file: the whole tree kept
 * (svcc fmt), and in one pass, each declaration lowered into the model as
 * it is parsed.  Both must find the same lexical and syntax errors; with
 * none, the root file's entities are its declarations, in order, with
 * their spans, but for those declared twice (E0205); the bytes scanned are
 * left as they were.  A difference aborts, which libFuzzer reports as a
 * crash.  Built by `make fuzz`. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* Diagnostics of the scanner and the parser: E00xx and E01xx. */
static uint32_t syntax_errors(const Compiler *c, uint32_t *twice)
{
    uint32_t n = 0;
    *twice = 0;
    for (const Diag *d = c->diags.head; d; d = d->next) {
        const char *id = diag_info(d->code)->id;
        n += id[0] == 'E' && id[1] == '0' && id[2] == '0' && (id[3] == '0' || id[3] == '1');
        *twice += d->code == D_E0205;
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Compiler whole, pass;
    compiler_init(&whole);
    Source *sw = source_add(&whole.sources, "fuzz.svc", (const char *)data, size);
    AstFile *fw = parse_tree(&whole, sw);
    Model *m = fuzz_compile(&pass, data, size);
    if (memcmp(sw->text, data, size) != 0 || memcmp(pass.units[0]->src->text, data, size) != 0)
        abort(); /* the text is as it was */
    uint32_t twice, none;
    uint32_t errors = syntax_errors(&whole, &none);
    if (errors != syntax_errors(&pass, &twice))
        abort();
    if (errors == 0 && pass.read_errors == 0) {
        uint32_t i = 0, skipped = 0;
        for (const Decl *d = fw->decls; d; d = d->next) {
            const Entity *e = i < m->count ? m->all[i] : NULL;
            if (e && e->span.file == 0 && e->kind == d->kind &&
                e->span.begin == d->kw_span.begin && e->span.end == d->span.end)
                i++;
            else
                skipped++;
        }
        if (skipped > twice || (i < m->count && m->all[i]->span.file == 0))
            abort();
    }
    compiler_free(&pass);
    compiler_free(&whole);
    return 0;
}
