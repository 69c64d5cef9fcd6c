/* export_backstage.c — the catalogue as Backstage software-catalog
 * entities: one multi-document YAML stream (docs/export.md, Backstage).
 *
 *   catalogue   Domain, and a Group (type organization) for the provider
 *               when it is an organisation's name (a provider team is
 *               its team's Group)
 *   team        Group (type team), child of the provider's
 *   person      User, member of their team
 *   consumer    Group (type consumer)
 *   offering    System in the catalogue's domain
 *   service     Component (type TYPE-service), in the system of its first
 *               offering by id
 *   resource    Resource (type its kind); supplier: Resource (type supplier)
 *
 * Names follow Backstage's rule (1 to 63 letters, digits, '-', '_' or '.',
 * starting and ending with a letter or digit), and differ in more than
 * case within a kind.  An id that breaks it is repaired: what Backstage
 * refuses becomes '-', the ends are trimmed, and eight hex digits of the
 * id's hash are appended, so that the name stays the same whatever else
 * the catalogue declares.  Each repair is a warning (W0901) at the id.
 * Names valid as written are kept first, in id order.  What Backstage has
 * no field for is kept as annotations under svcc/.
 */
#include <ctype.h>
#include <string.h>

#include "diag.h"
#include "emit.h"
#include "escape.h"
#include "export.h"
#include "names.h"

enum { BS_GROUP, BS_USER, BS_DOMAIN, BS_SYSTEM, BS_COMPONENT, BS_RESOURCE, BS__N };
static const char *const bs_kind[BS__N] = {"Group", "User", "Domain", "System", "Component", "Resource"};
static const char *const bs_ref[BS__N] = {"group", "user", "domain", "system", "component", "resource"};

typedef struct Bs {
    Compiler *c;
    const Model *m;
    FILE *out;
    NameTable taken[BS__N];     /* lower-cased names -> 1 */
    const char **name;          /* by entity order: its Backstage name */
    const char *org, *domain;   /* the catalogue's Group and Domain names */
    const Entity *provider;     /* the team the catalogue's provider names, or NULL */
} Bs;

static bool name_char(char ch) { return isalnum((unsigned char)ch) || ch == '-' || ch == '_' || ch == '.'; }

static bool valid_name(const char *s, size_t n)
{
    if (n < 1 || n > 63 || !isalnum((unsigned char)s[0]) || !isalnum((unsigned char)s[n - 1]))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!name_char(s[i]))
            return false;
    return true;
}

/* Reserve NAME in kind K; false if a name differing only in case holds it. */
static bool take(Bs *b, int k, const char *name, size_t n)
{
    char *low = arena_strndup(&b->c->arena, name, n);
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)low[i]);
    return names_insert(&b->taken[k], low, (uint32_t)n, (void *)1) == NULL;
}

/* ID made a Backstage name that kind K does not hold yet (see the top). */
static const char *repair(Bs *b, int k, const char *id, size_t n)
{
    char base[64];
    size_t len = 0;
    for (size_t i = 0; i < n && len < 54; i++)
        base[len++] = name_char(id[i]) ? id[i] : '-';
    size_t from = 0;
    while (from < len && !isalnum((unsigned char)base[from]))
        from++;
    while (len > from && !isalnum((unsigned char)base[len - 1]))
        len--;
    if (len == from)
        base[from] = 'x', len = from + 1;
    base[len] = '\0';
    uint32_t h = names_hash(id, (uint32_t)n);
    for (unsigned extra = 0;; extra++) {
        char suffix[32];
        int sn = extra ? snprintf(suffix, sizeof suffix, "-%08x-%u", h, extra)
                       : snprintf(suffix, sizeof suffix, "-%08x", h);
        size_t keep = len - from; /* the base cut so that the name stays within 63 */
        if (keep > 63 - (size_t)sn)
            keep = 63 - (size_t)sn;
        while (keep > 1 && !isalnum((unsigned char)base[from + keep - 1]))
            keep--;
        char *name = arena_printf(&b->c->arena, "%.*s%s", (int)keep, base + from, suffix);
        if (take(b, k, name, strlen(name)))
            return name;
    }
}

