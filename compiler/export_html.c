/* export_html.c — the catalogue as a static portal: a folder of HTML pages
 * (docs/export.md, HTML portal).
 *
 *   index.html            every service (search and filters), offering,
 *                         team, person, practice, consumer group, supplier
 *   KIND/ID.html          a page per service, offering, team, person,
 *                         practice, consumer group and supplier: all the
 *                         catalogue says of it, and what refers to it
 *   graph.html            the dependency graph as SVG, nodes linked to pages
 *   diagnostics.html      the warnings of the check, when there are any
 *   assets/portal.css, assets/portal.js
 *
 * Nothing is fetched from elsewhere and every page reads without
 * JavaScript; the script only runs the index's search and filters.  All
 * text goes through esc_html.  What refers to an entity (a team's services
 * and people, a supplier's dependents, …) is indexed once (Rev), and each
 * service's impact is worked out with one ImpactIndex, in scratch memory
 * given back page by page, at the cost of what it reaches.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "emit.h"
#include "escape.h"
#include "export.h"
#include "names.h"

/* Entities that refer to each entity through a row: the list of entity E
 * is items[start[E->order] .. start[E->order + 1]), in id order. */
typedef struct Rev {
    uint32_t *start;
    Entity **items;
} Rev;

enum { REV_OWNED, REV_MEMBERS, REV_OFFERED_TO, REV_SUPPLIED, REV_PRACTICES, REV_RESOURCES, REV_SUPPLIERS, REV__N };

typedef struct Html {
    Compiler *c;
    const Model *m;
    const PageSink *sink;
    FILE *out;
    const char *up;         /* "../" in a folder's page, "" at the top */
    Rev rev[REV__N];
    const char **file;      /* by entity order: its page's name (export_page_names) */
    ImpactIndex *impact;    /* every service page's impact list */
    bool graph;             /* graph.html has a picture */
    bool ok;
} Html;

static void h(Html *d, const char *s) { esc_html(d->out, s ? s : ""); }
static void hn(Html *d, const char *s, size_t n) { h(d, arena_strndup(&d->c->scratch, s, n)); }
static void raw(Html *d, const char *s) { fputs(s, d->out); }

/* --- who refers to whom ------------------------------------------------------ */

/* REV from every entity of KIND and each reference in its ROWS (up to
 * ROWS_N of them): two passes, counting then filling. */
static Rev rev_build(Html *d, DeclKind kind, const size_t *rows, size_t rows_n)
{
    Arena *a = &d->c->arena;
    const Model *m = d->m;
    Rev r;
    r.start = arena_zalloc(a, sizeof(uint32_t) * (m->count + 2));
    /* mark[o]: the last referrer counted (then filled) for entity o, + 1:
     * a team both owner and practitioner of a practice lists it once */
    uint32_t *mark = arena_zalloc(a, sizeof(uint32_t) * (m->count + 1)), n = 0;
    for (uint32_t i = 0; i < m->nkind[kind]; i++)
        for (size_t k = 0; k < rows_n; k++)
            for (const Val *v = node_get(&m->by_kind[kind][i]->node, rows[k]); v; v = val_next(v))
                if (!v->role && mark[v->ref->order] != i + 1) {
                    mark[v->ref->order] = i + 1;
                    r.start[v->ref->order + 2]++;
                    n++;
                }
    for (uint32_t i = 2; i < m->count + 2; i++)
        r.start[i] += r.start[i - 1];
    r.items = ARENA_ARRAY(a, Entity *, n + 1);
    memset(mark, 0, sizeof(uint32_t) * (m->count + 1));
    for (uint32_t i = 0; i < m->nkind[kind]; i++) {
        Entity *e = m->by_kind[kind][i];
        for (size_t k = 0; k < rows_n; k++)
            for (const Val *v = node_get(&e->node, rows[k]); v; v = val_next(v))
                if (!v->role && mark[v->ref->order] != i + 1) {
                    mark[v->ref->order] = i + 1;
                    r.items[r.start[v->ref->order + 1]++] = e;
                }
    }
    return r; /* start[o + 1] has moved to where o's list ends: o's list is start[o] .. start[o + 1] */
}

/* The entities referring to E through REV K. */
static Entity **rev_of(const Html *d, int k, const Entity *e, uint32_t *n)
{
    const Rev *r = &d->rev[k];
    *n = r->start[e->order + 1] - r->start[e->order];
    return r->items + r->start[e->order];
}

/* --- pages --------------------------------------------------------------------- */

static const char *folder_of(DeclKind k)
{
    switch (k) {
    case DECL_SERVICE: return "services";
    case DECL_OFFERING: return "offerings";
    case DECL_TEAM: return "teams";
    case DECL_PERSON: return "people";
    case DECL_PRACTICE: return "practices";
    case DECL_CONSUMER: return "consumers";
    case DECL_SUPPLIER: return "suppliers";
    default: return NULL;
    }
}

/* E as a link to its page (or its name, when it has none). */
static void link(Html *d, const Entity *e)
{
    const char *folder = folder_of(e->kind);
    if (folder)
        fprintf(d->out, "<a href=\"%s%s/%s.html\">", d->up, folder, d->file[e->order]);
    h(d, entity_label(e));
    if (folder)
        raw(d, "</a>");
}

static void party(Html *d, const Val *v)
{
    if (!v)
        return;
    if (v->role)
        hn(d, v->text, v->len);
    else
        link(d, v->ref);
}

static void links(Html *d, Entity *const *es, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            raw(d, ", ");
        link(d, es[i]);
    }
}

static void val_links(Html *d, const Val *v)
{
    for (; v; v = val_next(v)) {
        party(d, v);
        raw(d, v->last ? "" : ", ");
    }
}

