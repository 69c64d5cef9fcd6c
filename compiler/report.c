/* report.c — an assessment against a framework, as a document (report.h). */
#include "report.h"

#include <string.h>

#include "calendar.h"
#include "escape.h"
#include "json.h"
#include "names.h"

static const char *const phases[] = {"plan", "do", "check", "act"};

static const char *const status_names[RS__N] = {
    "met", "partial", "planned", "gap", "not_applicable", "addressed", "inferred", "unaddressed",
};

const char *report_status_name(ReqStatus s) { return status_names[s]; }

/* Building -------------------------------------------------------------------------- */

/* The status an assessment block gives, or RS_ADDRESSED without one. */
static ReqStatus assessed_status(const Node *b)
{
    const char *w = b ? node_enum(b, ASM_STATUS) : NULL;
    for (int s = RS_MET; w && s <= RS_NOT_APPLICABLE; s++)
        if (strcmp(w, status_names[s]) == 0)
            return (ReqStatus)s;
    return RS_ADDRESSED;
}

static void weak(Arena *a, Report *r, uint32_t *cap, const char *kind, const Entity *subject,
                 const Entity *req, const char *detail)
{
    r->weak = arena_grow(a, r->weak, r->nweak, cap, sizeof *r->weak, 16);
    r->weak[r->nweak++] = (WeakSpot){kind, subject, req, detail};
}

/* The live services relying on each practice: chains per practice. */
static void index_services(Arena *a, Report *r)
{
    const Model *m = r->m;
    uint32_t np = m->nkind[DECL_PRACTICE], n = 0;
    r->first_service = ARENA_ARRAY(a, uint32_t, np + 1);
    for (uint32_t i = 0; i < np; i++)
        r->first_service[i] = COVER_END;
    for (uint32_t i = 0; i < m->nkind[DECL_SERVICE]; i++)
        for (const Val *v = node_get(&m->by_kind[DECL_SERVICE][i]->node, SVC_SUPPORTED_BY); v; v = val_next(v))
            n++;
    r->next_service = ARENA_ARRAY(a, uint32_t, n + 1);
    r->service_of = ARENA_ARRAY(a, const Entity *, n + 1);
    r->stamp = arena_zalloc(a, sizeof *r->stamp * (m->nkind[DECL_SERVICE] + 1));
    r->walks = ARENA_NEW(a, uint32_t);
    n = 0;
    for (uint32_t i = m->nkind[DECL_SERVICE]; i-- > 0;) { /* pushed in reverse: chains sorted by id */
        const Entity *svc = m->by_kind[DECL_SERVICE][i];
        if (!node_enum_is(&svc->node, SVC_STATUS, "live"))
            continue;
        for (const Val *v = node_get(&svc->node, SVC_SUPPORTED_BY); v; v = val_next(v)) {
            uint32_t p = v->ref->graph_index;
            r->service_of[n] = svc;
            r->next_service[n] = r->first_service[p];
            r->first_service[p] = n++;
        }
    }
}

/* The assessment-level weak spots of practice P's link K (stale, overdue,
 * low maturity under met), and P's own (no manager) once. */
static void link_weak_spots(Arena *a, Report *r, uint32_t *cap, const CoverLink *k, int64_t today,
                            int64_t max_age, uint8_t *seen)
{
    const Entity *p = k->practice, *req = k->v->ref;
    if (!(seen[p->graph_index / 8] >> (p->graph_index % 8) & 1)) {
        seen[p->graph_index / 8] |= (uint8_t)(1u << (p->graph_index % 8));
        if (!node_get(&p->node, PRA_MANAGER))
            weak(a, r, cap, "no-manager", p, NULL, "the practice has no manager");
    }
    const Node *b = k->v->block;
    if (!b)
        return;
    const Val *mat = node_get(b, ASM_MATURITY);
    int64_t age = assessment_stale(b, today, max_age);
    if (node_enum_is(b, ASM_STATUS, "met") && mat && mat->num <= 1)
        weak(a, r, cap, "low-maturity-met", p, req,
             arena_printf(a, "met at maturity %llu", (unsigned long long)mat->num));
    if (age >= 0)
        weak(a, r, cap, "stale-assessment", p, req,
             arena_printf(a, "assessed %s, %lld days ago", node_get(b, ASM_ASSESSED)->text, (long long)age));
    for (const Val *act = node_get(b, ASM_ACTION); act; act = val_next(act)) {
        const Val *due = action_overdue(act, today);
        if (due)
            weak(a, r, cap, "overdue-action", p, req,
                 arena_printf(a, "action '%s' was due on %s", act->text, due->text));
    }
}