#define NAME_RULE                                                                                  \
    "a Backstage name is 1 to 63 letters, digits, '-', '_' or '.', starts and ends with a letter or "    \
    "digit, and differs from the other %ss' in more than case; the id is kept in the annotation svcc/id"

/* Name the entities of DECL kinds KINDS (NULL-ended by DECL__COUNT) in
 * Backstage kind K: valid names first, then repairs. */
static void name_kind(Bs *b, int k, const DeclKind *kinds)
{
    for (const DeclKind *d = kinds; *d != DECL__COUNT; d++)
        for (uint32_t i = 0; i < b->m->nkind[*d]; i++) {
            const Entity *e = b->m->by_kind[*d][i];
            if (valid_name(e->id, e->id_len) && take(b, k, e->id, e->id_len))
                b->name[e->order] = e->id;
        }
    for (const DeclKind *d = kinds; *d != DECL__COUNT; d++)
        for (uint32_t i = 0; i < b->m->nkind[*d]; i++) {
            const Entity *e = b->m->by_kind[*d][i];
            if (b->name[e->order])
                continue;
            const char *name = repair(b, k, e->id, e->id_len);
            b->name[e->order] = name;
            Diag *dg = diag_at(&b->c->diags, D_W0901, entity_id_span(e),
                               "backstage: %s '%s' is exported as %s '%s'", decl_kind_name(e->kind), e->id,
                               bs_kind[k], name);
            diag_help(&b->c->diags, dg, NAME_RULE, bs_kind[k]);
        }
}

/* The catalogue's own names: its Domain and its Group (a team may hold
 * its id already); one warning if either is repaired. */
static void name_catalogue(Bs *b)
{
    const Entity *e = b->m->catalogue;
    const Val *p = node_get(&e->node, CAT_PROVIDER);
    b->provider = p && !p->role ? p->ref : NULL;
    bool valid = valid_name(e->id, e->id_len);
    b->domain = valid && take(b, BS_DOMAIN, e->id, e->id_len) ? e->id : repair(b, BS_DOMAIN, e->id, e->id_len);
    if (b->provider)
        b->org = b->name[b->provider->order];
    else
        b->org = valid && take(b, BS_GROUP, e->id, e->id_len) ? e->id : repair(b, BS_GROUP, e->id, e->id_len);
    if (b->provider && b->domain != e->id) {
        Diag *dg = diag_at(&b->c->diags, D_W0901, entity_id_span(e),
                           "backstage: catalogue '%s' is exported as Domain '%s'", e->id, b->domain);
        diag_help(&b->c->diags, dg, NAME_RULE, "Domain");
        return;
    }
    if (b->domain == e->id && b->org == e->id)
        return;
    Diag *dg = diag_at(&b->c->diags, D_W0901, entity_id_span(e),
                       "backstage: catalogue '%s' is exported as Domain '%s' and Group '%s'", e->id, b->domain,
                       b->org);
    diag_help(&b->c->diags, dg, NAME_RULE, b->org == e->id ? "Domain" : "Group");
}

/* --- YAML ---------------------------------------------------------------- */

static void q(Bs *b, const char *s) { esc_yaml_string(b->out, s); }

static void qn(Bs *b, const char *s, size_t n)
{
    char *t = arena_strndup(&b->c->scratch, s, n);
    esc_yaml_string(b->out, t);
}

static void line(Bs *b, int indent, const char *key, const char *value)
{
    if (!value)
        return;
    fprintf(b->out, "%*s%s: ", indent, "", key);
    q(b, value);
    fputc('\n', b->out);
}

/* Entity E's reference: "group:ops". */
static const char *ref(Bs *b, const Entity *e)
{
    int k = e->kind == DECL_TEAM || e->kind == DECL_CONSUMER ? BS_GROUP
            : e->kind == DECL_PERSON                         ? BS_USER
            : e->kind == DECL_OFFERING                       ? BS_SYSTEM
            : e->kind == DECL_SERVICE                        ? BS_COMPONENT
                                                             : BS_RESOURCE;
    return arena_printf(&b->c->scratch, "%s:%s", bs_ref[k], b->name[e->order]);
}

