/* export_tmf.c — the catalogue as TM Forum Open API resources
 * (docs/export.md, TM Forum): TMF633 Service Catalog Management v4 and
 * TMF620 Product Catalog Management v4 or v5, each one JSON document with
 * an array per resource type, every resource as the API's GET gives it.
 *
 *   TMF633  catalogue → ServiceCatalog; service types and tags →
 *           ServiceCategory; service → ServiceCandidate and
 *           ServiceSpecification (its dependencies, owner, IHIP levels
 *           and availability as characteristics)
 *   TMF620  catalogue → Catalog; offerings' service types and tags →
 *           Category; offering → ProductOffering (consumer groups as market
 *           segments) and ProductSpecification (its services as
 *           ServiceSpecification references); price → ProductOfferingPrice
 *           (money as a number, "per user per month" as unit and period)
 *
 * Version 5 puts @type on every object and wraps parties in
 * RelatedPartyRefOrPartyRoleRef; version 4 has @type on resources only.
 * Every reference carries @referredType.
 */
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "export.h"
#include "json.h"
#include "names.h"

typedef struct Tmf {
    Compiler *c;
    const Model *m;
    yajl_gen g;
    int version;
} Tmf;

static void str(Tmf *t, const char *s) { json_str(t->g, s); }
static void key(Tmf *t, const char *k) { yajl_gen_string(t->g, (const unsigned char *)k, strlen(k)); }
static void kv(Tmf *t, const char *k, const char *v)
{
    if (v) {
        key(t, k);
        str(t, v);
    }
}
static void open_obj(Tmf *t, const char *type)
{
    yajl_gen_map_open(t->g);
    if (type)
        kv(t, "@type", type);
}
static void close_obj(Tmf *t) { yajl_gen_map_close(t->g); }


/* A reference: {id, name, @referredType[, @type in v5]}. */
static void ref(Tmf *t, const char *reftype, const char *referred, const char *id, const char *name)
{
    open_obj(t, t->version >= 5 ? reftype : NULL);
    kv(t, "id", id);
    kv(t, "name", name);
    kv(t, "@referredType", referred);
    close_obj(t);
}

static void ref_entity(Tmf *t, const char *reftype, const char *referred, const Entity *e)
{
    ref(t, reftype, referred, arena_strndup(&t->c->scratch, e->id, e->id_len), entity_label(e));
}

/* A party (team, person, or the provider) in a role. */
static void party(Tmf *t, const char *role, const char *id, const char *name, bool person)
{
    const char *referred = person ? "Individual" : "Organization";
    if (t->version >= 5) {
        open_obj(t, "RelatedPartyRefOrPartyRoleRef");
        kv(t, "role", role);
        key(t, "partyOrPartyRole");
        ref(t, "PartyRef", referred, id, name);
        close_obj(t);
        return;
    }
    open_obj(t, NULL);
    kv(t, "id", id);
    kv(t, "name", name);
    kv(t, "role", role);
    kv(t, "@referredType", referred);
    close_obj(t);
}

static void party_entity(Tmf *t, const char *role, const Entity *e)
{
    party(t, role, arena_strndup(&t->c->scratch, e->id, e->id_len), entity_label(e), e->kind == DECL_PERSON);
}

/* The provider: the team the catalogue's provider names, else the
 * organisation named as written, under the catalogue's id. */
static void provider(Tmf *t)
{
    const Entity *cat = t->m->catalogue;
    const Val *p = node_get(&cat->node, CAT_PROVIDER);
    if (p && !p->role)
        party_entity(t, "provider", p->ref);
    else
        party(t, "provider", cat->id, p ? arena_strndup(&t->c->scratch, p->text, p->len) : entity_label(cat), false);
}

static const char *status_of(const Node *n, size_t row, bool offering)
{
    const char *s = node_enum(n, row);
    if (s && strcmp(s, "pipeline") == 0)
        return "In design";
    if (s && strcmp(s, "retired") == 0)
        return "Retired";
    return offering ? "Launched" : "Active";
}