static bool open_page(Html *d, const char *path, const char *title, const char *up)
{
    d->out = d->ok ? d->sink->open(d->sink->ctx, path) : NULL;
    if (!d->out) {
        d->ok = false;
        return false;
    }
    d->up = up;
    raw(d, "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    h(d, title);
    raw(d, " · ");
    h(d, entity_label(d->m->catalogue));
    fprintf(d->out, "</title>\n<link rel=\"stylesheet\" href=\"%sassets/portal.css\">\n</head>\n<body>\n<header><a "
                    "class=\"home\" href=\"%sindex.html\">",
            up, up);
    h(d, entity_label(d->m->catalogue));
    fprintf(d->out,
            "</a> <nav><a href=\"%sindex.html#services\">Services</a> <a href=\"%sindex.html#offerings\">Offerings</a> "
            "<a href=\"%sindex.html#teams\">Teams</a> <a href=\"%sindex.html#people\">People</a> "
            "<a href=\"%sindex.html#practices\">Practices</a> <a href=\"%sindex.html#consumers\">Consumers</a> "
            "<a href=\"%sindex.html#suppliers\">Suppliers</a> <a href=\"%sgraph.html\">Graph</a>%s%s%s</nav></header>\n"
            "<main>\n",
            up, up, up, up, up, up, up, up, d->c->diags.count ? " <a href=\"" : "", d->c->diags.count ? up : "",
            d->c->diags.count ? "diagnostics.html\">Diagnostics</a>" : "");
    return true;
}

/* End the page; SCRIPT: it runs portal.js (the index). */
static void close_page(Html *d, const Entity *e, bool script)
{
    raw(d, "</main>\n<footer>");
    if (e) {
        Place p = emit_place(d->c, e);
        raw(d, "Declared in <code>");
        h(d, arena_printf(&d->c->scratch, "%s:%u", p.file, p.line));
        raw(d, "</code>");
        if (p.module) {
            raw(d, " of module <code>");
            h(d, p.module);
            raw(d, "</code>");
        }
        raw(d, " · ");
    }
    raw(d, "written by svcc</footer>\n");
    if (script)
        raw(d, "<script src=\"assets/portal.js\"></script>\n");
    raw(d, "</body>\n</html>\n");
    if (!d->sink->close(d->sink->ctx))
        d->ok = false;
    d->out = NULL;
    arena_reset(&d->c->scratch);
}

/* The head of an entity's page: its name, kind and id, description, and
 * the facts table opened. */
static bool entity_page(Html *d, const Entity *e)
{
    const char *path = arena_printf(&d->c->scratch, "%s/%s.html", folder_of(e->kind), d->file[e->order]);
    if (!open_page(d, path, entity_label(e), "../"))
        return false;
    raw(d, "<h1>");
    h(d, entity_label(e));
    raw(d, "</h1>\n<p class=\"kind\">");
    h(d, decl_kind_name(e->kind));
    raw(d, " <code>");
    hn(d, e->id, e->id_len);
    raw(d, "</code></p>\n");
    if (e->node.description) {
        raw(d, "<p class=\"description\">");
        h(d, e->node.description);
        raw(d, "</p>\n");
    }
    raw(d, "<table class=\"facts\">\n");
    return true;
}

static void fact_open(Html *d, const char *label)
{
    raw(d, "<tr><th>");
    raw(d, label);
    raw(d, "</th><td>");
}

static void fact_close(Html *d) { raw(d, "</td></tr>\n"); }

static void fact(Html *d, const char *label, const char *value)
{
    if (!value)
        return;
    fact_open(d, label);
    h(d, value);
    fact_close(d);
}

static void fact_vals(Html *d, const char *label, const Val *v)
{
    for (; v; v = val_next(v)) {
        fact_open(d, label);
        hn(d, v->text, v->len);
        fact_close(d);
    }
}

static void fact_row(Html *d, const char *label, const Node *n, size_t row)
{
    fact_vals(d, label, n ? node_get(n, row) : NULL);
}

static void fact_party(Html *d, const char *label, const Val *v)
{
    if (!v)
        return;
    fact_open(d, label);
    val_links(d, v);
    fact_close(d);
}

/* url, links (named), email, phone, location. */
static void contacts(Html *d, const Node *n, size_t url_row)
{
    const Val *url = node_get(n, url_row + CONTACT_URL), *mail = node_get(n, url_row + CONTACT_EMAIL);
    if (url) {
        char *u = arena_strndup(&d->c->scratch, url->text, url->len);
        fact_open(d, "Web");
        raw(d, "<a href=\"");
        h(d, u);
        raw(d, "\">");
        h(d, u);
        raw(d, "</a>");
        fact_close(d);
    }
    for (const Val *v = node_get(n, url_row + CONTACT_LINKS); v; v = val_next(v)) {
        fact_open(d, "Link");
        raw(d, "<a href=\"");
        h(d, v->url);
        raw(d, "\">");
        hn(d, v->text, v->len);
        raw(d, "</a>");
        fact_close(d);
    }
    if (mail) {
        char *m = arena_strndup(&d->c->scratch, mail->text, mail->len);
        fact_open(d, "E-mail");
        raw(d, "<a href=\"mailto:");
        h(d, m);
        raw(d, "\">");
        h(d, m);
        raw(d, "</a>");
        fact_close(d);
    }
    fact_row(d, "Phone", n, url_row + CONTACT_PHONE);
    fact_row(d, "Location", n, url_row + CONTACT_LOCATION);
}

static void section(Html *d, const char *title) { fprintf(d->out, "<h2>%s</h2>\n", title); }

/* A list of links under a heading, when there are any. */
static void link_section(Html *d, const char *title, Entity *const *es, uint32_t n)
{
    if (!n)
        return;
    section(d, title);
    raw(d, "<ul>\n");
    for (uint32_t i = 0; i < n; i++) {
        raw(d, "<li>");
        link(d, es[i]);
        raw(d, "</li>\n");
    }
    raw(d, "</ul>\n");
}

/* Under TITLE, what refers to E through REV K, when anything does. */
static void rev_section(Html *d, const char *title, int k, const Entity *e)
{
    uint32_t n;
    Entity **es = rev_of(d, k, e, &n);
    link_section(d, title, es, n);
}

/* A duration, as written, or its seconds when it has no text. */
static void duration(Html *d, const Val *v)
{
    if (v)
        hn(d, v->text, v->len);
}

/* --- services --------------------------------------------------------------- */

static void characteristic(Html *d, const char *label, const Node *n, size_t row)
{
    const Val *v = node_get(n, row);
    if (!v)
        return;
    fact_open(d, label);
    raw(d, level_words[v->word]);
    const Val *why = v->block ? node_get(v->block, 0) : NULL; /* each one's first row: its rationale */
    if (why) {
        raw(d, " — ");
        hn(d, why->text, why->len);
    }
    fact_close(d);
}

static void impact(Html *d, const Entity *s)
{
    Impact *im = impact_with(d->c, d->impact, &d->c->scratch, s);
    section(d, "If it fails");
    if (!im->nservices && !im->nofferings) {
        raw(d, "<p>Nothing else depends on it.</p>\n");
        return;
    }
    if (!im->nservices)
        raw(d, "<p>No other service depends on it.</p>\n");
    else
        raw(d, "<table>\n<thead><tr><th>service</th><th>effect</th><th>hops</th><th>via</th></tr></thead>\n<tbody>\n");
    for (uint32_t i = 0; i < im->nservices; i++) {
        raw(d, "<tr><td>");
        link(d, im->services[i]);
        fprintf(d->out, "</td><td>%s</td><td>%u</td><td>", im->hard[i] ? "fails" : "degrades", im->distance[i]);
        if (im->via[i] != im->services[i] && im->distance[i] > 1)
            link(d, im->via[i]);
        raw(d, "</td></tr>\n");
    }
    if (im->nservices)
        raw(d, "</tbody>\n</table>\n");
    if (im->nofferings) {
        raw(d, "<p>Offerings affected: ");
        links(d, im->offerings, im->nofferings);
        raw(d, ".</p>\n");
    }
    if (im->nconsumers) {
        raw(d, "<p>Consumer groups affected: ");
        links(d, im->consumers, im->nconsumers);
        raw(d, ".</p>\n");
    }
}

static void service_page(Html *d, const Entity *s)
{
    if (!entity_page(d, s))
        return;
    const Node *n = &s->node;
    fact(d, "Type", node_enum(n, SVC_TYPE));
    fact(d, "Status", node_enum(n, SVC_STATUS));
    fact_party(d, "Owner", node_get(n, SVC_OWNER));
    const Val *a = node_get(n, SVC_AVAILABILITY);
    if (a)
        fact(d, "Availability", arena_printf(&d->c->scratch, "%.*s%%", (int)a->len, a->text));
    characteristic(d, "Intangibility", n, SVC_INTANGIBILITY);
    characteristic(d, "Heterogeneity", n, SVC_HETEROGENEITY);
    characteristic(d, "Inseparability", n, SVC_INSEPARABILITY);
    characteristic(d, "Perishability", n, SVC_PERISHABILITY);
    fact_row(d, "Outcome", n, SVC_OUTCOME);
    fact_row(d, "Removes cost", n, SVC_REMOVES_COST);
    fact_row(d, "Removes risk", n, SVC_REMOVES_RISK);
    fact_party(d, "Supported by", node_get(n, SVC_SUPPORTED_BY));
    fact_party(d, "See also", node_get(n, SVC_SEE_ALSO));
    contacts(d, n, SVC_URL);
    fact_row(d, "Tag", n, SVC_TAGS);
    raw(d, "</table>\n");
    const Val *deps = node_get(n, SVC_DEPENDS_ON);
    if (deps) {
        section(d, "Depends on");
        raw(d, "<table>\n<thead><tr><th>on</th><th>strength</th><th>why</th></tr></thead>\n<tbody>\n");
        for (const Val *v = deps; v; v = val_next(v)) {
            raw(d, "<tr><td>");
            link(d, v->ref);
            raw(d, v->ref->kind == DECL_SUPPLIER ? " (supplier)" : "");
            fprintf(d->out, "</td><td>%s</td><td>", dep_is_hard(v) ? "hard" : "soft");
            const Val *why = v->block ? node_get(v->block, DEP_REASON) : NULL;
            if (why)
                hn(d, why->text, why->len);
            raw(d, "</td></tr>\n");
        }
        raw(d, "</tbody>\n</table>\n");
    }
    const EntityLinks *l = entity_links(s);
    if (l) {
        link_section(d, "Used by", l->dependents, l->ndependents);
        link_section(d, "Offered in", l->offered_in, l->noffered_in);
    }
    impact(d, s);
    close_page(d, s, false);
}

/* --- offerings --------------------------------------------------------------- */

static void items(Html *d, const Node *n)
{
    static const struct { size_t row; const char *what; } rows[] = {
        {OFF_GOOD, "good"}, {OFF_ACCESS, "access"}, {OFF_ACTION, "action"}};
    bool any = false;
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++)
        for (const Val *v = node_get(n, rows[k].row); v; v = val_next(v)) {
            if (!any) {
                section(d, "Goods, access and actions");
                raw(d, "<table>\n<thead><tr><th>kind</th><th>item</th><th>name</th><th>terms</th></tr></thead>\n"
                       "<tbody>\n");
            }
            any = true;
            const Node *b = v->block;
            fprintf(d->out, "<tr><td>%s</td><td><code>", rows[k].what);
            hn(d, v->text, v->len);
            raw(d, "</code></td><td>");
            h(d, v->name);
            raw(d, "</td><td>");
            if (b && b->description) {
                h(d, b->description);
                raw(d, "<br>");
            }
            if (rows[k].row == OFF_GOOD) {
                const Val *q = b ? node_get(b, GOOD_QUANTITY) : NULL, *cost = b ? node_get(b, GOOD_UNIT_COST) : NULL;
                if (q)
                    fprintf(d->out, "quantity %llu ", (unsigned long long)q->num);
                if (cost) {
                    raw(d, "unit cost ");
                    hn(d, cost->text, cost->len);
                    raw(d, " ");
                    h(d, cost->unit);
                    raw(d, " ");
                }
                const Val *rep = b ? node_get(b, GOOD_REPLACEMENT) : NULL;
                if (rep) {
                    raw(d, "replaced every ");
                    duration(d, rep);
                }
            } else if (rows[k].row == OFF_ACCESS && b) {
                const Val *r = node_get(b, ACC_RESOURCE), *terms = node_get(b, ACC_TERMS);
                const Val *quota = node_get(b, ACC_QUOTA), *until = node_get(b, ACC_UNTIL);
                if (r) {
                    raw(d, "to ");
                    h(d, entity_label(r->ref));
                    raw(d, " ");
                }
                if (quota) {
                    raw(d, "quota ");
                    hn(d, quota->text, quota->len);
                    raw(d, " ");
                    h(d, quota->unit);
                    raw(d, " ");
                }
                if (terms) {
                    raw(d, "terms: ");
                    hn(d, terms->text, terms->len);
                    raw(d, " ");
                }
                if (until) {
                    raw(d, "until ");
                    hn(d, until->text, until->len);
                }
            } else if (b) {
                const Val *by = node_get(b, ACT_PERFORMED_BY), *resp = node_get(b, ACT_RESPONSE);
                const Val *res = node_get(b, ACT_RESOLUTION);
                if (by) {
                    raw(d, "by ");
                    party(d, by);
                    raw(d, " ");
                }
                const char *trigger = node_enum(b, ACT_TRIGGER);
                if (trigger)
                    fprintf(d->out, "on %s ", trigger);
                if (resp) {
                    raw(d, "response ");
                    duration(d, resp);
                    raw(d, " ");
                }
                if (res) {
                    raw(d, "resolution ");
                    duration(d, res);
                }
            }
            raw(d, "</td></tr>\n");
        }
    if (any)
        raw(d, "</tbody>\n</table>\n");
}

