/* export_markdown.c — the catalogue as Markdown pages for wikis and git
 * hosting (docs/export.md, Markdown): index.md, and a page per service,
 * offering and team (services/ID.md, offerings/ID.md, teams/ID.md),
 * cross-linked with relative links, each service page with a Mermaid
 * picture of its neighbourhood.
 *
 * Text goes through esc_md_text (no markup can start in a name) and
 * esc_mermaid_label.  The neighbourhood is drawn here, from the service's
 * own links (what it depends on, what depends on it): it costs the page's
 * size, where a focused graph of emit_graph.c sizes its arrays by the
 * catalogue, once per page.  At most NEIGHBOURS a side are drawn, the rest
 * counted in one node: within what Mermaid renders by default.
 */
#include <string.h>

#include "emit.h"
#include "escape.h"
#include "export.h"
#include "names.h"

enum { NEIGHBOURS = 40 };

typedef struct Md {
    Compiler *c;
    const Model *m;
    const PageSink *sink;
    FILE *out;
    const char **file;      /* by entity order: its page's name, without .md */
    /* Each team's people and services, by graph index: the first, and each
     * one's next (UINT32_MAX: none), in id order. */
    uint32_t *first_member, *next_member, *first_owned, *next_owned;
    bool ok;
} Md;

static void text(Md *d, const char *s) { esc_md_text(d->out, s ? s : ""); }
static void textn(Md *d, const char *s, size_t n) { text(d, arena_strndup(&d->c->scratch, s, n)); }
static void raw(Md *d, const char *s) { fputs(s, d->out); }

/* A paragraph: one line (esc_md_text makes line breaks spaces) that no
 * block can start: a leading list marker, quote or heading underline is
 * escaped. */
static void para(Md *d, const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (!*s)
        return;
    size_t digits = strspn(s, "0123456789");
    if (strchr("-+>=", s[0]))
        raw(d, "\\");
    else if (digits && digits < 10 && (s[digits] == '.' || s[digits] == ')')) {
        fwrite(s, 1, digits, d->out);
        raw(d, "\\");
        s += digits;
    }
    text(d, s);
    raw(d, "\n\n");
}

static const char *folder_of(DeclKind k)
{
    return k == DECL_SERVICE ? "services" : k == DECL_OFFERING ? "offerings" : k == DECL_TEAM ? "teams" : NULL;
}

/* E as a link from the index (FROM_INDEX) or from a page in a folder, or
 * its name alone when it has no page. */
static void link(Md *d, const Entity *e, bool from_index)
{
    const char *folder = folder_of(e->kind);
    if (!folder) {
        text(d, entity_label(e));
        return;
    }
    raw(d, "[");
    text(d, entity_label(e));
    fprintf(d->out, "](%s%s/%s.md)", from_index ? "" : "../", folder, d->file[e->order]);
}

static void party(Md *d, const Val *v, bool from_index)
{
    if (!v)
        raw(d, "—");
    else if (v->role)
        textn(d, v->text, v->len);
    else
        link(d, v->ref, from_index);
}

const char **export_page_names(Compiler *c, const Model *m, const DeclKind *kinds)
{
    const char **file = arena_zalloc(&c->arena, sizeof(char *) * (m->count + 1));
    for (const DeclKind *k = kinds; *k != DECL__COUNT; k++) {
        NameTable seen;
        names_init(&seen, &c->arena, m->nkind[*k] + 1);
        for (uint32_t i = 0; i < m->nkind[*k]; i++) {
            const Entity *e = m->by_kind[*k][i];
            char *low = arena_strndup(&c->arena, e->id, e->id_len);
            for (char *p = low; *p; p++)
                *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
            file[e->order] = names_insert(&seen, low, e->id_len, (void *)1)
                                 ? arena_printf(&c->arena, "%s-%08x", e->id, names_hash(e->id, e->id_len))
                                 : e->id;
        }
    }
    return file;
}

static bool page_open(Md *d, const char *path)
{
    d->out = d->ok ? d->sink->open(d->sink->ctx, path) : NULL;
    if (!d->out)
        d->ok = false;
    return d->out != NULL;
}

/* The page is written: what it kept in scratch memory goes. */
static void page_close(Md *d)
{
    if (d->out && !d->sink->close(d->sink->ctx))
        d->ok = false;
    d->out = NULL;
    arena_reset(&d->c->scratch);
}