static const char *version_of(Tmf *t)
{
    const Val *v = node_get(&t->m->catalogue->node, CAT_VERSION);
    return v ? arena_strndup(&t->c->scratch, v->text, v->len) : NULL;
}

static void common(Tmf *t, const char *type, const Entity *e, const char *id)
{
    open_obj(t, type);
    kv(t, "id", id ? id : arena_strndup(&t->c->scratch, e->id, e->id_len));
    kv(t, "name", entity_label(e));
    kv(t, "description", e->node.description);
    kv(t, "version", version_of(t));
}

/* --- categories: service types and tags ------------------------------------ */

/* A category: "type-business" or "tag-" and the tag; its members are the
 * candidates (633) or offerings (620) that have it. */
typedef struct Cat {
    const char *id, *name;
    const Entity **members;
    uint32_t n, cap;
} Cat;

typedef struct Cats {
    NameTable by_id;
    Cat **list;
    uint32_t n, cap;
} Cats;

static void cat_add(Tmf *t, Cats *cs, const char *id, const char *name, const Entity *member)
{
    Cat *c = names_find(&cs->by_id, id, (uint32_t)strlen(id));
    if (!c) {
        c = arena_zalloc(&t->c->arena, sizeof *c);
        c->id = id, c->name = name;
        names_insert(&cs->by_id, id, (uint32_t)strlen(id), c);
        cs->list = arena_grow(&t->c->arena, cs->list, cs->n, &cs->cap, sizeof *cs->list, 8);
        cs->list[cs->n++] = c;
    }
    if (c->n && c->members[c->n - 1] == member)
        return;
    c->members = arena_grow(&t->c->arena, c->members, c->n, &c->cap, sizeof *c->members, 8);
    c->members[c->n++] = member;
}

static int cat_cmp(const void *a, const void *b) { return strcmp((*(Cat *const *)a)->id, (*(Cat *const *)b)->id); }

/* The categories of service S for MEMBER (S itself, or an offering of it). */
/* The categories' names of the service types, in service_types' order (schema.c). */
static const char *const type_names[] = {"Business services", "Technical services", "Enabling services"};

static void categories_of(Tmf *t, Cats *cs, const Entity *s, const Entity *member)
{
    const Val *type = node_get(&s->node, SVC_TYPE);
    if (type)
        cat_add(t, cs, arena_printf(&t->c->arena, "type-%s", node_enum(&s->node, SVC_TYPE)),
                type_names[type->word], member);
}

static void tag_categories(Tmf *t, Cats *cs, const Val *tags, const Entity *member)
{
    for (const Val *v = tags; v; v = val_next(v)) {
        char *name = arena_strndup(&t->c->arena, v->text, v->len);
        cat_add(t, cs, arena_printf(&t->c->arena, "tag-%s", name), name, member);
    }
}

/* The category of service S's type, as a reference, unless SEEN has it. */
static void type_category(Tmf *t, const char *referred, const Entity *s, unsigned *seen)
{
    const Val *type = node_get(&s->node, SVC_TYPE);
    if (!type || (*seen & 1u << type->word))
        return;
    *seen |= 1u << type->word;
    ref(t, "CategoryRef", referred, arena_printf(&t->c->scratch, "type-%s", node_enum(&s->node, SVC_TYPE)),
        type_names[type->word]);
}

/* The categories of a service (SELF) or of an offering of SERVICES, as
 * references: the services' types and TAGS, each once. */
static void member_categories(Tmf *t, const char *referred, const Val *services, const Entity *self,
                              const Val *tags)
{
    key(t, "category");
    yajl_gen_array_open(t->g);
    unsigned seen = 0;
    if (self)
        type_category(t, referred, self, &seen);
    for (const Val *v = services; v; v = val_next(v))
        type_category(t, referred, v->ref, &seen);
    NameTable tagged;
    names_init(&tagged, &t->c->scratch, 8);
    for (const Val *v = tags; v; v = val_next(v))
        if (!names_insert(&tagged, v->text, v->len, (void *)1)) {
            char *name = arena_strndup(&t->c->scratch, v->text, v->len);
            ref(t, "CategoryRef", referred, arena_printf(&t->c->scratch, "tag-%s", name), name);
        }
    yajl_gen_array_close(t->g);
}