static void offering_page(Html *d, const Entity *o)
{
    if (!entity_page(d, o))
        return;
    const Node *n = &o->node;
    fact(d, "Status", node_enum(n, OFF_STATUS));
    fact_party(d, "Services", node_get(n, OFF_SERVICES));
    fact_party(d, "For", node_get(n, OFF_CONSUMERS));
    fact_party(d, "Bundles", node_get(n, OFF_BUNDLES));
    fact_party(d, "Eligible", node_get(n, OFF_ELIGIBLE));
    for (const Val *v = node_get(n, OFF_LEVEL); v; v = val_next(v)) {
        fact_open(d, "Service level");
        hn(d, v->text, v->len);
        raw(d, " ");
        const Val *in = v->inner;
        if (v->metric && v->metric->type == FT_REF && !in->role)
            h(d, entity_label(in->ref));
        else
            hn(d, in->text, in->len);
        fact_close(d);
    }
    for (const Val *v = node_get(n, OFF_PRICE); v; v = val_next(v)) {
        const PriceTerms *t = v->terms;
        fact_open(d, "Price");
        if (t->chargeback) {
            raw(d, "charged back");
        } else {
            hn(d, v->text, v->len);
            raw(d, " ");
            h(d, v->unit);
        }
        if (t->per) {
            raw(d, " ");
            h(d, t->per);
        }
        if (t->others) {
            raw(d, ", for the others");
        } else if (t->group) {
            raw(d, ", for ");
            link(d, t->group);
        }
        fact_close(d);
    }
    const Val *req = node_get(n, OFF_REQUEST);
    if (req && req->block) {
        const Node *b = req->block;
        const char *const *channels = schema_offering.fields[OFF_REQUEST].block->fields[RQ_CHANNELS].words;
        for (const Val *v = node_get(b, RQ_CHANNELS); v; v = val_next(v))
            fact(d, "Request by", channels[v->word]);
        fact_row(d, "Request form", b, RQ_FORM);
        fact_row(d, "Request e-mail", b, RQ_EMAIL);
        fact_row(d, "Request phone", b, RQ_PHONE);
        fact_row(d, "Approval", b, RQ_APPROVAL);
        const Val *lead = node_get(b, RQ_LEAD_TIME);
        if (lead) {
            fact_open(d, "Lead time");
            duration(d, lead);
            fact_close(d);
        }
    }
    fact_row(d, "Prerequisite", n, OFF_PREREQUISITES);
    contacts(d, n, OFF_URL);
    fact_row(d, "Tag", n, OFF_TAGS);
    raw(d, "</table>\n");
    items(d, n);
    close_page(d, o, false);
}

