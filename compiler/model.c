/* model.c — reading the checked model (model.h). */
#include "model.h"

#include <string.h>

#include "calendar.h"

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

const char *price_per_words(const char *per, size_t *len, void (*unit)(void *ctx, const char *w, size_t n),
                            void *ctx)
{
    static const char *const periods[] = {"hour", "day", "week", "month", "quarter", "year", NULL};
    const char *period = NULL;
    *len = 0;
    for (const char *w = per; w && *w;) {
        size_t n = strcspn(w, " ");
        bool is_period = false;
        for (const char *const *p = periods; *p && !is_period && !period; p++)
            is_period = strlen(*p) == n && memcmp(*p, w, n) == 0;
        if (is_period)
            period = w, *len = n;
        else if (!(n == 3 && memcmp(w, "per", 3) == 0))
            unit(ctx, w, n);
        w += n + (w[n] == ' ');
    }
    return period;
}

bool dep_is_hard(const Val *dep)
{
    return !dep->block || node_enum_is(dep->block, DEP_STRENGTH, "hard");
}

int64_t assessment_max_age(const Model *m)
{
    const Val *again = m->catalogue ? node_get(&m->catalogue->node, CAT_REASSESS_AFTER) : NULL;
    return again ? (int64_t)(again->num / 86400) : 365;
}

int64_t assessment_stale(const Node *b, int64_t today, int64_t max_age)
{
    const Val *when = node_get(b, ASM_ASSESSED);
    int64_t age = when ? today - cal_day_number(when->text) : -1;
    return age > max_age ? age : -1;
}

const Val *action_overdue(const Val *act, int64_t today)
{
    const Val *due = act->block ? node_get(act->block, IMP_DUE) : NULL;
    if (!due || node_get(act->block, IMP_DONE) || cal_day_number(due->text) >= today)
        return NULL;
    return due;
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
