/* model.c — reading the checked model (model.h). */
#include "model.h"

#include <string.h>

Span entity_kw_span(const Entity *e)
{
    Span sp = {e->span.file, e->span.begin,
               e->span.begin + (uint32_t)strlen(decl_kind_name(e->kind))};
    return sp;
}

const char *node_enum(const Node *n, size_t row)
{
    const Val *v = node_get(n, row);
    const FieldSpec *f = &n->schema->fields[row];
    if (v)
        return f->words[v->word];
    return f->dflt;
}

bool node_enum_is(const Node *n, size_t row, const char *word)
{
    const char *w = node_enum(n, row);
    return w && strcmp(w, word) == 0;
}

bool dep_is_hard(const Val *dep)
{
    return !dep->block || node_enum_is(dep->block, DEP_STRENGTH, "hard");
}

Entity *support_calendar(const Entity *e)
{
    size_t levels = e->kind == DECL_OFFERING ? OFF_LEVEL : e->kind == DECL_AGREEMENT ? AGR_LEVEL : 0;
    if (!levels)
        return NULL;
    for (const Val *v = node_get(&e->node, levels); v; v = val_next(v))
        if (v->metric == &metric_specs[MET_SUPPORT_HOURS] && !v->inner->role)
            return v->inner->ref;
    return NULL;
}

Entity *business_calendar(const Entity *owner, const BusinessTime *b)
{
    return b->named ? b->calendar : support_calendar(owner);
}