/* --- organisation --------------------------------------------------------------- */

static void team_page(Html *d, const Entity *t)
{
    if (!entity_page(d, t))
        return;
    fact_party(d, "Lead", node_get(&t->node, TEAM_LEAD));
    contacts(d, &t->node, TEAM_URL);
    raw(d, "</table>\n");
    rev_section(d, "People", REV_MEMBERS, t);
    rev_section(d, "Services it owns", REV_OWNED, t);
    rev_section(d, "Resources it owns", REV_RESOURCES, t);
    rev_section(d, "Suppliers it manages", REV_SUPPLIERS, t);
    rev_section(d, "Practices", REV_PRACTICES, t);
    close_page(d, t, false);
}

static void person_page(Html *d, const Entity *p)
{
    if (!entity_page(d, p))
        return;
    fact_party(d, "Team", node_get(&p->node, PER_TEAM));
    fact_row(d, "Title", &p->node, PER_TITLE);
    contacts(d, &p->node, PER_URL);
    raw(d, "</table>\n");
    rev_section(d, "Services they own", REV_OWNED, p);
    rev_section(d, "Resources they own", REV_RESOURCES, p);
    rev_section(d, "Suppliers they manage", REV_SUPPLIERS, p);
    rev_section(d, "Practices", REV_PRACTICES, p);
    close_page(d, p, false);
}

