/* fuzz_emit.c — libFuzzer harness: on inputs that check without errors,
 * every output through libsvcc's public API — catalogue JSON, DOT
 * (cgraph, no layout), Mermaid, focus selections and the impact of each
 * service — each checked by props.h: JSON read by yajl, DOT by cgraph
 * with every label as written, Mermaid and terminal text by their rules;
 * the model walked; and the exports the library writes (svcc export):
 * the tables, Backstage entities (every name one Backstage takes), TM
 * Forum JSON (read by yajl) and the Markdown pages.  The HTML portal is
 * left out: its graph is laid out by graphviz, not what is fuzzed here.
 * Built by `make fuzz`. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "fuzz.h"
#include "props.h"

static bool table_begin(void *ctx, const Table *t) { (void)ctx, (void)t; return true; }
static bool table_row(void *ctx, const Table *t, const Cell *cells)
{
    (void)ctx;
    for (size_t i = 0; i < t->nkey; i++) /* a key is never NULL */
        if (cells[i].kind == CELL_NULL)
            abort();
    return true;
}
static FILE *page_open(void *ctx, const char *path) { (void)ctx, (void)path; return fuzz_sink(); }
static bool page_close(void *ctx) { (void)ctx; return true; }

/* Every "  name: " of Backstage's YAML: 1 to 63 of [A-Za-z0-9-_.],
 * starting and ending with a letter or digit (export_backstage.c). */
static void prop_backstage_names(const char *yaml)
{
    for (const char *p = strstr(yaml, "\n  name: \""); p; p = strstr(p + 1, "\n  name: \"")) {
        const char *s = p + 10, *e = strchr(s, '"');
        size_t n = e ? (size_t)(e - s) : 0;
        if (n < 1 || n > 63 || !isalnum((unsigned char)s[0]) || !isalnum((unsigned char)s[n - 1]))
            abort();
        for (size_t i = 0; i < n; i++)
            if (!isalnum((unsigned char)s[i]) && !strchr("-_.", s[i]))
                abort();
    }
}

/* The exports of C (a catalogue without errors). */
static void exports(svcc *c)
{
    Compiler *cc = api_compiler(c);
    TableSink tables = {NULL, table_begin, table_row, table_begin};
    if (!export_tables(cc, api_model(c), &tables))
        abort();
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f || api_write_backstage(c, f) != SVCC_OK || fclose(f) != 0)
        abort();
    prop_backstage_names(out);
    free(out);
    static const struct { const char *api; int version; } tmf[] = {{"tmf633", 4}, {"tmf620", 4}, {"tmf620", 5}};
    for (size_t k = 0; k < sizeof tmf / sizeof tmf[0]; k++) {
        f = open_memstream(&out, &len);
        if (!f || api_write_tmf(c, f, tmf[k].api, tmf[k].version) != SVCC_OK || fclose(f) != 0)
            abort();
        yajl_tree_free(prop_json(out));
        free(out);
    }
    PageSink pages = {NULL, page_open, page_close};
    if (api_write_pages(c, "markdown", &pages) != SVCC_OK)
        abort();
}

/* Every field of every value of N, and of the blocks below. */
static void walk(const svcc_node *n, int depth)
{
    for (size_t f = 0; f < svcc_node_field_count(n); f++)
        for (size_t i = 0; i < svcc_node_value_count(n, f); i++) {
            svcc_value v = svcc_node_value(n, f, i);
            if (!svcc_value_exists(v))
                abort();
            /* A reference names an entity, or is a role as written ("department head"). */
            if (svcc_value_type_of(v) == SVCC_REFERENCE && !svcc_value_entity(v) &&
                (!svcc_value_text(v) || !*svcc_value_text(v)))
                abort();
            (void)svcc_value_text(v);
            if (svcc_value_block(v) && depth < 4)
                walk(svcc_value_block(v), depth + 1);
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    svcc *c = fuzz_svcc(data, size);
    Model *m = svcc_error_count(c) ? NULL : api_model(c); /* a model with errors has no outputs */
    if (m) {
        char *out;
        size_t len;
        if (svcc_json_buffer(c, &out, &len) != SVCC_OK)
            abort();
        yajl_tree_free(prop_json(out));
        svcc_buffer_free(out);
        exports(c);
        svcc_graph_options g;
        svcc_graph_options_init(&g);
        g.format = "mermaid";
        g.offerings = g.consumers = g.cluster_owner = g.legend = true;
        g.depth = -1;
        g.max_nodes = 0;
        if (svcc_graph_buffer(c, &g, &out, &len) != SVCC_OK)
            abort();
        prop_mermaid(out);
        svcc_buffer_free(out);
        g.format = "dot";
        g.aspect = -1; /* no plan: choosing one lays out with graphviz, not what is fuzzed here */
        if (svcc_graph_buffer(c, &g, &out, &len) != SVCC_OK)
            abort();
        prop_dot(&api_compiler(c)->arena, out, m);
        svcc_buffer_free(out);
        for (svcc_kind k = SVCC_CATALOGUE; k < SVCC_KIND_COUNT; k++)
            for (size_t i = 0; i < svcc_entity_count(c, k); i++) {
                const svcc_entity *e = svcc_entity_at(c, k, i);
                if (svcc_entity_find(c, svcc_entity_id(e)) != e)
                    abort();
                walk(svcc_entity_fields(e), 0);
            }
        static const char *const directions[] = {"both", "down", "up"};
        for (size_t i = 0; i < svcc_entity_count(c, SVCC_SERVICE) && i < 8; i++) {
            const char *id = svcc_entity_id(svcc_entity_at(c, SVCC_SERVICE, i));
            svcc_graph_options f;
            svcc_graph_options_init(&f);
            f.format = "mermaid";
            f.focus = id;
            f.depth = (int)i % 3;
            f.direction = directions[i % 3];
            svcc_write_graph(c, fuzz_sink(), &f);
            if (svcc_impact_buffer(c, id, false, &out, &len) != SVCC_OK)
                abort();
            prop_terminal(out);
            svcc_buffer_free(out);
            if (svcc_impact_buffer(c, id, true, &out, &len) != SVCC_OK)
                abort();
            yajl_tree_free(prop_json(out));
            svcc_buffer_free(out);
        }
    }
    svcc_free(c);
    return 0;
}
