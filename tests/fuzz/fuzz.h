/* fuzz.h — shared by the harnesses: compile the fuzzer's bytes as the root
 * file, with the standard library on the search path and relative imports
 * looking in a folder that does not exist. */
#ifndef SVCC_FUZZ_H
#define SVCC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "api.h"
#include "driver.h"

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
    DriveInput in = {.mode = DRIVE_CHECK, .name = "fuzz.svc", .bytes = (const char *)data,
                     .len = size, .dir = "/nonexistent", .load = {NULL, 0, NULL, FUZZ_STDLIB}};
    return drive(c, &in).model;
}

/* The same through libsvcc's public API (svcc.h). */
static svcc *fuzz_svcc(const uint8_t *data, size_t size)
{
    svcc *c = svcc_new();
    if (!c)
        abort();
    svcc_set_stdlib_dir(c, FUZZ_STDLIB);
    svcc_compile_buffer(c, "fuzz.svc", (const char *)data, size, "/nonexistent");
    return c;
}

#endif