static void consumer_page(Html *d, const Entity *c)
{
    if (!entity_page(d, c))
        return;
    const Node *n = &c->node;
    const Val *size = node_get(n, CON_SIZE);
    if (size)
        fact(d, "Size", arena_printf(&d->c->scratch, "%llu people", (unsigned long long)size->num));
    fact_row(d, "Contact", n, CON_CONTACT);
    fact_party(d, "Customer", node_get(n, CON_CUSTOMER));
    fact_row(d, "Users", n, CON_USERS);
    fact_party(d, "Sponsor", node_get(n, CON_SPONSOR));
    contacts(d, n, CON_URL);
    raw(d, "</table>\n");
    rev_section(d, "Offerings for them", REV_OFFERED_TO, c);
    close_page(d, c, false);
}

static void supplier_page(Html *d, const Entity *s)
{
    if (!entity_page(d, s))
        return;
    const Node *n = &s->node;
    fact_party(d, "Managed by", node_get(n, SUP_OWNER));
    fact_row(d, "Contract", n, SUP_CONTRACT);
    fact_row(d, "Renewal", n, SUP_RENEWAL);
    contacts(d, n, SUP_URL);
    raw(d, "</table>\n");
    rev_section(d, "Services that depend on it", REV_SUPPLIED, s);
    close_page(d, s, false);
}

static void practice_page(Html *d, const Entity *p)
{
    if (!entity_page(d, p))
        return;
    const Node *n = &p->node;
    fact_party(d, "Owner", node_get(n, PRA_OWNER));
    fact_party(d, "Manager", node_get(n, PRA_MANAGER));
    fact_party(d, "Practitioners", node_get(n, PRA_PRACTITIONERS));
    const Val *mat = node_get(n, PRA_MATURITY);
    if (mat)
        fact(d, "Maturity", arena_printf(&d->c->scratch, "%llu of 5", (unsigned long long)mat->num));
    raw(d, "</table>\n");
    const Val *sat = node_get(n, PRA_SATISFIES);
    if (sat) {
        section(d, "Requirements it addresses");
        raw(d, "<table>\n<thead><tr><th>requirement</th><th>status</th><th>maturity</th><th>assessed</th>"
               "<th>evidence and actions</th></tr></thead>\n<tbody>\n");
        for (const Val *v = sat; v; v = val_next(v)) {
            const Node *b = v->block;
            const Val *clause = node_get(&v->ref->node, REQ_CLAUSE);
            raw(d, "<tr><td>");
            if (clause) {
                hn(d, clause->text, clause->len);
                raw(d, " ");
            }
            h(d, entity_label(v->ref));
            raw(d, " <code>");
            hn(d, v->ref->id, v->ref->id_len);
            raw(d, "</code></td><td>");
            const char *status = b ? node_enum(b, ASM_STATUS) : NULL;
            h(d, status ? status : "not stated");
            raw(d, "</td><td>");
            const Val *m = b ? node_get(b, ASM_MATURITY) : NULL, *tg = b ? node_get(b, ASM_TARGET) : NULL;
            if (m)
                fprintf(d->out, "%llu", (unsigned long long)m->num);
            if (tg)
                fprintf(d->out, " → %llu", (unsigned long long)tg->num);
            raw(d, "</td><td>");
            const Val *when = b ? node_get(b, ASM_ASSESSED) : NULL;
            if (when)
                hn(d, when->text, when->len);
            raw(d, "</td><td>");
            for (const Val *e = b ? node_get(b, ASM_EVIDENCE) : NULL; e; e = val_next(e)) {
                hn(d, e->text, e->len);
                raw(d, "<br>");
            }
            for (const Val *e = b ? node_get(b, ASM_ACTION) : NULL; e; e = val_next(e)) {
                raw(d, "action <code>");
                hn(d, e->text, e->len);
                raw(d, "</code> ");
                h(d, e->name);
                const Val *due = e->block ? node_get(e->block, IMP_DUE) : NULL;
                if (due) {
                    raw(d, " (due ");
                    hn(d, due->text, due->len);
                    raw(d, ")");
                }
                raw(d, "<br>");
            }
            raw(d, "</td></tr>\n");
        }
        raw(d, "</tbody>\n</table>\n");
    }
    close_page(d, p, false);
}

/* --- the index, the graph, the diagnostics ---------------------------------------- */