static void row(Md *d, const char *label)
{
    raw(d, "| ");
    raw(d, label);
    raw(d, " | ");
}

static void row_text(Md *d, const char *label, const char *value)
{
    if (!value)
        return;
    row(d, label);
    text(d, value);
    raw(d, " |\n");
}

static void row_val(Md *d, const char *label, const Node *n, size_t r)
{
    const Val *v = n ? node_get(n, r) : NULL;
    if (v)
        row_text(d, label, arena_strndup(&d->c->scratch, v->text, v->len));
}

static void contacts(Md *d, const Node *n, size_t url_row)
{
    row_val(d, "Web", n, url_row + CONTACT_URL);
    row_val(d, "E-mail", n, url_row + CONTACT_EMAIL);
    row_val(d, "Phone", n, url_row + CONTACT_PHONE);
    row_val(d, "Location", n, url_row + CONTACT_LOCATION);
    for (const Val *v = node_get(n, url_row + CONTACT_LINKS); v; v = val_next(v)) {
        row(d, "Link");
        textn(d, v->text, v->len);
        raw(d, ": ");
        text(d, v->url);
        raw(d, " |\n");
    }
}

static void source(Md *d, const Entity *e)
{
    Place p = emit_place(d->c, e);
    row(d, "Source");
    esc_md_code(d->out, arena_printf(&d->c->scratch, "%s:%u", p.file, p.line));
    raw(d, " |\n");
}

static void head(Md *d, const Entity *e, const char *kind)
{
    raw(d, "# ");
    text(d, entity_label(e));
    raw(d, "\n\n[Catalogue](../index.md) · ");
    raw(d, kind);
    raw(d, " ");
    esc_md_code(d->out, e->id);
    raw(d, "\n\n");
    para(d, e->node.description ? e->node.description : "");
    raw(d, "| | |\n| --- | --- |\n");
}

/* --- the neighbourhood, in Mermaid ------------------------------------------ */

static void node(Md *d, unsigned id, const Entity *e, const char *cls)
{
    fprintf(d->out, "  n%u[", id);
    esc_mermaid_label(d->out, entity_label(e));
    fprintf(d->out, "]%s%s\n", cls ? ":::" : "", cls ? cls : "");
}

static void neighbourhood(Md *d, const Entity *s)
{
    raw(d, "\n## Neighbourhood\n\n```mermaid\nflowchart LR\n");
    raw(d, "  classDef self stroke-width:3px\n  classDef supplier stroke-dasharray:4 2\n");
    node(d, 0, s, "self");
    unsigned id = 1, drawn = 0, more = 0;
    for (const Val *v = node_get(&s->node, SVC_DEPENDS_ON); v; v = val_next(v)) {
        if (drawn++ >= NEIGHBOURS) {
            more++;
            continue;
        }
        node(d, id, v->ref, v->ref->kind == DECL_SUPPLIER ? "supplier" : NULL);
        fprintf(d->out, "  n0 %s n%u\n", dep_is_hard(v) ? "-->" : "-.->", id++);
    }
    if (more)
        fprintf(d->out, "  n%u[\"… %u more\"]\n  n0 --> n%u\n", id, more, id), id++;
    const EntityLinks *l = entity_links(s);
    more = 0;
    for (uint32_t i = 0; l && i < l->ndependents; i++) {
        if (i >= NEIGHBOURS) {
            more++;
            continue;
        }
        node(d, id, l->dependents[i], NULL);
        fprintf(d->out, "  n%u --> n0\n", id++);
    }
    if (more)
        fprintf(d->out, "  n%u[\"… %u more\"]\n  n%u --> n0\n", id, more, id);
    raw(d, "```\n");
}

/* --- pages ------------------------------------------------------------------ */

static void level_row(Md *d, const char *label, const Node *n, size_t r)
{
    const Val *v = node_get(n, r);
    if (!v)
        return;
    row(d, label);
    raw(d, level_words[v->word]);
    const Node *b = v->block;
    const Val *why = b ? node_get(b, 0) : NULL; /* every characteristic's first row: its rationale */
    if (why) {
        raw(d, " — ");
        textn(d, why->text, why->len);
    }
    raw(d, " |\n");
}