static const char *org_ref(Bs *b) { return arena_printf(&b->c->scratch, "group:%s", b->org); }

static const char *owner_ref(Bs *b, const Val *owner)
{
    return owner && !owner->role ? ref(b, owner->ref) : org_ref(b);
}

/* A list of references but SKIP's (or NULL), as a YAML flow sequence under KEY. */
static void refs_but(Bs *b, int indent, const char *key, const Entity *const *es, size_t n, const Entity *skip)
{
    fprintf(b->out, "%*s%s: [", indent, "", key);
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (es[i] == skip)
            continue;
        if (!first)
            fputs(", ", b->out);
        first = false;
        q(b, ref(b, es[i]));
    }
    fputs("]\n", b->out);
}

static void refs(Bs *b, int indent, const char *key, const Entity *const *es, size_t n)
{
    refs_but(b, indent, key, es, n, NULL);
}

/* Annotations: svcc/id, svcc/kind and svcc/source, then PAIRS (key, value;
 * NULL values left out) up to a NULL key. */
static void metadata(Bs *b, const Entity *e, const char *name, const char *const *pairs)
{
    Place p = emit_place(b->c, e);
    fputs("metadata:\n", b->out);
    line(b, 2, "name", name);
    line(b, 2, "title", entity_label(e));
    line(b, 2, "description", e->node.description);
    fputs("  annotations:\n", b->out);
    fputs("    svcc/id: ", b->out);
    qn(b, e->id, e->id_len);
    fputc('\n', b->out);
    line(b, 4, "svcc/kind", decl_kind_name(e->kind));
    line(b, 4, "svcc/source", arena_printf(&b->c->scratch, "%s:%u", p.file, p.line));
    if (p.module)
        line(b, 4, "svcc/module", p.module);
    for (; pairs && pairs[0]; pairs += 2)
        line(b, 4, pairs[0], pairs[1]);
}

/* A Backstage tag from a svcc tag: lower case, runs of anything but
 * [a-z0-9+#] as one '-', at most 63 characters; NULL if nothing is left. */
static const char *tag(Bs *b, const char *s, size_t n)
{
    char *t = arena_alloc(&b->c->scratch, 64);
    size_t len = 0;
    bool dash = false;
    for (size_t i = 0; i < n && len < 63; i++) {
        char ch = (char)tolower((unsigned char)s[i]);
        if (isalnum((unsigned char)ch) && (unsigned char)ch < 0x80) {
            if (dash && len)
                t[len++] = '-';
            if (len < 63)
                t[len++] = ch;
            dash = false;
        } else if (ch == '+' || ch == '#') {
            if (dash && len)
                t[len++] = '-';
            if (len < 63)
                t[len++] = ch;
            dash = false;
        } else {
            dash = true;
        }
    }
    while (len && t[len - 1] == '-')
        len--;
    t[len] = '\0';
    return len ? t : NULL;
}

/* Tags (each once, in order) and links (url, then the named links). */
static void tags_links(Bs *b, const Node *n, size_t tags_row, size_t url_row)
{
    const Val *tv = tags_row ? node_get(n, tags_row) : NULL;
    if (tv) {
        NameTable seen;
        names_init(&seen, &b->c->scratch, 8);
        bool any = false;
        for (const Val *v = tv; v; v = val_next(v)) {
            const char *t = tag(b, v->text, v->len);
            if (!t || names_insert(&seen, t, (uint32_t)strlen(t), (void *)1))
                continue;
            fputs(any ? ", " : "  tags: [", b->out);
            q(b, t);
            any = true;
        }
        if (any)
            fputs("]\n", b->out);
    }
    const Val *url = node_get(n, url_row + CONTACT_URL), *links = node_get(n, url_row + CONTACT_LINKS);
    if (!url && !links)
        return;
    fputs("  links:\n", b->out);
    if (url) {
        fputs("    - url: ", b->out);
        qn(b, url->text, url->len);
        fputs("\n      title: \"Home\"\n", b->out);
    }
    for (const Val *v = links; v; v = val_next(v)) {
        fputs("    - url: ", b->out);
        q(b, v->url);
        fputs("\n      title: ", b->out);
        qn(b, v->text, v->len);
        fputc('\n', b->out);
    }
}