Report *report_make(Arena *a, const Model *m, const Entity *framework, int64_t today)
{
    Report *r = ARENA_NEW(a, Report);
    r->m = m;
    r->cv = coverage_new(a, m);
    r->framework = framework;
    char date[CAL_TEXT_MAX];
    r->date = arena_strdup(a, cal_date_text(today, date));
    index_services(a, r);
    int64_t max_age = assessment_max_age(m);
    uint8_t *seen = arena_zalloc(a, m->nkind[DECL_PRACTICE] / 8 + 1);
    NameTable groups;
    names_init(&groups, a, 16);
    uint32_t cap_rows = 0, cap_groups = 0, cap_weak = 0;
    for (uint32_t i = 0; i < m->count; i++) { /* in the order declared: clause order */
        const Entity *req = m->all[i];
        const Val *fw = req->kind == DECL_REQUIREMENT ? node_get(&req->node, REQ_FRAMEWORK) : NULL;
        if (!fw || fw->ref != framework)
            continue;
        ReportRow row = {req, RS_UNADDRESSED, -1, -1, NULL, 0};
        int best = RS__N;
        bool any = false;
        for (uint32_t k = r->cv->first_direct[req->graph_index]; k != COVER_END; k = r->cv->direct[k].next) {
            const CoverLink *l = &r->cv->direct[k];
            const Node *b = l->v->block;
            ReqStatus s = assessed_status(b);
            any = true;
            if (s <= RS_GAP && (int)s < best)
                best = s;
            else if (s == RS_NOT_APPLICABLE && best == RS__N)
                best = RS__N + 1; /* n.a., unless another practice says more */
            const Val *mat = b ? node_get(b, ASM_MATURITY) : NULL, *tgt = b ? node_get(b, ASM_TARGET) : NULL;
            const Val *when = b ? node_get(b, ASM_ASSESSED) : NULL;
            if (mat && (int)mat->num > row.maturity)
                row.maturity = (int)mat->num;
            if (tgt && (int)tgt->num > row.target)
                row.target = (int)tgt->num;
            if (when && (!row.assessed || strcmp(when->text, row.assessed) > 0))
                row.assessed = when->text;
            link_weak_spots(a, r, &cap_weak, l, today, max_age, seen);
        }
        row.status = best < RS__N      ? (ReqStatus)best
                     : best == RS__N + 1 ? RS_NOT_APPLICABLE
                     : any              ? RS_ADDRESSED
                     : cover_inferred(r->cv, req, NULL, NULL) ? RS_INFERRED
                                                               : RS_UNADDRESSED;
        const Val *g = node_get(&req->node, REQ_GROUP);
        const char *gname = g ? g->text : "";
        void *at = names_find(&groups, gname, (uint32_t)strlen(gname));
        if (!at) {
            r->groups = arena_grow(a, r->groups, r->ngroups, &cap_groups, sizeof *r->groups, 8);
            memset(&r->groups[r->ngroups], 0, sizeof *r->groups);
            r->groups[r->ngroups].name = gname;
            names_insert(&groups, gname, (uint32_t)strlen(gname), (void *)(uintptr_t)(r->ngroups + 1));
            at = (void *)(uintptr_t)(++r->ngroups);
        }
        row.group = (uint32_t)(uintptr_t)at - 1;
        r->groups[row.group].counts[row.status]++;
        r->counts[node_enum_is(&req->node, REQ_LEVEL, "shall") ? 0 : 1][row.status]++;
        const Val *phase = node_get(&req->node, REQ_CYCLE);
        if (phase) {
            r->cycle[phase->word][row.status]++;
            r->has_cycle = true;
        }
        r->rows = arena_grow(a, r->rows, r->nrows, &cap_rows, sizeof *r->rows, 64);
        r->rows[r->nrows++] = row;
    }
    for (uint32_t i = 0; i < m->nkind[DECL_SERVICE]; i++) {
        const Entity *svc = m->by_kind[DECL_SERVICE][i];
        if (node_enum_is(&svc->node, SVC_STATUS, "live") && !node_get(&svc->node, SVC_SUPPORTED_BY))
            weak(a, r, &cap_weak, "unsupported-service", svc, NULL, "no practice supports this live service");
    }
    return r;
}

static void trend_add(Arena *a, Report *r, uint32_t *cap, const char *change, const ReportRow *was,
                      const ReportRow *now)
{
    const ReportRow *row = now ? now : was;
    const Val *clause = node_get(&row->req->node, REQ_CLAUSE);
    r->trend = arena_grow(a, r->trend, r->ntrend, cap, sizeof *r->trend, 16);
    r->trend[r->ntrend++] = (TrendChange){
        change, row->req->id, clause ? clause->text : NULL, row->req->name ? row->req->name : row->req->id,
        was ? was->status : RS__N, now ? now->status : RS__N, was ? was->maturity : -1,
        now ? now->maturity : -1,
    };
}

void report_trend(Arena *a, Report *r, const Model *old, const char *label)
{
    r->against = label;
    const Entity *fw = NULL;
    for (uint32_t i = 0; i < old->nkind[DECL_FRAMEWORK] && !fw; i++)
        if (strcmp(old->by_kind[DECL_FRAMEWORK][i]->id, r->framework->id) == 0)
            fw = old->by_kind[DECL_FRAMEWORK][i];
    const Report *o = fw ? report_make(a, old, fw, cal_day_number(r->date)) : NULL;
    NameTable before;
    names_init(&before, a, o ? o->nrows : 1);
    for (uint32_t i = 0; o && i < o->nrows; i++)
        names_insert(&before, o->rows[i].req->id, o->rows[i].req->id_len, &o->rows[i]);
    uint8_t *matched = arena_zalloc(a, (o ? o->nrows : 0) / 8 + 1);
    uint32_t cap = 0;
    for (uint32_t i = 0; i < r->nrows; i++) {
        const ReportRow *now = &r->rows[i], *was = names_find(&before, now->req->id, now->req->id_len);
        if (!was) {
            trend_add(a, r, &cap, "added", NULL, now);
            continue;
        }
        uint32_t k = (uint32_t)(was - o->rows);
        matched[k / 8] |= (uint8_t)(1u << (k % 8));
        if ((was->status == RS_MET) != (now->status == RS_MET))
            trend_add(a, r, &cap, now->status == RS_MET ? "newly-met" : "lost", was, now);
        else if (was->maturity >= 0 && now->maturity >= 0 && was->maturity != now->maturity)
            trend_add(a, r, &cap, now->maturity > was->maturity ? "maturity-up" : "maturity-down", was, now);
    }
    for (uint32_t k = 0; o && k < o->nrows; k++)
        if (!(matched[k / 8] >> (k % 8) & 1))
            trend_add(a, r, &cap, "removed", &o->rows[k], NULL);
}

