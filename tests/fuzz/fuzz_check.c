/* fuzz_check.c — libFuzzer harness: the whole check pipeline (parse,
 * imports of the standard library, every semantic check) on any bytes as
 * the root file, with the diagnostics rendered as text and as JSON.
 * Relative imports look in an empty folder.  Built by `make fuzz`. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "compiler.h"

#ifndef FUZZ_STDLIB
#define FUZZ_STDLIB "stdlib"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    Compiler c;
    compiler_init(&c);
    Source *src = source_add(&c.sources, "fuzz.svc", (const char *)data, size);
    LoadOptions o = {NULL, 0, NULL, FUZZ_STDLIB};
    load_catalogue_source(&c, src, "/nonexistent", &o);
    sema_check(&c);
    DiagPrintOptions text = {DIAG_TEXT, true, false}, json = {DIAG_JSON, false, false};
    diag_print(&c.diags, sink, &text);
    diag_print(&c.diags, sink, &json);
    compiler_free(&c);
    return 0;
}