/* A new document, for one entity: what the last one kept in scratch memory
 * goes. */
static void doc(Bs *b, int k)
{
    arena_reset(&b->c->scratch);
    fprintf(b->out, "---\napiVersion: backstage.io/v1alpha1\nkind: %s\n", bs_kind[k]);
}

static const char *text_of(Bs *b, const Node *n, size_t row)
{
    const Val *v = node_get(n, row);
    return v ? arena_strndup(&b->c->scratch, v->text, v->len) : NULL;
}

/* The references of a list, comma-separated, or NULL. */
static const char *ref_list(Bs *b, const Val *v)
{
    Buf s;
    buf_init(&s, &b->c->scratch);
    for (; v; v = val_next(v)) {
        if (s.len)
            buf_adds(&s, ", ");
        buf_adds(&s, ref(b, v->ref));
    }
    return s.len ? buf_cstr(&s) : NULL;
}

static const char *email_of(Bs *b, const Node *n, size_t url_row) { return text_of(b, n, url_row + CONTACT_EMAIL); }

static void profile(Bs *b, const Entity *e, const char *email)
{
    fputs("  profile:\n", b->out);
    line(b, 4, "displayName", entity_label(e));
    line(b, 4, "email", email);
}

static void catalogue_org(Bs *b)
{
    const Entity *cat = b->m->catalogue;
    const Node *n = &cat->node;
    doc(b, BS_DOMAIN);
    metadata(b, cat, b->domain, (const char *const[]){"svcc/version", text_of(b, n, CAT_VERSION), NULL});
    fputs("spec:\n", b->out);
    line(b, 2, "owner", org_ref(b));
    if (b->provider) /* its team's Group stands for the provider */
        return;
    doc(b, BS_GROUP);
    metadata(b, cat, b->org, (const char *const[]){"svcc/role", "provider", NULL});
    fputs("spec:\n  type: \"organization\"\n  profile:\n", b->out);
    line(b, 4, "displayName", text_of(b, n, CAT_PROVIDER));
    Entity *const *teams = b->m->by_kind[DECL_TEAM];
    refs(b, 2, "children", (const Entity *const *)teams, b->m->nkind[DECL_TEAM]);
}

static void groups_users(Bs *b)
{
    const Model *m = b->m;
    for (uint32_t i = 0; i < m->nkind[DECL_TEAM]; i++) {
        const Entity *e = m->by_kind[DECL_TEAM][i];
        const Val *lead = node_get(&e->node, TEAM_LEAD);
        doc(b, BS_GROUP);
        metadata(b, e, b->name[e->order],
                 (const char *const[]){"svcc/lead", lead ? ref(b, lead->ref) : NULL, "svcc/phone",
                                       text_of(b, &e->node, TEAM_URL + CONTACT_PHONE), "svcc/location",
                                       text_of(b, &e->node, TEAM_URL + CONTACT_LOCATION), NULL});
        tags_links(b, &e->node, 0, TEAM_URL);
        fputs("spec:\n  type: \"team\"\n", b->out);
        profile(b, e, email_of(b, &e->node, TEAM_URL));
        if (e != b->provider) {
            line(b, 2, "parent", org_ref(b));
            fputs("  children: []\n", b->out);
        } else { /* the provider: the other teams are its children */
            refs_but(b, 2, "children", (const Entity *const *)m->by_kind[DECL_TEAM], m->nkind[DECL_TEAM], e);
        }
    }
    for (uint32_t i = 0; i < m->nkind[DECL_PERSON]; i++) {
        const Entity *e = m->by_kind[DECL_PERSON][i];
        const Val *team = node_get(&e->node, PER_TEAM);
        doc(b, BS_USER);
        metadata(b, e, b->name[e->order],
                 (const char *const[]){"svcc/title", text_of(b, &e->node, PER_TITLE), "svcc/phone",
                                       text_of(b, &e->node, PER_URL + CONTACT_PHONE), "svcc/location",
                                       text_of(b, &e->node, PER_URL + CONTACT_LOCATION), NULL});
        tags_links(b, &e->node, 0, PER_URL);
        fputs("spec:\n", b->out);
        profile(b, e, email_of(b, &e->node, PER_URL));
        const Entity *t = team ? team->ref : NULL;
        refs(b, 2, "memberOf", &t, t ? 1 : 0);
    }
    for (uint32_t i = 0; i < m->nkind[DECL_CONSUMER]; i++) {
        const Entity *e = m->by_kind[DECL_CONSUMER][i];
        const Val *size = node_get(&e->node, CON_SIZE);
        doc(b, BS_GROUP);
        metadata(b, e, b->name[e->order],
                 (const char *const[]){"svcc/size", size ? arena_strndup(&b->c->scratch, size->text, size->len)
                                                         : NULL,
                                       "svcc/contact", text_of(b, &e->node, CON_CONTACT), NULL});
        tags_links(b, &e->node, 0, CON_URL);
        fputs("spec:\n  type: \"consumer\"\n", b->out);
        profile(b, e, email_of(b, &e->node, CON_URL));
        fputs("  children: []\n", b->out);
    }
}

