/* fuzz.h — shared by the harnesses: compile the fuzzer's bytes as the root
 * file, with the standard library on the search path and relative imports
 * looking in a folder that does not exist. */
#ifndef SVCC_FUZZ_H
#define SVCC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "compiler.h"

#ifndef FUZZ_STDLIB
#define FUZZ_STDLIB "stdlib"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *fuzz_sink(void)
{
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    return sink;
}

static Model *fuzz_compile(Compiler *c, const uint8_t *data, size_t size)
{
    compiler_init(c);
    Source *src = source_add(&c->sources, "fuzz.svc", (const char *)data, size);
    LoadOptions o = {NULL, 0, NULL, FUZZ_STDLIB};
    load_catalogue_source(c, src, "/nonexistent", &o);
    return sema_check(c);
}

#endif