static void service_page(Md *d, const Entity *s)
{
    if (!page_open(d, arena_printf(&d->c->scratch, "services/%s.md", d->file[s->order])))
        return;
    const Node *n = &s->node;
    head(d, s, "service");
    row_text(d, "Type", node_enum(n, SVC_TYPE));
    row_text(d, "Status", node_enum(n, SVC_STATUS));
    row(d, "Owner");
    party(d, node_get(n, SVC_OWNER), false);
    raw(d, " |\n");
    const Val *a = node_get(n, SVC_AVAILABILITY);
    if (a)
        row_text(d, "Availability", arena_printf(&d->c->scratch, "%.*s%%", (int)a->len, a->text));
    level_row(d, "Intangibility", n, SVC_INTANGIBILITY);
    level_row(d, "Heterogeneity", n, SVC_HETEROGENEITY);
    level_row(d, "Inseparability", n, SVC_INSEPARABILITY);
    level_row(d, "Perishability", n, SVC_PERISHABILITY);
    for (const Val *v = node_get(n, SVC_OUTCOME); v; v = val_next(v))
        row_text(d, "Outcome", arena_strndup(&d->c->scratch, v->text, v->len));
    contacts(d, n, SVC_URL);
    const Val *tags = node_get(n, SVC_TAGS);
    if (tags) {
        row(d, "Tags");
        for (const Val *v = tags; v; v = val_next(v)) {
            esc_md_code(d->out, arena_strndup(&d->c->scratch, v->text, v->len));
            raw(d, v->last ? "" : " ");
        }
        raw(d, " |\n");
    }
    source(d, s);
    const Val *deps = node_get(n, SVC_DEPENDS_ON);
    if (deps) {
        raw(d, "\n## Depends on\n\n| | strength | why |\n| --- | --- | --- |\n");
        for (const Val *v = deps; v; v = val_next(v)) {
            raw(d, "| ");
            link(d, v->ref, false);
            raw(d, v->ref->kind == DECL_SUPPLIER ? " (supplier)" : "");
            raw(d, dep_is_hard(v) ? " | hard | " : " | soft | ");
            const Val *why = v->block ? node_get(v->block, DEP_REASON) : NULL;
            if (why)
                textn(d, why->text, why->len);
            raw(d, " |\n");
        }
    }
    const EntityLinks *l = entity_links(s);
    if (l && l->ndependents) {
        raw(d, "\n## Used by\n\n");
        for (uint32_t i = 0; i < l->ndependents; i++) {
            raw(d, "- ");
            link(d, l->dependents[i], false);
            raw(d, "\n");
        }
    }
    if (l && l->noffered_in) {
        raw(d, "\n## Offered in\n\n");
        for (uint32_t i = 0; i < l->noffered_in; i++) {
            raw(d, "- ");
            link(d, l->offered_in[i], false);
            raw(d, "\n");
        }
    }
    neighbourhood(d, s);
    page_close(d);
}

static void items(Md *d, const Node *n)
{
    static const struct { size_t row; const char *what; } rows[] = {
        {OFF_GOOD, "good"}, {OFF_ACCESS, "access"}, {OFF_ACTION, "action"}};
    bool any = false;
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++)
        for (const Val *v = node_get(n, rows[k].row); v; v = val_next(v)) {
            if (!any)
                raw(d, "\n## What it is made of\n\n| | item | name | details |\n| --- | --- | --- | --- |\n");
            any = true;
            fprintf(d->out, "| %s | ", rows[k].what);
            esc_md_code(d->out, arena_strndup(&d->c->scratch, v->text, v->len));
            raw(d, " | ");
            text(d, v->name);
            raw(d, " | ");
            const Node *b = v->block;
            const Val *x = NULL;
            if (rows[k].row == OFF_ACCESS && b && (x = node_get(b, ACC_RESOURCE)) != NULL) {
                raw(d, "access to ");
                text(d, entity_label(x->ref));
            } else if (rows[k].row == OFF_ACTION && b && (x = node_get(b, ACT_PERFORMED_BY)) != NULL) {
                raw(d, "by ");
                party(d, x, false);
            }
            if (b && b->description) {
                raw(d, x ? ": " : "");
                text(d, b->description);
            }
            raw(d, " |\n");
        }
}

