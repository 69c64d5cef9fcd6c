/* fuzz_parse.c — libFuzzer harness: the scanner and the parser on any
 * bytes, as one file.  Built by `make fuzz`. */
#include <stddef.h>
#include <stdint.h>

#include "compiler.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Compiler c;
    compiler_init(&c);
    Source *src = source_add(&c.sources, "fuzz.svc", (const char *)data, size);
    parse_source(&c, src);
    compiler_free(&c);
    return 0;
}