static void catalog(Tmf *t, const char *type, const char *cat_reftype, const char *referred, const Cats *cs)
{
    const Entity *cat = t->m->catalogue;
    key(t, type[0] == 'S' ? "serviceCatalog" : "catalog");
    yajl_gen_array_open(t->g);
    common(t, type, cat, NULL);
    kv(t, "lifecycleStatus", "Active");
    if (type[0] != 'S')
        kv(t, "catalogType", "ProductCatalog");
    if (t->version < 5) { /* a v5 Catalog lists no categories */
        key(t, "category");
        yajl_gen_array_open(t->g);
        for (uint32_t i = 0; i < cs->n; i++)
            ref(t, cat_reftype, referred, cs->list[i]->id, cs->list[i]->name);
        yajl_gen_array_close(t->g);
    }
    key(t, "relatedParty");
    yajl_gen_array_open(t->g);
    provider(t);
    yajl_gen_array_close(t->g);
    close_obj(t);
    yajl_gen_array_close(t->g);
}

/* The categories under FIELD, each a TYPE listing its members under
 * MEMBERS as references. */
static void categories(Tmf *t, const Cats *cs, const char *field, const char *type, const char *members,
                       const char *reftype, const char *referred)
{
    key(t, field);
    yajl_gen_array_open(t->g);
    for (uint32_t i = 0; i < cs->n; i++) {
        arena_reset(&t->c->scratch);
        const Cat *c = cs->list[i];
        open_obj(t, type);
        kv(t, "id", c->id);
        kv(t, "name", c->name);
        kv(t, "version", version_of(t));
        kv(t, "lifecycleStatus", "Active");
        key(t, "isRoot");
        yajl_gen_bool(t->g, true);
        key(t, members);
        yajl_gen_array_open(t->g);
        for (uint32_t k = 0; k < c->n; k++)
            ref_entity(t, reftype, referred, c->members[k]);
        yajl_gen_array_close(t->g);
        close_obj(t);
    }
    yajl_gen_array_close(t->g);
}

/* --- TMF633 ---------------------------------------------------------------- */

/* A characteristic: NAME with one value, a string or a number as written. */
static void characteristic(Tmf *t, const char *name, const char *value, bool number, const char *unit)
{
    open_obj(t, NULL);
    kv(t, "name", name);
    kv(t, "valueType", number ? "number" : "string");
    key(t, "characteristicValueSpecification");
    yajl_gen_array_open(t->g);
    open_obj(t, NULL);
    key(t, "isDefault");
    yajl_gen_bool(t->g, true);
    kv(t, "valueType", number ? "number" : "string");
    key(t, "value");
    if (number)
        json_number(t->g, value, strlen(value));
    else
        str(t, value);
    kv(t, "unitOfMeasure", unit);
    close_obj(t);
    yajl_gen_array_close(t->g);
    close_obj(t);
}