static void offering_page(Md *d, const Entity *o)
{
    if (!page_open(d, arena_printf(&d->c->scratch, "offerings/%s.md", d->file[o->order])))
        return;
    const Node *n = &o->node;
    head(d, o, "offering");
    row_text(d, "Status", node_enum(n, OFF_STATUS));
    row(d, "Services");
    for (const Val *v = node_get(n, OFF_SERVICES); v; v = val_next(v)) {
        link(d, v->ref, false);
        raw(d, v->last ? "" : ", ");
    }
    raw(d, " |\n");
    row(d, "For");
    for (const Val *v = node_get(n, OFF_CONSUMERS); v; v = val_next(v)) {
        text(d, entity_label(v->ref));
        raw(d, v->last ? "" : ", ");
    }
    raw(d, " |\n");
    for (const Val *v = node_get(n, OFF_LEVEL); v; v = val_next(v)) {
        row(d, "Level");
        textn(d, v->text, v->len);
        raw(d, " ");
        const Val *in = v->inner;
        if (v->metric && v->metric->type == FT_REF && !in->role)
            text(d, entity_label(in->ref));
        else
            textn(d, in->text, in->len);
        raw(d, " |\n");
    }
    for (const Val *v = node_get(n, OFF_PRICE); v; v = val_next(v)) {
        const PriceTerms *t = v->terms;
        row(d, "Price");
        if (t->chargeback) {
            raw(d, "charged back");
        } else {
            textn(d, v->text, v->len);
            raw(d, " ");
            text(d, v->unit);
        }
        if (t->per) {
            raw(d, " ");
            text(d, t->per);
        }
        if (t->others)
            raw(d, ", for the others");
        else if (t->group) {
            raw(d, ", for ");
            text(d, entity_label(t->group));
        }
        raw(d, " |\n");
    }
    contacts(d, n, OFF_URL);
    source(d, o);
    items(d, n);
    page_close(d);
}

static void team_page(Md *d, const Entity *t)
{
    if (!page_open(d, arena_printf(&d->c->scratch, "teams/%s.md", d->file[t->order])))
        return;
    const Node *n = &t->node;
    head(d, t, "team");
    const Val *lead = node_get(n, TEAM_LEAD);
    if (lead)
        row_text(d, "Lead", entity_label(lead->ref));
    contacts(d, n, TEAM_URL);
    source(d, t);
    uint32_t ti = t->graph_index;
    if (d->first_member[ti] != UINT32_MAX)
        raw(d, "\n## People\n\n");
    for (uint32_t i = d->first_member[ti]; i != UINT32_MAX; i = d->next_member[i]) {
        const Entity *p = d->m->by_kind[DECL_PERSON][i];
        raw(d, "- ");
        text(d, entity_label(p));
        const Val *title = node_get(&p->node, PER_TITLE);
        if (title) {
            raw(d, ", ");
            textn(d, title->text, title->len);
        }
        raw(d, "\n");
    }
    if (d->first_owned[ti] != UINT32_MAX)
        raw(d, "\n## Services it owns\n\n");
    for (uint32_t i = d->first_owned[ti]; i != UINT32_MAX; i = d->next_owned[i]) {
        raw(d, "- ");
        link(d, d->m->by_kind[DECL_SERVICE][i], false);
        raw(d, "\n");
    }
    page_close(d);
}