/* The ids of the consumer groups a service's offerings are for, each once,
 * space-separated with spaces around (for the index's filter). */
static const char *service_consumers(Html *d, const Entity *s)
{
    Buf b;
    buf_init(&b, &d->c->scratch);
    buf_addc(&b, ' ');
    NameTable seen;
    names_init(&seen, &d->c->scratch, 8);
    const EntityLinks *l = entity_links(s);
    for (uint32_t i = 0; l && i < l->noffered_in; i++)
        for (const Val *v = node_get(&l->offered_in[i]->node, OFF_CONSUMERS); v; v = val_next(v))
            if (!names_insert(&seen, v->ref->id, v->ref->id_len, (void *)1)) {
                buf_add(&b, v->ref->id, v->ref->id_len);
                buf_addc(&b, ' ');
            }
    return buf_cstr(&b);
}

typedef struct Tags {
    NameTable index;        /* tag -> its number + 1 */
    const char **list;      /* sorted */
    uint32_t n, cap;
} Tags;

static int str_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void collect_tags(Html *d, Tags *t)
{
    names_init(&t->index, &d->c->arena, 16);
    for (uint32_t i = 0; i < d->m->nkind[DECL_SERVICE]; i++)
        for (const Val *v = node_get(&d->m->by_kind[DECL_SERVICE][i]->node, SVC_TAGS); v; v = val_next(v)) {
            char *s = arena_strndup(&d->c->arena, v->text, v->len);
            if (names_insert(&t->index, s, v->len, (void *)1))
                continue;
            t->list = arena_grow(&d->c->arena, t->list, t->n, &t->cap, sizeof *t->list, 16);
            t->list[t->n++] = s;
        }
    if (t->n)
        qsort(t->list, t->n, sizeof *t->list, str_cmp);
    names_init(&t->index, &d->c->arena, t->n + 1);
    for (uint32_t i = 0; i < t->n; i++)
        names_insert(&t->index, t->list[i], (uint32_t)strlen(t->list[i]), (void *)(uintptr_t)(i + 1));
}

static void option(Html *d, const char *value, const char *label)
{
    raw(d, "<option value=\"");
    h(d, value);
    raw(d, "\">");
    h(d, label);
    raw(d, "</option>");
}

static void filters(Html *d, const Tags *t)
{
    raw(d, "<form id=\"filters\" class=\"filters\" hidden>\n<label>Search <input id=\"search\" type=\"search\" "
           "placeholder=\"name, id, owner, description\"></label>\n"
           "<label>Type <select id=\"f-type\"><option value=\"\">any</option>");
    for (const char *const *w = schema_service.fields[SVC_TYPE].words; *w; w++)
        option(d, *w, *w);
    raw(d, "</select></label>\n<label>Status <select id=\"f-status\"><option value=\"\">any</option>");
    for (const char *const *w = schema_service.fields[SVC_STATUS].words; *w; w++)
        option(d, *w, *w);
    raw(d, "</select></label>\n<label>Owner <select id=\"f-owner\"><option value=\"\">any</option>");
    static const DeclKind owners[] = {DECL_TEAM, DECL_PERSON};
    for (size_t k = 0; k < 2; k++)
        for (uint32_t i = 0; i < d->m->nkind[owners[k]]; i++) {
            const Entity *e = d->m->by_kind[owners[k]][i];
            uint32_t n;
            rev_of(d, REV_OWNED, e, &n);
            if (n)
                option(d, e->id, entity_label(e));
        }
    raw(d, "</select></label>\n<label>Tag <select id=\"f-tag\"><option value=\"\">any</option>");
    for (uint32_t i = 0; i < t->n; i++)
        option(d, arena_printf(&d->c->scratch, "%u", i + 1), t->list[i]);
    raw(d, "</select></label>\n<label>For <select id=\"f-consumer\"><option value=\"\">any</option>");
    for (uint32_t i = 0; i < d->m->nkind[DECL_CONSUMER]; i++)
        option(d, d->m->by_kind[DECL_CONSUMER][i]->id, entity_label(d->m->by_kind[DECL_CONSUMER][i]));
    raw(d, "</select></label>\n<output id=\"shown\"></output>\n</form>\n");
}

static void index_list(Html *d, const char *id, const char *title, DeclKind kind)
{
    fprintf(d->out, "<h2 id=\"%s\">%s (%u)</h2>\n<ul class=\"columns\">\n", id, title, d->m->nkind[kind]);
    for (uint32_t i = 0; i < d->m->nkind[kind]; i++) {
        raw(d, "<li>");
        link(d, d->m->by_kind[kind][i]);
        raw(d, "</li>\n");
    }
    raw(d, "</ul>\n");
}