/* An offering's owner: the one owner of all its services, else the provider. */
static const char *offering_owner(Bs *b, const Entity *off)
{
    const Entity *owner = NULL;
    for (const Val *v = node_get(&off->node, OFF_SERVICES); v; v = val_next(v)) {
        const Val *o = node_get(&v->ref->node, SVC_OWNER);
        if (!o || o->role || (owner && owner != o->ref))
            return org_ref(b);
        owner = o->ref;
    }
    return owner ? ref(b, owner) : org_ref(b);
}

static const char *lifecycle(const Node *n, size_t row)
{
    const char *s = node_enum(n, row);
    return !s ? "production" : strcmp(s, "pipeline") == 0 ? "experimental"
                           : strcmp(s, "retired") == 0  ? "deprecated"
                                                        : "production";
}

/* An offering's levels, items and prices as written, each '; '-separated:
 * "availability 99.8; response 4h". */
static const char *levels_text(Bs *b, const Val *v)
{
    Buf s;
    buf_init(&s, &b->c->scratch);
    for (; v; v = val_next(v)) {
        if (s.len)
            buf_adds(&s, "; ");
        buf_add(&s, v->text, v->len);
        buf_addc(&s, ' ');
        const Val *in = v->inner;
        if (v->metric && v->metric->type == FT_REF && !in->role)
            buf_add(&s, in->ref->id, in->ref->id_len);
        else
            buf_add(&s, in->text, in->len);
    }
    return s.len ? buf_cstr(&s) : NULL;
}

static const char *items_text(Bs *b, const Node *n)
{
    static const struct { size_t row; const char *what; } rows[] = {
        {OFF_GOOD, "good"}, {OFF_ACCESS, "access"}, {OFF_ACTION, "action"}};
    Buf s;
    buf_init(&s, &b->c->scratch);
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++)
        for (const Val *v = node_get(n, rows[k].row); v; v = val_next(v)) {
            if (s.len)
                buf_adds(&s, "; ");
            buf_adds(&s, rows[k].what);
            buf_addc(&s, ' ');
            buf_add(&s, v->text, v->len);
            if (v->name) {
                buf_adds(&s, " (");
                buf_adds(&s, v->name);
                buf_addc(&s, ')');
            }
        }
    return s.len ? buf_cstr(&s) : NULL;
}

static const char *prices_text(Bs *b, const Val *v)
{
    Buf s;
    buf_init(&s, &b->c->scratch);
    for (; v; v = val_next(v)) {
        const PriceTerms *t = v->terms;
        if (s.len)
            buf_adds(&s, "; ");
        if (t->chargeback) {
            buf_adds(&s, "chargeback");
        } else {
            buf_add(&s, v->text, v->len);
            buf_addc(&s, ' ');
            buf_adds(&s, v->unit);
        }
        if (t->per) {
            buf_addc(&s, ' ');
            buf_adds(&s, t->per);
        }
        if (t->others)
            buf_adds(&s, " for others");
        else if (t->group) {
            buf_adds(&s, " for ");
            buf_add(&s, t->group->id, t->group->id_len);
        }
    }
    return s.len ? buf_cstr(&s) : NULL;
}