static void service_spec(Tmf *t, const Entity *s)
{
    const Node *n = &s->node;
    common(t, "ServiceSpecification", s, NULL);
    kv(t, "lifecycleStatus", status_of(n, SVC_STATUS, false));
    key(t, "isBundle");
    yajl_gen_bool(t->g, false);
    key(t, "relatedParty");
    yajl_gen_array_open(t->g);
    const Val *owner = node_get(n, SVC_OWNER);
    if (owner && !owner->role)
        party_entity(t, "owner", owner->ref);
    for (const Val *d = node_get(n, SVC_DEPENDS_ON); d; d = val_next(d))
        if (d->ref->kind == DECL_SUPPLIER)
            party_entity(t, dep_is_hard(d) ? "supplier" : "supplier (soft dependency)", d->ref);
    yajl_gen_array_close(t->g);
    key(t, "serviceSpecRelationship");
    yajl_gen_array_open(t->g);
    for (const Val *d = dep_service(node_get(n, SVC_DEPENDS_ON)); d; d = dep_service(val_next(d))) {
        open_obj(t, NULL);
        kv(t, "id", arena_strndup(&t->c->scratch, d->ref->id, d->ref->id_len));
        kv(t, "name", entity_label(d->ref));
        kv(t, "relationshipType", "dependency");
        kv(t, "role", dep_is_hard(d) ? "hard" : "soft");
        kv(t, "@referredType", "ServiceSpecification");
        close_obj(t);
    }
    yajl_gen_array_close(t->g);
    key(t, "specCharacteristic");
    yajl_gen_array_open(t->g);
    characteristic(t, "type", node_enum(n, SVC_TYPE), false, NULL);
    const Val *a = node_get(n, SVC_AVAILABILITY);
    if (a)
        characteristic(t, "availability", arena_strndup(&t->c->scratch, a->text, a->len), true, "%");
    static const struct { size_t row; const char *name; } ihip[] = {
        {SVC_INTANGIBILITY, "intangibility"}, {SVC_HETEROGENEITY, "heterogeneity"},
        {SVC_INSEPARABILITY, "inseparability"}, {SVC_PERISHABILITY, "perishability"}};
    for (size_t k = 0; k < sizeof ihip / sizeof ihip[0]; k++) {
        const Val *v = node_get(n, ihip[k].row);
        if (v)
            characteristic(t, ihip[k].name, level_words[v->word], false, NULL);
    }
    yajl_gen_array_close(t->g);
    close_obj(t);
}

static void tmf633(Tmf *t)
{
    const Model *m = t->m;
    Cats cs = {0};
    names_init(&cs.by_id, &t->c->arena, 16);
    for (uint32_t i = 0; i < m->nkind[DECL_SERVICE]; i++) {
        const Entity *s = m->by_kind[DECL_SERVICE][i];
        categories_of(t, &cs, s, s);
        tag_categories(t, &cs, node_get(&s->node, SVC_TAGS), s);
    }
    if (cs.n)
        qsort(cs.list, cs.n, sizeof *cs.list, cat_cmp);
    yajl_gen_map_open(t->g);
    catalog(t, "ServiceCatalog", "ServiceCategoryRef", "ServiceCategory", &cs);
    categories(t, &cs, "serviceCategory", "ServiceCategory", "serviceCandidate", "ServiceCandidateRef",
               "ServiceCandidate");
    key(t, "serviceCandidate");
    yajl_gen_array_open(t->g);
    for (uint32_t i = 0; i < m->nkind[DECL_SERVICE]; i++) {
        arena_reset(&t->c->scratch);
        const Entity *s = m->by_kind[DECL_SERVICE][i];
        common(t, "ServiceCandidate", s, NULL);
        kv(t, "lifecycleStatus", status_of(&s->node, SVC_STATUS, false));
        member_categories(t, "ServiceCategory", NULL, s, node_get(&s->node, SVC_TAGS));
        key(t, "serviceSpecification");
        ref_entity(t, "ServiceSpecificationRef", "ServiceSpecification", s);
        close_obj(t);
    }
    yajl_gen_array_close(t->g);
    key(t, "serviceSpecification");
    yajl_gen_array_open(t->g);
    for (uint32_t i = 0; i < m->nkind[DECL_SERVICE]; i++) {
        arena_reset(&t->c->scratch);
        service_spec(t, m->by_kind[DECL_SERVICE][i]);
    }
    yajl_gen_array_close(t->g);
    yajl_gen_map_close(t->g);
}

/* --- TMF620 ---------------------------------------------------------------- */

static void per_unit(void *ctx, const char *w, size_t n)
{
    Buf *u = ctx;
    if (u->len)
        buf_adds(u, " per ");
    buf_add(u, w, n);
}

/* "per user per month": PERIOD "month", UNITS "user" (several joined by
 * " per "; price_per_words, model.h); either may be NULL. */
