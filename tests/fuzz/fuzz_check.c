/* fuzz_check.c — libFuzzer harness: the whole check pipeline (parse,
 * imports of the standard library, every semantic check) on any bytes as
 * the root file, through libsvcc's public API: every diagnostic walked
 * (code, message, place, notes) and printed as text, JSON and SARIF; and
 * the model walked as an editor walks it — also when the catalogue has
 * errors in its fields and references (svcc lsp): every entity, field,
 * value, reference, block and place.  Relative imports look in an empty
 * folder.  Built by `make fuzz`. */
#include <string.h>

#include "fuzz.h"

/* Every value of N and of its blocks: read as an editor reads it. */
static void walk(const svcc *c, const svcc_node *n, int depth)
{
    if (depth > 8)
        abort(); /* blocks nest a few levels at most */
    for (size_t f = 0; n && f < svcc_node_field_count(n); f++) {
        if (!svcc_node_field_name(n, f))
            abort();
        for (size_t i = 0; i < svcc_node_value_count(n, f); i++) {
            svcc_value v = svcc_node_value(n, f, i);
            if (!svcc_value_exists(v))
                abort();
            (void)svcc_value_text(v); /* NULL for a price charged back */
            svcc_location at;
            svcc_value_location(c, v, &at);
            const svcc_entity *to = svcc_value_entity(v);
            if (to && !svcc_entity_id(to))
                abort();
            (void)svcc_value_type_of(v), (void)svcc_value_unit(v), (void)svcc_value_label(v);
            const svcc_node *b = svcc_value_block(v);
            if (b && (i == 0 || svcc_value_block(svcc_node_value(n, f, i - 1)) != b))
                walk(c, b, depth + 1);
        }
    }
}

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
    for (int k = 0; k < SVCC_KIND_COUNT; k++)
        for (size_t i = 0; i < svcc_entity_count(c, (svcc_kind)k); i++) {
            const svcc_entity *e = svcc_entity_at(c, (svcc_kind)k, i);
            svcc_location at;
            svcc_entity_location(c, e, &at);
            if (!svcc_entity_id(e) || svcc_entity_kind(e) != (svcc_kind)k || svcc_entity_find(c, svcc_entity_id(e)) != e)
                abort();
            walk(c, svcc_entity_fields(e), 0);
            for (size_t j = 0; j < svcc_dependent_count(e); j++)
                if (!svcc_dependent_at(e, j))
                    abort();
        }
    svcc_print_diagnostics(c, fuzz_sink(), SVCC_FORMAT_TEXT, SVCC_PRINT_COLOR);
    svcc_print_diagnostics(c, fuzz_sink(), SVCC_FORMAT_JSON, 0);
    svcc_print_diagnostics(c, fuzz_sink(), SVCC_FORMAT_SARIF, 0);
    svcc_free(c);
    return 0;
}