static void systems(Bs *b)
{
    const Model *m = b->m;
    for (uint32_t i = 0; i < m->nkind[DECL_OFFERING]; i++) {
        const Entity *e = m->by_kind[DECL_OFFERING][i];
        const Node *n = &e->node;
        doc(b, BS_SYSTEM);
        metadata(b, e, b->name[e->order],
                 (const char *const[]){"svcc/status", node_enum(n, OFF_STATUS), "svcc/services",
                                       ref_list(b, node_get(n, OFF_SERVICES)), "svcc/consumers",
                                       ref_list(b, node_get(n, OFF_CONSUMERS)), "svcc/items", items_text(b, n),
                                       "svcc/levels", levels_text(b, node_get(n, OFF_LEVEL)), "svcc/prices",
                                       prices_text(b, node_get(n, OFF_PRICE)), NULL});
        tags_links(b, n, OFF_TAGS, OFF_URL);
        fputs("spec:\n", b->out);
        line(b, 2, "owner", offering_owner(b, e));
        line(b, 2, "domain", arena_printf(&b->c->scratch, "domain:%s", b->domain));
        line(b, 2, "type", "offering");
    }
}

static const char *level_of(const Node *n, size_t row)
{
    const Val *v = node_get(n, row);
    return v ? level_words[v->word] : NULL;
}

/* depends_on as dependsOn, the hard and soft ones alike. */
static void depends_on(Bs *b, const Val *deps)
{
    fputs("  dependsOn: [", b->out);
    for (const Val *d = deps; d; d = val_next(d)) {
        fputs(d == deps ? "" : ", ", b->out);
        q(b, ref(b, d->ref));
    }
    fputs("]\n", b->out);
}

/* The references of the soft ones among DEPS, comma-separated, or NULL. */
static const char *soft_deps(Bs *b, const Val *deps)
{
    Buf s;
    buf_init(&s, &b->c->scratch);
    for (const Val *d = deps; d; d = val_next(d))
        if (!dep_is_hard(d)) {
            if (s.len)
                buf_adds(&s, ", ");
            buf_adds(&s, ref(b, d->ref));
        }
    return s.len ? buf_cstr(&s) : NULL;
}

static void components(Bs *b)
{
    const Model *m = b->m;
    for (uint32_t i = 0; i < m->nkind[DECL_SERVICE]; i++) {
        const Entity *e = m->by_kind[DECL_SERVICE][i];
        const Node *n = &e->node;
        const EntityLinks *l = entity_links(e);
        doc(b, BS_COMPONENT);
        Buf offs;
        buf_init(&offs, &b->c->scratch);
        for (uint32_t k = 0; l && k < l->noffered_in; k++) {
            if (k)
                buf_adds(&offs, ", ");
            buf_adds(&offs, ref(b, l->offered_in[k]));
        }
        const Val *avail = node_get(n, SVC_AVAILABILITY), *deps = node_get(n, SVC_DEPENDS_ON);
        metadata(b, e, b->name[e->order],
                 (const char *const[]){
                     "svcc/type", node_enum(n, SVC_TYPE), "svcc/status", node_enum(n, SVC_STATUS),
                     "svcc/availability", avail ? arena_strndup(&b->c->scratch, avail->text, avail->len) : NULL,
                     "svcc/intangibility", level_of(n, SVC_INTANGIBILITY),
                     "svcc/heterogeneity", level_of(n, SVC_HETEROGENEITY),
                     "svcc/inseparability", level_of(n, SVC_INSEPARABILITY),
                     "svcc/perishability", level_of(n, SVC_PERISHABILITY),
                     "svcc/offerings", offs.len ? buf_cstr(&offs) : NULL,
                     "svcc/soft-dependencies", soft_deps(b, deps),
                     "svcc/see-also", ref_list(b, node_get(n, SVC_SEE_ALSO)),
                     "svcc/email", text_of(b, n, SVC_URL + CONTACT_EMAIL),
                     "svcc/phone", text_of(b, n, SVC_URL + CONTACT_PHONE),
                     "svcc/location", text_of(b, n, SVC_URL + CONTACT_LOCATION), NULL});
        tags_links(b, n, SVC_TAGS, SVC_URL);
        fputs("spec:\n", b->out);
        line(b, 2, "type", arena_printf(&b->c->scratch, "%s-service", node_enum(n, SVC_TYPE)));
        line(b, 2, "lifecycle", lifecycle(n, SVC_STATUS));
        line(b, 2, "owner", owner_ref(b, node_get(n, SVC_OWNER)));
        if (l && l->noffered_in)
            line(b, 2, "system", ref(b, l->offered_in[0]));
        depends_on(b, deps);
    }
}

