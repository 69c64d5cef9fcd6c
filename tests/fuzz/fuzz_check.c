/* fuzz_check.c — libFuzzer harness: the whole check pipeline (parse,
 * imports of the standard library, every semantic check) on any bytes as
 * the root file, through libsvcc's public API: every diagnostic walked
 * (code, message, place, notes) and printed as text, JSON and SARIF.
 * Relative imports look in an empty folder.  Built by `make fuzz`. */
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    svcc *c = fuzz_svcc(data, size);
    size_t n = svcc_diagnostic_count(c);
    for (size_t i = 0; i < n; i++) {
        const svcc_diagnostic *d = svcc_diagnostic_at(c, i);
        svcc_location at;
        if (!d || !svcc_diagnostic_code(d) || !svcc_diagnostic_message(d))
            abort();
        if (svcc_diagnostic_location(c, d, &at) && (at.line == 0 || at.column == 0 || !at.file))
            abort();
        for (size_t k = 0; k < svcc_diagnostic_note_count(d); k++)
            if (!svcc_diagnostic_note_message(d, k) ||
                (svcc_diagnostic_note_location(c, d, k, &at) && at.line == 0))
                abort();
    }
    if (svcc_diagnostic_at(c, n))
        abort();
    svcc_print_diagnostics(c, fuzz_sink(), SVCC_FORMAT_TEXT, SVCC_PRINT_COLOR);
    svcc_print_diagnostics(c, fuzz_sink(), SVCC_FORMAT_JSON, 0);
    svcc_print_diagnostics(c, fuzz_sink(), SVCC_FORMAT_SARIF, 0);
    svcc_free(c);
    return 0;
}