static void index_page(Html *d)
{
    const Entity *cat = d->m->catalogue;
    Tags tags = {0};
    collect_tags(d, &tags);
    if (!open_page(d, "index.html", "Catalogue", ""))
        return;
    raw(d, "<h1>");
    h(d, entity_label(cat));
    raw(d, "</h1>\n");
    if (cat->node.description) {
        raw(d, "<p class=\"description\">");
        h(d, cat->node.description);
        raw(d, "</p>\n");
    }
    const Val *prov = node_get(&cat->node, CAT_PROVIDER), *ver = node_get(&cat->node, CAT_VERSION);
    raw(d, "<p class=\"kind\">Provided by ");
    party(d, prov);
    if (ver) {
        raw(d, " · version ");
        hn(d, ver->text, ver->len);
    }
    raw(d, "</p>\n");
    fprintf(d->out, "<h2 id=\"services\">Services (%u)</h2>\n", d->m->nkind[DECL_SERVICE]);
    filters(d, &tags);
    raw(d, "<table id=\"service-table\">\n<thead><tr><th>service</th><th>type</th><th>status</th><th>owner</th>"
           "<th>about</th></tr></thead>\n<tbody>\n");
    for (uint32_t i = 0; i < d->m->nkind[DECL_SERVICE]; i++) {
        const Entity *s = d->m->by_kind[DECL_SERVICE][i];
        const Node *n = &s->node;
        const Val *owner = node_get(n, SVC_OWNER);
        raw(d, "<tr data-type=\"");
        h(d, node_enum(n, SVC_TYPE));
        raw(d, "\" data-status=\"");
        h(d, node_enum(n, SVC_STATUS));
        raw(d, "\" data-owner=\"");
        if (owner && !owner->role)
            hn(d, owner->ref->id, owner->ref->id_len);
        raw(d, "\" data-tags=\" ");
        for (const Val *v = node_get(n, SVC_TAGS); v; v = val_next(v))
            fprintf(d->out, "%u ", (unsigned)(uintptr_t)names_find(&tags.index, arena_strndup(&d->c->scratch, v->text, v->len), v->len));
        raw(d, "\" data-consumers=\"");
        h(d, service_consumers(d, s));
        raw(d, "\"><td>");
        link(d, s);
        raw(d, " <code>");
        hn(d, s->id, s->id_len);
        raw(d, "</code></td><td>");
        h(d, node_enum(n, SVC_TYPE));
        raw(d, "</td><td>");
        h(d, node_enum(n, SVC_STATUS));
        raw(d, "</td><td>");
        party(d, owner);
        raw(d, "</td><td>");
        h(d, n->description);
        raw(d, "</td></tr>\n");
    }
    raw(d, "</tbody>\n</table>\n");
    index_list(d, "offerings", "Offerings", DECL_OFFERING);
    index_list(d, "teams", "Teams", DECL_TEAM);
    index_list(d, "people", "People", DECL_PERSON);
    index_list(d, "practices", "Practices", DECL_PRACTICE);
    index_list(d, "consumers", "Consumer groups", DECL_CONSUMER);
    index_list(d, "suppliers", "Suppliers", DECL_SUPPLIER);
    close_page(d, NULL, true);
}

enum { PORTAL_GRAPH_MAX = 400 }; /* services drawn on graph.html; above, views */

static void graph_page(Html *d)
{
    if (!open_page(d, "graph.html", "Dependency graph", ""))
        return;
    raw(d, "<h1>Dependency graph</h1>\n");
    uint32_t ns = d->m->nkind[DECL_SERVICE];
    if (ns > PORTAL_GRAPH_MAX) {
        fprintf(d->out, "<p>The catalogue has %u services: too many for one readable picture (the portal draws up "
                        "to %d). Draw part of it with <code>svcc graph FILE --view ID</code> or <code>--focus ID</code>.</p>\n",
                ns, PORTAL_GRAPH_MAX);
        close_page(d, NULL, false);
        return;
    }
    raw(d, "<p>Each box links to its page; solid lines are hard dependencies, dashed ones soft.</p>\n<figure>\n");
    GraphOptions o = {.format = "svg", .legend = true, .depth = -1, .direction = DIR_BOTH, .max_nodes = -1,
                      .title = "", .link_template = "{kind}s/{id}.html", .link_ids = d->file,
                      .screen_w = 1600, .screen_h = 1000};
    /* The picture goes to a memory stream that the arena frees if it runs
     * out of memory in the graph. */
    char err[256] = "";
    ArenaStream *ms = arena_stream_open(&d->c->arena);
    bool ok = ms && emit_service_graph(d->c, d->m, &o, ms->f, err, sizeof err) && fflush(ms->f) == 0;
    const char *start = ok && ms->text ? strstr(ms->text, "<svg") : NULL;
    if (start)
        fwrite(start, 1, ms->len - (size_t)(start - ms->text), d->out);
    else
        raw(d, "<p>The graph could not be drawn.</p>\n");
    arena_stream_free(ms);
    raw(d, "</figure>\n");
    close_page(d, NULL, false);
}

static void diagnostics_page(Html *d)
{
    DiagEngine *e = &d->c->diags;
    if (!e->count)
        return;
    if (!open_page(d, "diagnostics.html", "Diagnostics", ""))
        return;
    fprintf(d->out, "<h1>Diagnostics</h1>\n<p>The check of the catalogue reported %u warning%s.</p>\n"
                    "<table>\n<thead><tr><th>where</th><th>code</th><th>message</th></tr></thead>\n<tbody>\n",
            e->count, e->count == 1 ? "" : "s");
    for (const Diag *g = e->head; g; g = g->next) {
        raw(d, "<tr><td>");
        if (g->has_span) {
            const Unit *u = d->c->units[g->span.file];
            raw(d, "<code>");
            h(d, arena_printf(&d->c->scratch, "%s:%u", u->rel, source_line_number(u->src, g->span.begin)));
            raw(d, "</code>");
        }
        raw(d, "</td><td><code>");
        raw(d, diag_info(g->code)->id);
        raw(d, "</code></td><td>");
        h(d, g->msg);
        for (const DiagNote *nt = g->notes; nt; nt = nt->next) {
            raw(d, "<br><small>");
            h(d, nt->msg);
            raw(d, "</small>");
        }
        raw(d, "</td></tr>\n");
    }
    raw(d, "</tbody>\n</table>\n");
    close_page(d, NULL, false);
}

