/* fuzz_emit.c — libFuzzer harness: on inputs that check without errors,
 * every output — catalogue JSON, DOT (cgraph, no layout), Mermaid, focus
 * selections and the impact of each service — each checked by props.h:
 * JSON read by yajl, DOT by cgraph with every label as written, Mermaid
 * and terminal text by their rules.  Built by `make fuzz`. */
#include "emit.h"
#include "fuzz.h"
#include "props.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *sink = fuzz_sink();
    Compiler c;
    Model *m = fuzz_compile(&c, data, size);
    if (m && c.diags.errors == 0) {
        char err[256];
        Mem mem;
        emit_json(&c, m, mem_open(&mem));
        yajl_tree_free(prop_json(mem_close(&mem)));
        free(mem.data);
        GraphOptions g = {"mermaid", true, true, true, true, NULL, -1, DIR_BOTH, NULL, 0};
        emit_service_graph(&c, m, &g, mem_open(&mem), err, sizeof err);
        prop_mermaid(mem_close(&mem));
        free(mem.data);
        g.format = "dot";
        emit_service_graph(&c, m, &g, mem_open(&mem), err, sizeof err);
        prop_dot(&c.arena, mem_close(&mem), m);
        free(mem.data);
        for (uint32_t i = 0; i < m->nkind[DECL_SERVICE] && i < 8; i++) {
            Entity *svc = m->by_kind[DECL_SERVICE][i];
            GraphOptions f = {"mermaid", false, false, false, false, svc, (int)i % 3, (Direction)(i % 3), NULL, 0};
            emit_service_graph(&c, m, &f, sink, err, sizeof err);
            Impact *im = impact_of(&c, m, svc);
            emit_impact_text(im, mem_open(&mem));
            prop_terminal(mem_close(&mem));
            free(mem.data);
            emit_impact_json(&c, im, mem_open(&mem));
            yajl_tree_free(prop_json(mem_close(&mem)));
            free(mem.data);
        }
    }
    compiler_free(&c);
    return 0;
}