static void split_per(Tmf *t, const char *per, const char **period, const char **units)
{
    Buf u;
    buf_init(&u, &t->c->scratch);
    size_t n;
    const char *p = price_per_words(per, &n, per_unit, &u);
    *period = p ? arena_strndup(&t->c->scratch, p, n) : NULL;
    *units = u.len ? buf_cstr(&u) : NULL;
}

static const char *price_id(Tmf *t, const Entity *off, unsigned k)
{
    return arena_printf(&t->c->scratch, "%.*s-price-%u", (int)off->id_len, off->id, k);
}

/* A price's name: the offering's, and for whom. */
static const char *price_name(Tmf *t, const Entity *off, const PriceTerms *pt)
{
    if (pt->others)
        return arena_printf(&t->c->scratch, "%s, for others", entity_label(off));
    if (pt->group)
        return arena_printf(&t->c->scratch, "%s, for %s", entity_label(off), entity_label(pt->group));
    return entity_label(off);
}

static void offering(Tmf *t, const Entity *o)
{
    const Node *n = &o->node;
    common(t, "ProductOffering", o, NULL);
    kv(t, "lifecycleStatus", status_of(n, OFF_STATUS, true));
    const Val *bundles = node_get(n, OFF_BUNDLES);
    key(t, "isBundle");
    yajl_gen_bool(t->g, bundles != NULL);
    key(t, "isSellable");
    yajl_gen_bool(t->g, true);
    if (bundles) {
        key(t, "bundledProductOffering");
        yajl_gen_array_open(t->g);
        for (const Val *v = bundles; v; v = val_next(v)) {
            open_obj(t, t->version >= 5 ? "BundledProductOffering" : NULL);
            kv(t, "id", arena_strndup(&t->c->scratch, v->ref->id, v->ref->id_len));
            kv(t, "name", entity_label(v->ref));
            close_obj(t);
        }
        yajl_gen_array_close(t->g);
    }
    member_categories(t, "Category", node_get(n, OFF_SERVICES), NULL, node_get(n, OFF_TAGS));
    key(t, "marketSegment");
    yajl_gen_array_open(t->g);
    for (const Val *v = node_get(n, OFF_CONSUMERS); v; v = val_next(v))
        ref_entity(t, "MarketSegmentRef", "MarketSegment", v->ref);
    yajl_gen_array_close(t->g);
    key(t, "productSpecification");
    ref_entity(t, "ProductSpecificationRef", "ProductSpecification", o);
    key(t, "productOfferingPrice");
    yajl_gen_array_open(t->g);
    unsigned k = 0;
    for (const Val *v = node_get(n, OFF_PRICE); v; v = val_next(v))
        if (!v->terms->chargeback)
            ref(t, "ProductOfferingPriceRef", "ProductOfferingPrice", price_id(t, o, ++k),
                price_name(t, o, v->terms));
    yajl_gen_array_close(t->g);
    close_obj(t);
}

static void price(Tmf *t, const Entity *o, unsigned k, const Val *v)
{
    const PriceTerms *pt = v->terms;
    const char *period, *units;
    split_per(t, pt->per, &period, &units);
    open_obj(t, "ProductOfferingPrice");
    kv(t, "id", price_id(t, o, k));
    kv(t, "name", price_name(t, o, pt));
    kv(t, "version", version_of(t));
    kv(t, "lifecycleStatus", status_of(&o->node, OFF_STATUS, true));
    key(t, "isBundle");
    yajl_gen_bool(t->g, false);
    kv(t, "priceType", period ? "recurring" : units ? "usage" : "oneTime");
    if (period) {
        kv(t, "recurringChargePeriodType", period);
        key(t, "recurringChargePeriodLength");
        yajl_gen_integer(t->g, 1);
    }
    key(t, "price");
    open_obj(t, NULL);
    kv(t, "unit", v->unit);
    key(t, "value");
    json_number(t->g, v->text, v->len);
    close_obj(t);
    if (units) {
        key(t, "unitOfMeasure");
        open_obj(t, NULL);
        key(t, "amount");
        yajl_gen_integer(t->g, 1);
        kv(t, "units", units);
        close_obj(t);
    }
    close_obj(t);
}