static const char portal_css[] =
    ":root { color-scheme: light dark; --line: #8884; --muted: #6c757d; }\n"
    "body { font: 15px/1.5 system-ui, sans-serif; margin: 0; }\n"
    "header { display: flex; flex-wrap: wrap; gap: .5em 1.5em; align-items: baseline; padding: .75em 1.5em; "
    "border-bottom: 1px solid var(--line); }\n"
    "header .home { font-weight: 600; }\nnav a { margin-right: .75em; }\n"
    "main { max-width: 72em; padding: 0 1.5em 2em; }\nfooter { padding: 1em 1.5em; color: var(--muted); "
    "border-top: 1px solid var(--line); }\n"
    "table { border-collapse: collapse; margin: .5em 0 1em; }\n"
    "th, td { text-align: left; vertical-align: top; padding: .25em .75em .25em 0; border-bottom: 1px solid var(--line); }\n"
    "table.facts th { width: 11em; font-weight: 500; color: var(--muted); }\n"
    ".kind { color: var(--muted); }\n.description { max-width: 48em; }\n"
    ".filters { display: flex; flex-wrap: wrap; gap: .5em 1em; margin: .5em 0; }\n"
    ".columns { columns: 16em; }\nfigure { margin: 0; overflow: auto; }\nfigure svg { max-width: 100%; height: auto; }\n"
    "@media print { header nav, .filters { display: none; } }\n";

static const char portal_js[] =
    "// svcc portal: search and filters of the index's services; the pages read without it.\n"
    "(() => {\n"
    "  const form = document.getElementById('filters');\n"
    "  if (!form) return;\n"
    "  form.hidden = false;\n"
    "  const rows = [...document.querySelectorAll('#service-table tbody tr')];\n"
    "  const value = id => document.getElementById(id).value;\n"
    "  const has = (list, v) => list.split(' ').includes(v);\n"
    "  function apply() {\n"
    "    const q = value('search').trim().toLowerCase();\n"
    "    const type = value('f-type'), status = value('f-status'), owner = value('f-owner');\n"
    "    const tag = value('f-tag'), consumer = value('f-consumer');\n"
    "    let shown = 0;\n"
    "    for (const r of rows) {\n"
    "      const d = r.dataset;\n"
    "      const ok = (!q || r.textContent.toLowerCase().includes(q)) && (!type || d.type === type) &&\n"
    "        (!status || d.status === status) && (!owner || d.owner === owner) &&\n"
    "        (!tag || has(d.tags, tag)) && (!consumer || has(d.consumers, consumer));\n"
    "      r.hidden = !ok;\n"
    "      if (ok) shown++;\n"
    "    }\n"
    "    document.getElementById('shown').textContent = `${shown} of ${rows.length} services`;\n"
    "  }\n"
    "  form.addEventListener('input', apply);\n"
    "  form.addEventListener('submit', e => e.preventDefault());\n"
    "  apply();\n"
    "})();\n";

static void asset(Html *d, const char *path, const char *text)
{
    FILE *f = d->ok ? d->sink->open(d->sink->ctx, path) : NULL;
    if (!f) {
        d->ok = false;
        return;
    }
    fputs(text, f);
    if (!d->sink->close(d->sink->ctx))
        d->ok = false;
}

bool export_html(Compiler *c, const Model *m, const PageSink *sink)
{
    Html d = {.c = c, .m = m, .sink = sink, .up = "", .ok = true};
    static const DeclKind paged[] = {DECL_SERVICE, DECL_OFFERING, DECL_TEAM,     DECL_PERSON,
                                     DECL_PRACTICE, DECL_CONSUMER, DECL_SUPPLIER, DECL__COUNT};
    d.file = export_page_names(c, m, paged);
    d.impact = impact_index(c, &c->arena, m);
    static const size_t owner_row[] = {SVC_OWNER}, team_row[] = {PER_TEAM}, consumers_row[] = {OFF_CONSUMERS},
                        deps_row[] = {SVC_DEPENDS_ON}, practice_rows[] = {PRA_OWNER, PRA_MANAGER, PRA_PRACTITIONERS};
    d.rev[REV_OWNED] = rev_build(&d, DECL_SERVICE, owner_row, 1);
    d.rev[REV_MEMBERS] = rev_build(&d, DECL_PERSON, team_row, 1);
    d.rev[REV_OFFERED_TO] = rev_build(&d, DECL_OFFERING, consumers_row, 1);
    d.rev[REV_SUPPLIED] = rev_build(&d, DECL_SERVICE, deps_row, 1);
    d.rev[REV_PRACTICES] = rev_build(&d, DECL_PRACTICE, practice_rows, 3);
    static const size_t res_owner[] = {RES_OWNER}, sup_owner[] = {SUP_OWNER};
    d.rev[REV_RESOURCES] = rev_build(&d, DECL_RESOURCE, res_owner, 1);
    d.rev[REV_SUPPLIERS] = rev_build(&d, DECL_SUPPLIER, sup_owner, 1);
    asset(&d, "assets/portal.css", portal_css);
    asset(&d, "assets/portal.js", portal_js);
    index_page(&d);
    graph_page(&d);
    diagnostics_page(&d);
    static const struct { DeclKind kind; void (*page)(Html *, const Entity *); } pages[] = {
        {DECL_SERVICE, service_page}, {DECL_OFFERING, offering_page}, {DECL_TEAM, team_page},
        {DECL_PERSON, person_page}, {DECL_PRACTICE, practice_page}, {DECL_CONSUMER, consumer_page},
        {DECL_SUPPLIER, supplier_page}};
    for (size_t k = 0; k < sizeof pages / sizeof pages[0]; k++)
        for (uint32_t i = 0; i < m->nkind[pages[k].kind]; i++)
            pages[k].page(&d, m->by_kind[pages[k].kind][i]);
    return d.ok;
}