uint32_t report_failing(const Report *r, ReqStatus worst_allowed)
{
    /* worst_allowed RS_PARTIAL: fail on gaps; RS_MET: fail on anything not met */
    uint32_t n = 0;
    for (int s = 0; s < RS__N; s++) {
        bool failing = worst_allowed == RS_MET ? s != RS_MET && s != RS_NOT_APPLICABLE
                                               : s == RS_GAP || s == RS_INFERRED || s == RS_UNADDRESSED;
        if (failing)
            n += r->counts[0][s];
    }
    return n;
}

/* Walking a row ------------------------------------------------------------------------ */

/* The live services that rely on row ROW's practices, each once: calls FN
 * (or, NULL, counts them). */
static uint32_t row_services(const Report *r, const ReportRow *row, void (*fn)(void *, const Entity *),
                             void *ctx)
{
    uint32_t mark = ++*r->walks, n = 0;
    for (uint32_t k = r->cv->first_direct[row->req->graph_index]; k != COVER_END; k = r->cv->direct[k].next)
        for (uint32_t s = r->first_service[r->cv->direct[k].practice->graph_index]; s != COVER_END;
             s = r->next_service[s]) {
            const Entity *svc = r->service_of[s];
            if (r->stamp[svc->graph_index] == mark)
                continue;
            r->stamp[svc->graph_index] = mark;
            if (fn)
                fn(ctx, svc);
            n++;
        }
    return n;
}


static const char *text_of(const Node *n, size_t row)
{
    const Val *v = n ? node_get(n, row) : NULL;
    return v ? v->text : NULL;
}

static const char *ref_of(const Node *n, size_t row)
{
    const Val *v = n ? node_get(n, row) : NULL;
    return v && v->ref ? v->ref->id : NULL;
}

/* JSON -------------------------------------------------------------------------------- */

#define KEY(g, lit) yajl_gen_string((g), (const unsigned char *)"" lit, sizeof(lit) - 1)

static void jstr(yajl_gen g, const char *s)
{
    if (s)
        json_str(g, s);
    else
        yajl_gen_null(g);
}

/* Keys and their texts (NULL: null), N of each, alternating in KV. */
static void jtexts(yajl_gen g, const char *const *kv, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        json_str(g, kv[2 * i]);
        jstr(g, kv[2 * i + 1]);
    }
}

static void jint(yajl_gen g, int n)
{
    if (n < 0)
        yajl_gen_null(g);
    else
        yajl_gen_integer(g, n);
}

static void jcounts(yajl_gen g, const uint32_t *counts)
{
    uint32_t total = 0;
    yajl_gen_map_open(g);
    for (int s = 0; s < RS__N; s++) {
        json_str(g, status_names[s]);
        yajl_gen_integer(g, counts[s]);
        total += counts[s];
    }
    KEY(g, "total");
    yajl_gen_integer(g, total);
    yajl_gen_map_close(g);
}

static void jservice(void *ctx, const Entity *svc) { json_str(ctx, svc->id); }

static void jinferred(void *ctx, const Entity *p, const Entity *via)
{
    yajl_gen g = ctx;
    yajl_gen_map_open(g);
    KEY(g, "practice");
    json_str(g, p->id);
    KEY(g, "via");
    json_str(g, via->id);
    yajl_gen_map_close(g);
}