static void product_spec(Tmf *t, const Entity *o)
{
    const Node *n = &o->node;
    common(t, "ProductSpecification", o, NULL);
    kv(t, "lifecycleStatus", status_of(n, OFF_STATUS, true));
    key(t, "isBundle");
    yajl_gen_bool(t->g, node_get(n, OFF_BUNDLES) != NULL);
    key(t, "relatedParty");
    yajl_gen_array_open(t->g);
    provider(t);
    yajl_gen_array_close(t->g);
    key(t, "serviceSpecification");
    yajl_gen_array_open(t->g);
    for (const Val *v = node_get(n, OFF_SERVICES); v; v = val_next(v))
        ref_entity(t, "ServiceSpecificationRef", "ServiceSpecification", v->ref);
    yajl_gen_array_close(t->g);
    key(t, "resourceSpecification");
    yajl_gen_array_open(t->g);
    for (const Val *v = node_get(n, OFF_ACCESS); v; v = val_next(v)) {
        const Val *r = v->block ? node_get(v->block, ACC_RESOURCE) : NULL;
        if (r)
            ref_entity(t, "ResourceSpecificationRef", "ResourceSpecification", r->ref);
    }
    yajl_gen_array_close(t->g);
    close_obj(t);
}

static void tmf620(Tmf *t)
{
    const Model *m = t->m;
    Cats cs = {0};
    names_init(&cs.by_id, &t->c->arena, 16);
    for (uint32_t i = 0; i < m->nkind[DECL_OFFERING]; i++) {
        const Entity *o = m->by_kind[DECL_OFFERING][i];
        for (const Val *v = node_get(&o->node, OFF_SERVICES); v; v = val_next(v))
            categories_of(t, &cs, v->ref, o);
        tag_categories(t, &cs, node_get(&o->node, OFF_TAGS), o);
    }
    if (cs.n)
        qsort(cs.list, cs.n, sizeof *cs.list, cat_cmp);
    yajl_gen_map_open(t->g);
    catalog(t, "Catalog", "CategoryRef", "Category", &cs);
    categories(t, &cs, "category", "Category", "productOffering", "ProductOfferingRef", "ProductOffering");
    key(t, "productOffering");
    yajl_gen_array_open(t->g);
    for (uint32_t i = 0; i < m->nkind[DECL_OFFERING]; i++) {
        arena_reset(&t->c->scratch);
        offering(t, m->by_kind[DECL_OFFERING][i]);
    }
    yajl_gen_array_close(t->g);
    key(t, "productOfferingPrice");
    yajl_gen_array_open(t->g);
    for (uint32_t i = 0; i < m->nkind[DECL_OFFERING]; i++) {
        const Entity *o = m->by_kind[DECL_OFFERING][i];
        unsigned k = 0;
        for (const Val *v = node_get(&o->node, OFF_PRICE); v; v = val_next(v))
            if (!v->terms->chargeback) {
                arena_reset(&t->c->scratch);
                price(t, o, ++k, v);
            }
    }
    yajl_gen_array_close(t->g);
    key(t, "productSpecification");
    yajl_gen_array_open(t->g);
    for (uint32_t i = 0; i < m->nkind[DECL_OFFERING]; i++) {
        arena_reset(&t->c->scratch);
        product_spec(t, m->by_kind[DECL_OFFERING][i]);
    }
    yajl_gen_array_close(t->g);
    yajl_gen_map_close(t->g);
}

bool export_tmf(Compiler *c, const Model *m, FILE *out, const char *api, int version)
{
    Json j;
    json_open(&j, &c->arena, out, true);
    Tmf t = {c, m, j.g, version};
    if (strcmp(api, "tmf633") == 0)
        tmf633(&t);
    else
        tmf620(&t);
    json_close(&j, out);
    return !ferror(out);
}