static void resources(Bs *b)
{
    const Model *m = b->m;
    for (uint32_t i = 0; i < m->nkind[DECL_RESOURCE]; i++) {
        const Entity *e = m->by_kind[DECL_RESOURCE][i];
        const Node *n = &e->node;
        const Val *cap = node_get(n, RES_CAPACITY);
        doc(b, BS_RESOURCE);
        metadata(b, e, b->name[e->order],
                 (const char *const[]){"svcc/capacity",
                                       cap ? arena_printf(&b->c->scratch, "%.*s %s", (int)cap->len, cap->text,
                                                          cap->unit)
                                           : NULL,
                                       NULL});
        fputs("spec:\n", b->out);
        const char *kind = node_enum(n, RES_KIND);
        line(b, 2, "type", kind ? kind : "resource");
        line(b, 2, "owner", owner_ref(b, node_get(n, RES_OWNER)));
        depends_on(b, node_get(n, RES_DEPENDS_ON));
    }
    for (uint32_t i = 0; i < m->nkind[DECL_SUPPLIER]; i++) {
        const Entity *e = m->by_kind[DECL_SUPPLIER][i];
        const Node *n = &e->node;
        doc(b, BS_RESOURCE);
        metadata(b, e, b->name[e->order],
                 (const char *const[]){"svcc/contract", text_of(b, n, SUP_CONTRACT), "svcc/renewal",
                                       text_of(b, n, SUP_RENEWAL), "svcc/email",
                                       text_of(b, n, SUP_URL + CONTACT_EMAIL), "svcc/phone",
                                       text_of(b, n, SUP_URL + CONTACT_PHONE), NULL});
        tags_links(b, n, 0, SUP_URL);
        fputs("spec:\n  type: \"supplier\"\n", b->out);
        line(b, 2, "owner", owner_ref(b, node_get(n, SUP_OWNER)));
    }
}

bool export_backstage(Compiler *c, const Model *m, FILE *out)
{
    Bs b = {.c = c, .m = m, .out = out};
    for (int k = 0; k < BS__N; k++)
        names_init(&b.taken[k], &c->arena, 64);
    b.name = arena_zalloc(&c->arena, sizeof(char *) * (m->count + 1));
    static const DeclKind groups[] = {DECL_TEAM, DECL_CONSUMER, DECL__COUNT};
    static const DeclKind users[] = {DECL_PERSON, DECL__COUNT};
    static const DeclKind systems_[] = {DECL_OFFERING, DECL__COUNT};
    static const DeclKind components_[] = {DECL_SERVICE, DECL__COUNT};
    static const DeclKind resources_[] = {DECL_RESOURCE, DECL_SUPPLIER, DECL__COUNT};
    name_kind(&b, BS_GROUP, groups);
    name_kind(&b, BS_USER, users);
    name_kind(&b, BS_SYSTEM, systems_);
    name_kind(&b, BS_COMPONENT, components_);
    name_kind(&b, BS_RESOURCE, resources_);
    name_catalogue(&b);
    catalogue_org(&b);
    groups_users(&b);
    systems(&b);
    components(&b);
    resources(&b);
    return !ferror(out);
}