static void jpractice(yajl_gen g, const CoverLink *l)
{
    const Entity *p = l->practice;
    const Node *b = l->v->block;
    yajl_gen_map_open(g);
    jtexts(g, (const char *const[]){"id", p->id, "name", p->name, "owner", ref_of(&p->node, PRA_OWNER),
                                    "manager", ref_of(&p->node, PRA_MANAGER),
                                    "status", b ? node_enum(b, ASM_STATUS) : NULL}, 5);
    const Val *mat = b ? node_get(b, ASM_MATURITY) : NULL, *tgt = b ? node_get(b, ASM_TARGET) : NULL;
    KEY(g, "maturity");
    jint(g, mat ? (int)mat->num : -1);
    KEY(g, "target");
    jint(g, tgt ? (int)tgt->num : -1);
    jtexts(g, (const char *const[]){"assessed", text_of(b, ASM_ASSESSED), "assessor", ref_of(b, ASM_ASSESSOR),
                                    "justification", text_of(b, ASM_JUSTIFICATION)}, 3);
    KEY(g, "evidence");
    yajl_gen_array_open(g);
    for (const Val *v = b ? node_get(b, ASM_EVIDENCE) : NULL; v; v = val_next(v))
        json_str(g, v->text);
    for (const Val *v = b ? node_get(b, ASM_LINKS) : NULL; v; v = val_next(v))
        json_str(g, v->url);
    yajl_gen_array_close(g);
    KEY(g, "actions");
    yajl_gen_array_open(g);
    for (const Val *v = b ? node_get(b, ASM_ACTION) : NULL; v; v = val_next(v)) {
        yajl_gen_map_open(g);
        jtexts(g, (const char *const[]){"id", v->text, "name", v->name, "owner", ref_of(v->block, IMP_OWNER),
                                        "due", text_of(v->block, IMP_DUE), "done", text_of(v->block, IMP_DONE)},
               5);
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
    yajl_gen_map_close(g);
}

bool report_write_json(Arena *a, const Report *r, FILE *out)
{
    Json js;
    json_open(&js, a, out, false);
    yajl_gen g = js.g;
    const Entity *fw = r->framework, *cat = r->m->catalogue;
    yajl_gen_map_open(g);
    KEY(g, "format");
    json_str(g, "svcc.report");
    KEY(g, "format_version");
    yajl_gen_integer(g, 1);
    KEY(g, "date");
    json_str(g, r->date);
    KEY(g, "catalogue");
    yajl_gen_map_open(g);
    jtexts(g, (const char *const[]){"id", cat->id, "name", cat->name, "scope", text_of(&cat->node, CAT_SCOPE)}, 3);
    yajl_gen_map_close(g);
    KEY(g, "framework");
    yajl_gen_map_open(g);
    jtexts(g, (const char *const[]){"id", fw->id, "name", fw->name, "edition", text_of(&fw->node, FW_EDITION),
                                    "publisher", text_of(&fw->node, FW_PUBLISHER)}, 4);
    yajl_gen_map_close(g);
    KEY(g, "coverage");
    yajl_gen_map_open(g);
    KEY(g, "shall");
    jcounts(g, r->counts[0]);
    KEY(g, "other");
    jcounts(g, r->counts[1]);
    yajl_gen_map_close(g);
    KEY(g, "groups");
    yajl_gen_array_open(g);
    for (uint32_t i = 0; i < r->ngroups; i++) {
        yajl_gen_map_open(g);
        KEY(g, "group");
        json_str(g, r->groups[i].name);
        KEY(g, "counts");
        jcounts(g, r->groups[i].counts);
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
    KEY(g, "cycle");
    yajl_gen_array_open(g);
    for (int p = 0; r->has_cycle && p < 4; p++) {
        yajl_gen_map_open(g);
        KEY(g, "phase");
        json_str(g, phases[p]);
        KEY(g, "counts");
        jcounts(g, r->cycle[p]);
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
    KEY(g, "requirements");
    yajl_gen_array_open(g);
    for (uint32_t i = 0; i < r->nrows; i++) {
        const ReportRow *row = &r->rows[i];
        const Entity *req = row->req;
        yajl_gen_map_open(g);
        jtexts(g, (const char *const[]){"id", req->id, "clause", text_of(&req->node, REQ_CLAUSE),
                                        "title", req->name, "group", r->groups[row->group].name,
                                        "level", node_enum(&req->node, REQ_LEVEL),
                                        "status", status_names[row->status]}, 6);
        KEY(g, "maturity");
        jint(g, row->maturity);
        KEY(g, "target");
        jint(g, row->target);
        KEY(g, "assessed");
        jstr(g, row->assessed);
        KEY(g, "practices");
        yajl_gen_array_open(g);
        for (uint32_t k = r->cv->first_direct[req->graph_index]; k != COVER_END; k = r->cv->direct[k].next)
            jpractice(g, &r->cv->direct[k]);
        yajl_gen_array_close(g);
        KEY(g, "inferred");
        yajl_gen_array_open(g);
        cover_inferred(r->cv, req, jinferred, g);
        yajl_gen_array_close(g);
        KEY(g, "services");
        yajl_gen_array_open(g);
        row_services(r, row, jservice, g);
        yajl_gen_array_close(g);
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
    KEY(g, "trend");
    if (r->against) {
        yajl_gen_map_open(g);
        KEY(g, "against");
        json_str(g, r->against);
        KEY(g, "changes");
        yajl_gen_array_open(g);
        for (uint32_t i = 0; i < r->ntrend; i++) {
            const TrendChange *t = &r->trend[i];
            yajl_gen_map_open(g);
            jtexts(g, (const char *const[]){"change", t->change, "id", t->id, "clause", t->clause,
                                            "title", t->title,
                                            "was", t->was < RS__N ? status_names[t->was] : NULL,
                                            "now", t->now < RS__N ? status_names[t->now] : NULL}, 6);
            KEY(g, "maturity_was");
            jint(g, t->maturity_was);
            KEY(g, "maturity_now");
            jint(g, t->maturity_now);
            yajl_gen_map_close(g);
        }
        yajl_gen_array_close(g);
        yajl_gen_map_close(g);
    } else {
        yajl_gen_null(g);
    }
    KEY(g, "weak_spots");
    yajl_gen_array_open(g);
    for (uint32_t i = 0; i < r->nweak; i++) {
        const WeakSpot *w = &r->weak[i];
        yajl_gen_map_open(g);
        jtexts(g, (const char *const[]){"kind", w->kind, "subject", w->subject->id,
                                        "requirement", w->req ? w->req->id : NULL, "detail", w->detail}, 4);
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
    yajl_gen_map_close(g);
    json_close(&js, out);
    return !ferror(out);
}

/* Text and Markdown -------------------------------------------------------------------- */

/* Text and Markdown share their shape; MD says which escaping and markup. */
typedef struct Page {
    FILE *out;
    bool md;
    Arena *a;
    size_t label_width;     /* text: the widest label of the count tables */
} Page;

static void put(const Page *d, const char *s)
{
    if (d->md)
        esc_md_text(d->out, s);
    else
        esc_term(d->out, s);
}

static const char *const column_names[RS__N] = {
    "met", "partial", "planned", "gap", "n/a", "not assessed", "inferred", "not addressed",
};

static void counts_line(const Page *d, const char *label, const uint32_t *counts)
{
    uint32_t total = 0;
    for (int s = 0; s < RS__N; s++)
        total += counts[s];
    if (d->md) {
        fputs("| ", d->out);
        put(d, label);
        for (int s = 0; s < RS__N; s++)
            fprintf(d->out, " | %u", counts[s]);
        fprintf(d->out, " | %u |\n", total);
        return;
    }
    fputs("  ", d->out);
    put(d, label);
    for (size_t w = esc_term_width(label); w < d->label_width; w++)
        fputc(' ', d->out);
    for (int s = 0; s < RS__N; s++)
        fprintf(d->out, " %*u", (int)strlen(column_names[s]), counts[s]);
    fprintf(d->out, " %5u\n", total);
}

static void counts_header(const Page *d, const char *first)
{
    if (d->md) {
        fprintf(d->out, "| %s", first);
        for (int s = 0; s < RS__N; s++)
            fprintf(d->out, " | %s", column_names[s]);
        fputs(" | total |\n|---", d->out);
        for (int s = 0; s <= RS__N; s++)
            fputs("|---:", d->out);
        fputs("|\n", d->out);
        return;
    }
    fprintf(d->out, "  %-*s", (int)d->label_width, first);
    for (int s = 0; s < RS__N; s++)
        fprintf(d->out, " %s", column_names[s]);
    fputs(" total\n", d->out);
}

static void heading(const Page *d, const char *s)
{
    fprintf(d->out, d->md ? "\n## %s\n\n" : "\n%s\n", s);
}

typedef struct ServiceList {
    const Page *d;
    uint32_t n;
} ServiceList;

static void text_service(void *ctx, const Entity *svc)
{
    ServiceList *l = ctx;
    fputs(l->n++ ? ", " : "", l->d->out);
    put(l->d, svc->id);
}

static void text_inferred(void *ctx, const Entity *p, const Entity *via)
{
    ServiceList *l = ctx;
    fputs(l->n++ ? ", " : "", l->d->out);
    put(l->d, p->id);
    fputs(" (via ", l->d->out);
    put(l->d, via->id);
    fputs(")", l->d->out);
}

/* One requirement: a line, then its practices, inferred practices and
 * services, indented (text) or as a list (Markdown). */
static void row_block(const Page *d, const Report *r, const ReportRow *row)
{
    const Entity *req = row->req;
    const char *clause = text_of(&req->node, REQ_CLAUSE);
    fputs(d->md ? "- **" : "  ", d->out);
    put(d, clause ? clause : req->id);
    fputs(d->md ? "** " : "  ", d->out);
    put(d, entity_label(req));
    fprintf(d->out, d->md ? " — *%s*" : " — %s", status_names[row->status]);
    if (row->maturity >= 0)
        fprintf(d->out, ", maturity %d", row->maturity);
    if (row->target >= 0)
        fprintf(d->out, " (target %d)", row->target);
    if (row->assessed) {
        fputs(", assessed ", d->out);
        put(d, row->assessed);
    }
    fputc('\n', d->out);
    const char *indent = d->md ? "  - " : "        ", *under = d->md ? "    - " : "          ";
    for (uint32_t k = r->cv->first_direct[req->graph_index]; k != COVER_END; k = r->cv->direct[k].next) {
        const CoverLink *l = &r->cv->direct[k];
        const Node *b = l->v->block;
        fputs(indent, d->out);
        put(d, l->practice->id);
        const char *owner = ref_of(&l->practice->node, PRA_OWNER), *manager = ref_of(&l->practice->node, PRA_MANAGER);
        fputs(" (owner ", d->out);
        put(d, owner ? owner : "—");
        fputs(", manager ", d->out);
        put(d, manager ? manager : "none");
        fputs(")", d->out);
        if (b && node_enum(b, ASM_STATUS))
            fprintf(d->out, ": %s", node_enum(b, ASM_STATUS));
        fputc('\n', d->out);
        for (const Val *v = b ? node_get(b, ASM_EVIDENCE) : NULL; v; v = val_next(v)) {
            fprintf(d->out, "%sevidence: ", under);
            put(d, v->text);
            fputc('\n', d->out);
        }
        for (const Val *v = b ? node_get(b, ASM_LINKS) : NULL; v; v = val_next(v)) {
            fprintf(d->out, "%sevidence: ", under);
            put(d, v->url);
            fputc('\n', d->out);
        }
        const char *why = text_of(b, ASM_JUSTIFICATION);
        if (why) {
            fprintf(d->out, "%sjustification: ", under);
            put(d, why);
            fputc('\n', d->out);
        }
        for (const Val *v = b ? node_get(b, ASM_ACTION) : NULL; v; v = val_next(v)) {
            const char *due = text_of(v->block, IMP_DUE), *done = text_of(v->block, IMP_DONE);
            fprintf(d->out, "%saction: ", under);
            put(d, v->name ? v->name : v->text);
            if (due) {
                fputs(", due ", d->out);
                put(d, due);
            }
            if (done) {
                fputs(", done ", d->out);
                put(d, done);
            }
            fputc('\n', d->out);
        }
    }
    ServiceList l = {d, 0};
    if (cover_inferred(r->cv, req, NULL, NULL)) {
        fprintf(d->out, "%sinferred from: ", indent);
        cover_inferred(r->cv, req, text_inferred, &l);
        fputc('\n', d->out);
    }
    l.n = 0;
    if (row_services(r, row, NULL, NULL)) {
        fprintf(d->out, "%slive services relying on it: ", indent);
        row_services(r, row, text_service, &l);
        fputc('\n', d->out);
    }
}

static bool write_doc(Page *d, const Report *r)
{
    d->label_width = strlen("should and others (guidance)");
    for (uint32_t i = 0; i < r->ngroups; i++)
        if (esc_term_width(r->groups[i].name) > d->label_width)
            d->label_width = esc_term_width(r->groups[i].name);
    const Entity *fw = r->framework, *cat = r->m->catalogue;
    const char *edition = text_of(&fw->node, FW_EDITION), *scope = text_of(&cat->node, CAT_SCOPE);
    fputs(d->md ? "# Assessment against " : "Assessment against ", d->out);
    put(d, entity_label(fw));
    if (edition) {
        fputs(" (edition ", d->out);
        put(d, edition);
        fputs(")", d->out);
    }
    fputs(d->md ? "\n\n" : "\n", d->out);
    fputs(d->md ? "- Catalogue: " : "  catalogue: ", d->out);
    put(d, entity_label(cat));
    fputs(d->md ? "\n- Scope: " : "\n  scope:     ", d->out);
    put(d, scope ? scope : "(not stated: the catalogue's scope)");
    fputs(d->md ? "\n- Date: " : "\n  date:      ", d->out);
    put(d, r->date);
    fputc('\n', d->out);

    heading(d, "Coverage");
    counts_header(d, "requirements");
    counts_line(d, "shall (requirements)", r->counts[0]);
    counts_line(d, "should and others (guidance)", r->counts[1]);
    heading(d, "By group");
    counts_header(d, "group");
    for (uint32_t i = 0; i < r->ngroups; i++)
        counts_line(d, *r->groups[i].name ? r->groups[i].name : "(no group)", r->groups[i].counts);

    if (r->has_cycle) {
        heading(d, "Plan-do-check-act");
        counts_header(d, "phase");
        for (int p = 0; p < 4; p++)
            counts_line(d, phases[p], r->cycle[p]);
    }
    heading(d, "Gaps in the requirements (shall): gap, inferred only or not addressed");
    uint32_t gaps = 0;
    for (uint32_t i = 0; i < r->nrows; i++) {
        const ReportRow *row = &r->rows[i];
        if ((row->status == RS_GAP || row->status == RS_INFERRED || row->status == RS_UNADDRESSED) &&
            node_enum_is(&row->req->node, REQ_LEVEL, "shall")) {
            row_block(d, r, row);
            gaps++;
        }
    }
    if (!gaps)
        fputs(d->md ? "None.\n" : "  none\n", d->out);

    heading(d, "Requirements");
    for (uint32_t i = 0; i < r->nrows; i++)
        row_block(d, r, &r->rows[i]);

    if (r->against) {
        heading(d, arena_printf(d->a, "Since %s", r->against));
        for (uint32_t i = 0; i < r->ntrend; i++) {
            const TrendChange *t = &r->trend[i];
            fputs(d->md ? "- " : "  ", d->out);
            put(d, t->change);
            fputs(": ", d->out);
            put(d, t->clause ? t->clause : t->id);
            fputs(" ", d->out);
            put(d, t->title);
            fprintf(d->out, " (%s → %s", t->was < RS__N ? column_names[t->was] : "absent",
                    t->now < RS__N ? column_names[t->now] : "absent");
            if (t->maturity_was >= 0 || t->maturity_now >= 0)
                fprintf(d->out, ", maturity %d → %d", t->maturity_was, t->maturity_now);
            fputs(")\n", d->out);
        }
        if (!r->ntrend)
            fputs(d->md ? "No change.\n" : "  no change\n", d->out);
    }
    heading(d, "Weak spots");
    for (uint32_t i = 0; i < r->nweak; i++) {
        const WeakSpot *w = &r->weak[i];
        fputs(d->md ? "- " : "  ", d->out);
        put(d, w->kind);
        fputs(": ", d->out);
        put(d, w->subject->id);
        if (w->req) {
            fputs(", ", d->out);
            put(d, w->req->id);
        }
        fputs(" — ", d->out);
        put(d, w->detail);
        fputc('\n', d->out);
    }
    if (!r->nweak)
        fputs(d->md ? "None.\n" : "  none\n", d->out);
    return !ferror(d->out);
}

/* HTML ---------------------------------------------------------------------------------- */

static const char html_style[] =
    "body{font:14px/1.45 system-ui,sans-serif;color:#212529;margin:2em auto;max-width:75em;padding:0 1em}"
    "h1{font-size:1.6em;margin-bottom:.3em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ced4da}"
    "dl.meta{display:grid;grid-template-columns:max-content auto;gap:.1em 1em}dl.meta dt{font-weight:600}"
    "dl.meta dd{margin:0}table{border-collapse:collapse;width:100%;margin:.5em 0}"
    "th,td{border:1px solid #ced4da;padding:.25em .5em;text-align:left;vertical-align:top;overflow-wrap:anywhere}"
    "td.d{white-space:nowrap}"
    "td.n,th.n{text-align:right}.status{font-weight:600;padding:0 .4em;border-radius:.3em;white-space:nowrap}"
    ".met{background:#d1e7dd}.partial{background:#fff3cd}.planned{background:#cfe2ff}"
    ".gap,.unaddressed{background:#f8d7da}.inferred,.addressed,.not_applicable{background:#e9ecef}"
    "ul{margin:.2em 0;padding-left:1.2em}.muted{color:#6c757d}"
    "@media print{body{margin:0;max-width:none;font-size:9pt}h2{break-after:avoid}tr,li{break-inside:avoid}}";

static void html_counts_table(FILE *out, const char *first, const char *const *labels,
                              const uint32_t *const *counts, uint32_t n)
{
    fputs("<table><thead><tr><th>", out);
    esc_html(out, first);
    fputs("</th>", out);
    for (int s = 0; s < RS__N; s++)
        fprintf(out, "<th class=\"n\">%s</th>", column_names[s]);
    fputs("<th class=\"n\">total</th></tr></thead><tbody>\n", out);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t total = 0;
        fputs("<tr><td>", out);
        esc_html(out, labels[i]);
        fputs("</td>", out);
        for (int s = 0; s < RS__N; s++) {
            fprintf(out, "<td class=\"n\">%u</td>", counts[i][s]);
            total += counts[i][s];
        }
        fprintf(out, "<td class=\"n\">%u</td></tr>\n", total);
    }
    fputs("</tbody></table>\n", out);
}

static void html_service(void *ctx, const Entity *svc)
{
    ServiceList *l = ctx;
    fputs(l->n++ ? ", " : "", l->d->out);
    esc_html(l->d->out, svc->id);
}

static void html_inferred(void *ctx, const Entity *p, const Entity *via)
{
    ServiceList *l = ctx;
    fputs(l->n++ ? "</li><li>" : "<li>", l->d->out);
    esc_html(l->d->out, p->id);
    fputs(" <span class=\"muted\">inferred via ", l->d->out);
    esc_html(l->d->out, via->id);
    fputs("</span>", l->d->out);
}

/* One requirement as a table row. */
static void html_row(const Page *d, const Report *r, const ReportRow *row)
{
    FILE *out = d->out;
    const Entity *req = row->req;
    const char *clause = text_of(&req->node, REQ_CLAUSE);
    fputs("<tr><td>", out);
    esc_html(out, clause ? clause : "");
    fputs("</td><td>", out);
    esc_html(out, entity_label(req));
    fputs("<br><span class=\"muted\">", out);
    esc_html(out, req->id);
    fprintf(out, "</span></td><td><span class=\"status %s\">%s</span></td><td>", status_names[row->status],
            column_names[row->status]);
    if (row->maturity >= 0)
        fprintf(out, "%d", row->maturity);
    if (row->target >= 0)
        fprintf(out, " &rarr; %d", row->target);
    fputs("</td><td><ul>", out);
    for (uint32_t k = r->cv->first_direct[req->graph_index]; k != COVER_END; k = r->cv->direct[k].next) {
        const CoverLink *l = &r->cv->direct[k];
        const char *owner = ref_of(&l->practice->node, PRA_OWNER), *manager = ref_of(&l->practice->node, PRA_MANAGER);
        fputs("<li>", out);
        esc_html(out, entity_label(l->practice));
        fputs(" <span class=\"muted\">owner ", out);
        esc_html(out, owner ? owner : "none");
        fputs(", manager ", out);
        esc_html(out, manager ? manager : "none");
        fputs("</span></li>", out);
    }
    ServiceList sl = {d, 0};
    cover_inferred(r->cv, req, html_inferred, &sl);
    fputs(sl.n ? "</li></ul></td><td><ul>" : "</ul></td><td><ul>", out);
    for (uint32_t k = r->cv->first_direct[req->graph_index]; k != COVER_END; k = r->cv->direct[k].next) {
        const Node *b = r->cv->direct[k].v->block;
        for (const Val *v = b ? node_get(b, ASM_EVIDENCE) : NULL; v; v = val_next(v)) {
            fputs("<li>", out);
            esc_html(out, v->text);
            fputs("</li>", out);
        }
        for (const Val *v = b ? node_get(b, ASM_LINKS) : NULL; v; v = val_next(v)) {
            fputs("<li>", out);
            esc_html(out, v->url);
            fputs("</li>", out);
        }
        if (text_of(b, ASM_JUSTIFICATION)) {
            fputs("<li>Not applicable: ", out);
            esc_html(out, text_of(b, ASM_JUSTIFICATION));
            fputs("</li>", out);
        }
        for (const Val *v = b ? node_get(b, ASM_ACTION) : NULL; v; v = val_next(v)) {
            const char *due = text_of(v->block, IMP_DUE), *done = text_of(v->block, IMP_DONE);
            fputs("<li>Action: ", out);
            esc_html(out, v->name ? v->name : v->text);
            if (due) {
                fputs(" <span class=\"muted\">due ", out);
                esc_html(out, due);
                fputs("</span>", out);
            }
            if (done) {
                fputs(" <span class=\"muted\">done ", out);
                esc_html(out, done);
                fputs("</span>", out);
            }
            fputs("</li>", out);
        }
    }
    fputs("</ul></td><td class=\"d\">", out);
    esc_html(out, row->assessed ? row->assessed : "");
    fputs("</td><td>", out);
    sl.n = 0;
    row_services(r, row, html_service, &sl);
    fputs("</td></tr>\n", out);
}

bool report_write_html(Arena *a, const Report *r, FILE *out)
{
    Page d = {out, false, a, 0};
    const Entity *fw = r->framework, *cat = r->m->catalogue;
    const char *edition = text_of(&fw->node, FW_EDITION), *scope = text_of(&cat->node, CAT_SCOPE);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Assessment against ",
          out);
    esc_html(out, entity_label(fw));
    fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>Assessment against ", html_style);
    esc_html(out, entity_label(fw));
    if (edition) {
        fputs(" <span class=\"muted\">(edition ", out);
        esc_html(out, edition);
        fputs(")</span>", out);
    }
    fputs("</h1>\n<dl class=\"meta\"><dt>Catalogue</dt><dd>", out);
    esc_html(out, entity_label(cat));
    fputs("</dd><dt>Scope</dt><dd>", out);
    esc_html(out, scope ? scope : "not stated");
    fputs("</dd><dt>Date</dt><dd>", out);
    esc_html(out, r->date);
    fputs("</dd></dl>\n<h2 id=\"coverage\">Coverage</h2>\n", out);
    const char *levels[] = {"shall (requirements)", "should and others (guidance)"};
    const uint32_t *level_counts[] = {r->counts[0], r->counts[1]};
    html_counts_table(out, "requirements", levels, level_counts, 2);
    fputs("<h2 id=\"groups\">By group</h2>\n", out);
    const char **names = ARENA_ARRAY(a, const char *, r->ngroups + 1);
    const uint32_t **counts = ARENA_ARRAY(a, const uint32_t *, r->ngroups + 1);
    for (uint32_t i = 0; i < r->ngroups; i++) {
        names[i] = *r->groups[i].name ? r->groups[i].name : "(no group)";
        counts[i] = r->groups[i].counts;
    }
    html_counts_table(out, "group", names, counts, r->ngroups);
    if (r->has_cycle) {
        const uint32_t *phase_counts[] = {r->cycle[0], r->cycle[1], r->cycle[2], r->cycle[3]};
        fputs("<h2 id=\"cycle\">Plan-do-check-act</h2>\n", out);
        html_counts_table(out, "phase", phases, phase_counts, 4);
    }
    static const char head[] = "<table><thead><tr><th>Clause</th><th>Requirement</th><th>Status</th>"
                               "<th>Maturity</th><th>Practices</th><th>Evidence and actions</th>"
                               "<th>Assessed</th><th>Live services</th></tr></thead><tbody>\n";
    fprintf(out, "<h2 id=\"gaps\">Gaps in the requirements (shall)</h2>\n%s", head);
    for (uint32_t i = 0; i < r->nrows; i++) {
        const ReportRow *row = &r->rows[i];
        if ((row->status == RS_GAP || row->status == RS_INFERRED || row->status == RS_UNADDRESSED) &&
            node_enum_is(&row->req->node, REQ_LEVEL, "shall"))
            html_row(&d, r, row);
    }
    fprintf(out, "</tbody></table>\n<h2 id=\"requirements\">Requirements</h2>\n%s", head);
    for (uint32_t i = 0; i < r->nrows; i++)
        html_row(&d, r, &r->rows[i]);
    fputs("</tbody></table>\n", out);
    if (r->against) {
        fputs("<h2 id=\"trend\">Since ", out);
        esc_html(out, r->against);
        fputs("</h2>\n<ul>\n", out);
        for (uint32_t i = 0; i < r->ntrend; i++) {
            const TrendChange *t = &r->trend[i];
            fprintf(out, "<li><strong>%s</strong>: ", t->change);
            esc_html(out, t->clause ? t->clause : t->id);
            fputc(' ', out);
            esc_html(out, t->title);
            fprintf(out, " (%s &rarr; %s", t->was < RS__N ? column_names[t->was] : "absent",
                    t->now < RS__N ? column_names[t->now] : "absent");
            if (t->maturity_was >= 0 || t->maturity_now >= 0)
                fprintf(out, ", maturity %d &rarr; %d", t->maturity_was, t->maturity_now);
            fputs(")</li>\n", out);
        }
        if (!r->ntrend)
            fputs("<li>No change.</li>\n", out);
        fputs("</ul>\n", out);
    }
    fputs("<h2 id=\"weak-spots\">Weak spots</h2>\n<ul>\n", out);
    for (uint32_t i = 0; i < r->nweak; i++) {
        const WeakSpot *w = &r->weak[i];
        fprintf(out, "<li><strong>%s</strong>: ", w->kind);
        esc_html(out, w->subject->id);
        if (w->req) {
            fputs(", ", out);
            esc_html(out, w->req->id);
        }
        fputs(" — ", out);
        esc_html(out, w->detail);
        fputs("</li>\n", out);
    }
    if (!r->nweak)
        fputs("<li>None.</li>\n", out);
    fputs("</ul>\n</body>\n</html>\n", out);
    return !ferror(out);
}

bool report_write_text(Arena *a, const Report *r, FILE *out)
{
    Page d = {out, false, a, 0};
    return write_doc(&d, r);
}

bool report_write_markdown(Arena *a, const Report *r, FILE *out)
{
    Page d = {out, true, a, 0};
    return write_doc(&d, r);
}