static void index_page(Md *d)
{
    const Model *m = d->m;
    const Entity *cat = m->catalogue;
    if (!page_open(d, "index.md"))
        return;
    raw(d, "# ");
    text(d, entity_label(cat));
    raw(d, "\n\n");
    para(d, cat->node.description ? cat->node.description : "");
    const Val *prov = node_get(&cat->node, CAT_PROVIDER), *ver = node_get(&cat->node, CAT_VERSION);
    raw(d, "Provided by ");
    if (prov)
        party(d, prov, true);
    if (ver) {
        raw(d, " · version ");
        textn(d, ver->text, ver->len);
    }
    fprintf(d->out, "\n\n## Services (%u)\n\n| service | type | status | owner |\n| --- | --- | --- | --- |\n",
            m->nkind[DECL_SERVICE]);
    for (uint32_t i = 0; i < m->nkind[DECL_SERVICE]; i++) {
        const Entity *s = m->by_kind[DECL_SERVICE][i];
        raw(d, "| ");
        link(d, s, true);
        fprintf(d->out, " | %s | %s | ", node_enum(&s->node, SVC_TYPE), node_enum(&s->node, SVC_STATUS));
        party(d, node_get(&s->node, SVC_OWNER), true);
        raw(d, " |\n");
    }
    fprintf(d->out, "\n## Offerings (%u)\n\n| offering | status | services | for |\n| --- | --- | --- | --- |\n",
            m->nkind[DECL_OFFERING]);
    for (uint32_t i = 0; i < m->nkind[DECL_OFFERING]; i++) {
        const Entity *o = m->by_kind[DECL_OFFERING][i];
        raw(d, "| ");
        link(d, o, true);
        fprintf(d->out, " | %s | ", node_enum(&o->node, OFF_STATUS));
        for (const Val *v = node_get(&o->node, OFF_SERVICES); v; v = val_next(v)) {
            link(d, v->ref, true);
            raw(d, v->last ? "" : ", ");
        }
        raw(d, " | ");
        for (const Val *v = node_get(&o->node, OFF_CONSUMERS); v; v = val_next(v)) {
            text(d, entity_label(v->ref));
            raw(d, v->last ? "" : ", ");
        }
        raw(d, " |\n");
    }
    fprintf(d->out, "\n## Teams (%u)\n\n| team | lead |\n| --- | --- |\n", m->nkind[DECL_TEAM]);
    for (uint32_t i = 0; i < m->nkind[DECL_TEAM]; i++) {
        const Entity *t = m->by_kind[DECL_TEAM][i];
        const Val *lead = node_get(&t->node, TEAM_LEAD);
        raw(d, "| ");
        link(d, t, true);
        raw(d, " | ");
        text(d, lead ? entity_label(lead->ref) : "");
        raw(d, " |\n");
    }
    page_close(d);
}

/* Each team's people and services, in one pass over each (see Md). */
static void team_lists(Md *d)
{
    const Model *m = d->m;
    Arena *a = &d->c->arena;
    uint32_t nt = m->nkind[DECL_TEAM], np = m->nkind[DECL_PERSON], ns = m->nkind[DECL_SERVICE];
    d->first_member = ARENA_ARRAY(a, uint32_t, nt + 1);
    d->first_owned = ARENA_ARRAY(a, uint32_t, nt + 1);
    d->next_member = ARENA_ARRAY(a, uint32_t, np + 1);
    d->next_owned = ARENA_ARRAY(a, uint32_t, ns + 1);
    memset(d->first_member, 0xFF, sizeof(uint32_t) * (nt + 1));
    memset(d->first_owned, 0xFF, sizeof(uint32_t) * (nt + 1));
    for (uint32_t i = np; i-- > 0;) { /* backwards: each list in id order */
        const Val *team = node_get(&m->by_kind[DECL_PERSON][i]->node, PER_TEAM);
        d->next_member[i] = UINT32_MAX;
        if (team) {
            d->next_member[i] = d->first_member[team->ref->graph_index];
            d->first_member[team->ref->graph_index] = i;
        }
    }
    for (uint32_t i = ns; i-- > 0;) {
        const Val *owner = node_get(&m->by_kind[DECL_SERVICE][i]->node, SVC_OWNER);
        d->next_owned[i] = UINT32_MAX;
        if (owner && !owner->role && owner->ref->kind == DECL_TEAM) {
            d->next_owned[i] = d->first_owned[owner->ref->graph_index];
            d->first_owned[owner->ref->graph_index] = i;
        }
    }
}

bool export_markdown(Compiler *c, const Model *m, const PageSink *sink)
{
    Md d = {.c = c, .m = m, .sink = sink, .ok = true};
    static const DeclKind paged[] = {DECL_SERVICE, DECL_OFFERING, DECL_TEAM, DECL__COUNT};
    d.file = export_page_names(c, m, paged);
    team_lists(&d);
    index_page(&d);
    for (uint32_t i = 0; i < m->nkind[DECL_SERVICE]; i++)
        service_page(&d, m->by_kind[DECL_SERVICE][i]);
    for (uint32_t i = 0; i < m->nkind[DECL_OFFERING]; i++)
        offering_page(&d, m->by_kind[DECL_OFFERING][i]);
    for (uint32_t i = 0; i < m->nkind[DECL_TEAM]; i++)
        team_page(&d, m->by_kind[DECL_TEAM][i]);
    return d.ok;
}
