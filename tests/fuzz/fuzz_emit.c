/* fuzz_emit.c — libFuzzer harness: on inputs that check without errors,
 * every output — catalogue JSON, DOT (cgraph, no layout), Mermaid, focus
 * selections and the impact of each service.  Built by `make fuzz`. */
#include "emit.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *sink = fuzz_sink();
    Compiler c;
    Model *m = fuzz_compile(&c, data, size);
    if (m && c.diags.errors == 0) {
        char err[256];
        emit_json(&c, m, sink);
        GraphOptions g = {"mermaid", true, true, true, true, NULL, -1, DIR_BOTH, NULL};
        emit_service_graph(&c, m, &g, sink, err, sizeof err);
        g.format = "dot";
        emit_service_graph(&c, m, &g, sink, err, sizeof err);
        for (uint32_t i = 0; i < m->nkind[DECL_SERVICE] && i < 8; i++) {
            Entity *svc = m->by_kind[DECL_SERVICE][i];
            GraphOptions f = {"mermaid", false, false, false, false, svc, (int)i % 3, (Direction)(i % 3), NULL};
            emit_service_graph(&c, m, &f, sink, err, sizeof err);
            Impact *im = impact_of(&c, m, svc);
            emit_impact_text(im, sink);
            emit_impact_json(&c, im, sink);
        }
    }
    compiler_free(&c);
    return 0;
}
