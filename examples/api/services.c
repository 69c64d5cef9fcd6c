/* services.c — libsvcc in a few lines: compile a catalogue, print its
 * diagnostics, then list its services with their owners and what each
 * depends on.
 *
 *   cc services.c $(pkg-config --cflags --libs svcc) -o services
 *   ./services catalogue.svc
 */
#include <stdio.h>
#include <stdlib.h>

#include <svcc.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s CATALOGUE.svc\n", argv[0]);
        return 2;
    }
    svcc *c = svcc_new();
    if (!c) {
        fputs("out of memory\n", stderr);
        return 2;
    }
    svcc_status st = svcc_compile_file(c, argv[1]);

    /* Every diagnostic, with its place. */
    for (size_t i = 0; i < svcc_diagnostic_count(c); i++) {
        const svcc_diagnostic *d = svcc_diagnostic_at(c, i);
        svcc_location at;
        if (svcc_diagnostic_location(c, d, &at))
            printf("%s:%u:%u: ", at.file, at.line, at.column);
        printf("%s %s: %s\n", svcc_diagnostic_severity(d) == SVCC_ERROR ? "error" : "warning",
               svcc_diagnostic_code(d), svcc_diagnostic_message(d));
    }
    if (st != SVCC_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], svcc_last_error(c));
        svcc_free(c);
        return st == SVCC_EINPUT ? 1 : 2;
    }

    /* The services, by id: owner, then dependencies. */
    printf("libsvcc %s: %zu services\n", svcc_version(), svcc_entity_count(c, SVCC_SERVICE));
    for (size_t i = 0; i < svcc_entity_count(c, SVCC_SERVICE); i++) {
        const svcc_entity *s = svcc_entity_at(c, SVCC_SERVICE, i);
        const svcc_node *fields = svcc_entity_fields(s);
        svcc_value owner = svcc_node_get(fields, "owner", 0);
        printf("%s (%s), owned by %s\n", svcc_entity_id(s),
               svcc_entity_name(s) ? svcc_entity_name(s) : "no name",
               svcc_entity_id(svcc_value_entity(owner)));
        for (size_t k = 0; k < svcc_node_count(fields, "depends_on"); k++) {
            svcc_value dep = svcc_node_get(fields, "depends_on", k);
            svcc_value strength = svcc_node_get(svcc_value_block(dep), "strength", 0);
            printf("  depends on %s%s\n", svcc_value_text(dep),
                   svcc_value_exists(strength) ? (svcc_value_text(strength)[0] == 's' ? " (soft)" : "")
                                               : "");
        }
    }
    svcc_free(c);
    return 0;
}
