/* fuzz_check.c — libFuzzer harness: the whole check pipeline (parse,
 * imports of the standard library, every semantic check) on any bytes as
 * the root file, with the diagnostics rendered as text and as JSON.
 * Relative imports look in an empty folder.  Built by `make fuzz`. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Compiler c;
    fuzz_compile(&c, data, size);
    DiagPrintOptions text = {DIAG_TEXT, true, false}, json = {DIAG_JSON, false, false};
    diag_print(&c.diags, fuzz_sink(), &text);
    diag_print(&c.diags, fuzz_sink(), &json);
    compiler_free(&c);
    return 0;
}
