/* export_tables.c — the catalogue as relational tables (export.h).
 *
 * One table per kind that tools query (services, offerings, teams, …),
 * one row per entity; lists and nested items get tables of their own,
 * keyed by their owner's id.  A reference is its id; one that may name
 * several kinds (an owner: a team or a person) takes a second column,
 * NAME_kind, with the kind's name ("team", "person", or "role" for a role
 * written as text).  docs/export.md lists every column.
 */
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "export.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define TABLE(var, tname, cols, key) static const Table var = {tname, cols, COUNT(cols), key}
#define T(n) {n, COL_TEXT, NULL}
#define I(n) {n, COL_INT, NULL}
#define R(n) {n, COL_REAL, NULL}
#define FK(n, t) {n, COL_TEXT, t}
#define CONTACT_COLS T("url"), T("email"), T("phone"), T("location")
#define PLACE_COLS T("module"), T("file"), I("line")

static const Column catalogue_cols[] = {
    T("id"), T("name"), T("version"), T("provider"), FK("provider_team", "teams"), T("contact"), T("scope"),
    T("description"), PLACE_COLS,
};
static const Column team_cols[] = {
    T("id"), T("name"), FK("lead", "people"), T("description"), CONTACT_COLS, PLACE_COLS,
};
static const Column person_cols[] = {
    T("id"), T("name"), FK("team", "teams"), T("title"), T("description"), CONTACT_COLS, PLACE_COLS,
};
static const Column consumer_cols[] = {
    T("id"), T("name"), I("size"), T("contact"), T("customer"), T("customer_kind"), T("users"),
    T("sponsor"), T("sponsor_kind"), T("description"), CONTACT_COLS, PLACE_COLS,
};
static const Column service_cols[] = {
    T("id"), T("name"), T("type"), T("status"), T("owner"), T("owner_kind"), R("availability"),
    T("intangibility"), T("heterogeneity"), T("inseparability"), T("perishability"), T("description"),
    CONTACT_COLS, PLACE_COLS,
};
static const Column dependency_cols[] = {
    T("dependent"), T("dependent_kind"), T("depends_on"), T("depends_on_kind"), T("strength"), T("reason"),
};
static const Column resource_cols[] = {
    T("id"), T("name"), T("kind"), R("capacity"), T("capacity_unit"), T("owner"), T("owner_kind"),
    T("description"), PLACE_COLS,
};
static const Column supplier_cols[] = {
    T("id"), T("name"), T("owner"), T("owner_kind"), T("contract"), T("renewal"), T("description"),
    CONTACT_COLS, PLACE_COLS,
};
static const Column offering_cols[] = {
    T("id"), T("name"), T("status"), T("description"), CONTACT_COLS, PLACE_COLS,
};
static const Column offering_service_cols[] = {
    FK("offering", "offerings"), I("position"), FK("service", "services"),
};
static const Column subscription_cols[] = {
    FK("offering", "offerings"), I("position"), FK("consumer", "consumers"),
};
static const Column item_cols[] = {
    FK("offering", "offerings"), T("id"), T("kind"), T("name"), T("description"), I("quantity"),
    R("unit_cost"), T("unit_cost_text"), T("unit_cost_currency"), I("replacement_seconds"),
    T("replacement"), FK("resource", "resources"), T("terms"), R("quota"), T("quota_unit"), T("until"),
    T("performed_by"), T("performed_by_kind"), T("trigger"), I("response_seconds"), T("response"),
    I("resolution_seconds"), T("resolution"),
};
static const Column level_cols[] = {
    FK("offering", "offerings"), I("position"), T("metric"), T("value"), R("number"), I("seconds"), T("calendar"),
};
static const Column price_cols[] = {
    FK("offering", "offerings"), I("position"), R("amount"), T("amount_text"), T("currency"), T("per"),
    FK("consumer", "consumers"), I("others"), I("chargeback"),
};
static const Column practice_cols[] = {
    T("id"), T("name"), T("owner"), T("owner_kind"), T("manager"), T("manager_kind"), I("maturity"),
    T("description"), PLACE_COLS,
};
static const Column practitioner_cols[] = {
    FK("practice", "practices"), I("position"), T("member"), T("member_kind"),
};
static const Column framework_cols[] = {
    T("id"), T("name"), T("edition"), T("publisher"), T("exclusions"), T("description"), PLACE_COLS,
};
static const Column requirement_cols[] = {
    T("id"), T("name"), FK("framework", "frameworks"), T("group_name"), T("clause"), T("level"), T("cycle"),
    T("description"), PLACE_COLS,
};
static const Column assessment_cols[] = {
    FK("practice", "practices"), I("position"), FK("requirement", "requirements"), T("status"), T("justification"),
    T("assessed"), FK("assessor", "people"), I("maturity"), I("target"),
};
static const Column action_cols[] = {
    FK("practice", "practices"), I("assessment"), I("position"), FK("requirement", "requirements"), T("id"), T("name"), T("description"), T("owner"),
    T("owner_kind"), T("due"), T("done"),
};
static const Column tag_cols[] = {T("kind"), T("id"), I("position"), T("tag")};

TABLE(t_catalogue, "catalogue", catalogue_cols, 1);
TABLE(t_teams, "teams", team_cols, 1);
TABLE(t_people, "people", person_cols, 1);
TABLE(t_consumers, "consumers", consumer_cols, 1);
TABLE(t_services, "services", service_cols, 1);
TABLE(t_dependencies, "dependencies", dependency_cols, 0);
TABLE(t_resources, "resources", resource_cols, 1);
TABLE(t_suppliers, "suppliers", supplier_cols, 1);
TABLE(t_offerings, "offerings", offering_cols, 1);
TABLE(t_offering_services, "offering_services", offering_service_cols, 2);
TABLE(t_subscriptions, "subscriptions", subscription_cols, 2);
TABLE(t_items, "items", item_cols, 2);
TABLE(t_levels, "levels", level_cols, 2);
TABLE(t_prices, "prices", price_cols, 2);
TABLE(t_practices, "practices", practice_cols, 1);
TABLE(t_practitioners, "practitioners", practitioner_cols, 2);
TABLE(t_frameworks, "frameworks", framework_cols, 1);
TABLE(t_requirements, "requirements", requirement_cols, 1);
TABLE(t_assessments, "assessments", assessment_cols, 2);
TABLE(t_actions, "improvement_actions", action_cols, 3);
TABLE(t_tags, "tags", tag_cols, 3);

const Table *const export_table_list[] = {
    &t_catalogue, &t_teams, &t_people, &t_consumers, &t_services, &t_dependencies, &t_resources,
    &t_suppliers, &t_offerings, &t_offering_services, &t_subscriptions, &t_items, &t_levels, &t_prices,
    &t_practices, &t_practitioners, &t_frameworks, &t_requirements, &t_assessments, &t_actions, &t_tags,
};
const size_t export_table_count = COUNT(export_table_list);

enum { MAX_COLS = 32 };

/* A row being filled, cell after cell, in its table's column order. */
typedef struct Row {
    Compiler *c;
    const TableSink *sink;
    const Table *t;
    Cell cells[MAX_COLS];
    size_t n;
    bool ok;
} Row;

static Cell *next(Row *r)
{
    Cell *cell = &r->cells[r->n < MAX_COLS - 1 ? r->n++ : r->n];
    memset(cell, 0, sizeof *cell);
    return cell;
}

static void nul(Row *r) { next(r); }

static void textn(Row *r, const char *s, size_t len)
{
    Cell *cell = next(r);
    if (s)
        cell->kind = CELL_TEXT, cell->text = s, cell->len = len;
}

static void text(Row *r, const char *s) { textn(r, s, s ? strlen(s) : 0); }

static void integer(Row *r, int64_t i)
{
    Cell *cell = next(r);
    cell->kind = CELL_INT, cell->i = i;
}

static void boolean(Row *r, bool b) { integer(r, b); }

static void real(Row *r, double d, const char *as_written, size_t len)
{
    Cell *cell = next(r);
    cell->kind = CELL_REAL, cell->r = d, cell->text = as_written, cell->len = len;
}

static void emit_row(Row *r)
{
    if (r->ok && r->n != r->t->ncols) { /* a table and its producer disagree: a bug */
        fprintf(stderr, "svcc: internal error: table %s, %zu cells for %zu columns\n", r->t->name, r->n,
                r->t->ncols);
        abort();
    }
    if (r->ok)
        r->ok = r->sink->row(r->sink->ctx, r->t, r->cells);
    r->n = 0;
}

/* Row ROW of N: its first value, or NULL. */
static const Val *first(const Node *n, size_t row) { return n ? node_get(n, row) : NULL; }

static void str_field(Row *r, const Node *n, size_t row)
{
    const Val *v = first(n, row);
    if (v)
        textn(r, v->text, v->len);
    else
        nul(r);
}

static void enum_field(Row *r, const Node *n, size_t row) { text(r, n ? node_enum(n, row) : NULL); }

static void int_field(Row *r, const Node *n, size_t row)
{
    const Val *v = first(n, row);
    if (v)
        integer(r, (int64_t)v->num);
    else
        nul(r);
}

static void ref_id(Row *r, const Val *v)
{
    if (v && !v->role)
        textn(r, v->ref->id, v->ref->id_len);
    else
        nul(r);
}

/* A reference that may name several kinds: its id (or a role's text) and
 * its kind ("role" for a role). */
static void party(Row *r, const Val *v)
{
    if (!v) {
        nul(r), nul(r);
    } else if (v->role) {
        textn(r, v->text, v->len), text(r, "role");
    } else {
        textn(r, v->ref->id, v->ref->id_len), text(r, decl_kind_name(v->ref->kind));
    }
}

static void quantity(Row *r, const Val *v)
{
    if (v)
        real(r, v->real, v->text, v->len), text(r, v->unit);
    else
        nul(r), nul(r);
}

/* Seconds (NULL for business time, counted in a calendar) and the text. */
static void duration(Row *r, const Val *v)
{
    if (v && !v->business)
        integer(r, (int64_t)v->num);
    else
        nul(r);
    if (v)
        textn(r, v->text, v->len);
    else
        nul(r);
}

static void money(Row *r, const Val *v)
{
    if (!v) {
        nul(r), nul(r), nul(r);
        return;
    }
    real(r, strtod(v->text, NULL), v->text, v->len);
    textn(r, v->text, v->len);
    text(r, v->unit);
}

static void place(Row *r, const Entity *e)
{
    Place p = emit_place(r->c, e);
    text(r, p.module);
    text(r, p.file);
    integer(r, p.line);
}

static void contacts(Row *r, const Node *n, size_t url_row)
{
    str_field(r, n, url_row + CONTACT_URL);
    str_field(r, n, url_row + CONTACT_EMAIL);
    str_field(r, n, url_row + CONTACT_PHONE);
    str_field(r, n, url_row + CONTACT_LOCATION);
}

/* A row's first cells: id and name. */
static void head(Row *r, const Entity *e)
{
    textn(r, e->id, e->id_len);
    text(r, e->name);
}

static bool begin(Row *r, const Table *t)
{
    r->t = t;
    r->n = 0;
    return r->ok && (r->ok = r->sink->begin(r->sink->ctx, t));
}

static void end(Row *r)
{
    if (r->ok)
        r->ok = r->sink->end(r->sink->ctx, r->t);
}

#define EACH(e, m, kind)                                                                                   \
    for (Entity **e##_p = (m)->by_kind[kind], **e##_end = e##_p + (m)->nkind[kind], *e; \
         e##_p < e##_end && (e = *e##_p, true); e##_p++)

static void catalogue(Row *r, const Model *m)
{
    if (!begin(r, &t_catalogue))
        return;
    const Entity *e = m->catalogue;
    if (e) {
        const Node *n = &e->node;
        head(r, e);
        str_field(r, n, CAT_VERSION);
        const Val *p = first(n, CAT_PROVIDER);
        if (p) { /* who provides it, as a reader names it; the team, if it is one */
            size_t len;
            const char *label = ref_label(p, &len);
            textn(r, label, len);
        } else {
            nul(r);
        }
        ref_id(r, p);
        str_field(r, n, CAT_CONTACT);
        str_field(r, n, CAT_SCOPE);
        text(r, n->description);
        place(r, e);
        emit_row(r);
    }
    end(r);
}

static void teams_people(Row *r, const Model *m)
{
    if (begin(r, &t_teams)) {
        EACH(e, m, DECL_TEAM) {
            head(r, e);
            ref_id(r, first(&e->node, TEAM_LEAD));
            text(r, e->node.description);
            contacts(r, &e->node, TEAM_URL);
            place(r, e);
            emit_row(r);
        }
        end(r);
    }
    if (begin(r, &t_people)) {
        EACH(e, m, DECL_PERSON) {
            head(r, e);
            ref_id(r, first(&e->node, PER_TEAM));
            str_field(r, &e->node, PER_TITLE);
            text(r, e->node.description);
            contacts(r, &e->node, PER_URL);
            place(r, e);
            emit_row(r);
        }
        end(r);
    }
}

static void consumers(Row *r, const Model *m)
{
    if (!begin(r, &t_consumers))
        return;
    EACH(e, m, DECL_CONSUMER) {
        const Node *n = &e->node;
        head(r, e);
        int_field(r, n, CON_SIZE);
        str_field(r, n, CON_CONTACT);
        party(r, first(n, CON_CUSTOMER));
        str_field(r, n, CON_USERS);
        party(r, first(n, CON_SPONSOR));
        text(r, n->description);
        contacts(r, n, CON_URL);
        place(r, e);
        emit_row(r);
    }
    end(r);
}

/* A characteristic's level, or NULL when not stated. */
static void level(Row *r, const Node *n, size_t row)
{
    const Val *v = first(n, row);
    text(r, v ? level_words[v->word] : NULL);
}

static void services(Row *r, const Model *m)
{
    if (!begin(r, &t_services))
        return;
    EACH(e, m, DECL_SERVICE) {
        const Node *n = &e->node;
        head(r, e);
        enum_field(r, n, SVC_TYPE);
        enum_field(r, n, SVC_STATUS);
        party(r, first(n, SVC_OWNER));
        const Val *a = first(n, SVC_AVAILABILITY);
        if (a)
            real(r, a->real, a->text, a->len);
        else
            nul(r);
        level(r, n, SVC_INTANGIBILITY);
        level(r, n, SVC_HETEROGENEITY);
        level(r, n, SVC_INSEPARABILITY);
        level(r, n, SVC_PERISHABILITY);
        text(r, n->description);
        contacts(r, n, SVC_URL);
        place(r, e);
        emit_row(r);
    }
    end(r);
}

static void dependencies_of(Row *r, const Model *m, DeclKind kind, size_t row)
{
    EACH(e, m, kind)
        for (const Val *d = first(&e->node, row); d; d = val_next(d)) {
            textn(r, e->id, e->id_len);
            text(r, decl_kind_name(kind));
            party(r, d);
            text(r, dep_is_hard(d) ? "hard" : "soft");
            str_field(r, d->block, DEP_REASON);
            emit_row(r);
        }
}

static void resources_suppliers(Row *r, const Model *m)
{
    if (begin(r, &t_dependencies)) {
        dependencies_of(r, m, DECL_SERVICE, SVC_DEPENDS_ON);
        dependencies_of(r, m, DECL_RESOURCE, RES_DEPENDS_ON);
        end(r);
    }
    if (begin(r, &t_resources)) {
        EACH(e, m, DECL_RESOURCE) {
            const Node *n = &e->node;
            head(r, e);
            enum_field(r, n, RES_KIND);
            quantity(r, first(n, RES_CAPACITY));
            party(r, first(n, RES_OWNER));
            text(r, n->description);
            place(r, e);
            emit_row(r);
        }
        end(r);
    }
    if (begin(r, &t_suppliers)) {
        EACH(e, m, DECL_SUPPLIER) {
            const Node *n = &e->node;
            head(r, e);
            party(r, first(n, SUP_OWNER));
            str_field(r, n, SUP_CONTRACT);
            str_field(r, n, SUP_RENEWAL);
            text(r, n->description);
            contacts(r, n, SUP_URL);
            place(r, e);
            emit_row(r);
        }
        end(r);
    }
}

/* An offering item's row: good, access or action (KIND), its block B. */
static void item(Row *r, const Entity *off, const char *kind, const Val *v)
{
    const Node *b = v->block;
    bool good = kind[0] == 'g', access = kind[1] == 'c' && kind[2] == 'c', action = !good && !access;
    textn(r, off->id, off->id_len);
    textn(r, v->text, v->len);
    text(r, kind);
    text(r, v->name);
    text(r, b ? b->description : NULL);
    if (good) {
        int_field(r, b, GOOD_QUANTITY);
        if (r->n && r->cells[r->n - 1].kind == CELL_NULL) /* the default: one */
            r->cells[r->n - 1].kind = CELL_INT, r->cells[r->n - 1].i = 1;
        money(r, first(b, GOOD_UNIT_COST));
        duration(r, first(b, GOOD_REPLACEMENT));
    } else {
        for (int k = 0; k < 6; k++)
            nul(r);
    }
    if (access) {
        ref_id(r, first(b, ACC_RESOURCE));
        str_field(r, b, ACC_TERMS);
        quantity(r, first(b, ACC_QUOTA));
        str_field(r, b, ACC_UNTIL);
    } else {
        for (int k = 0; k < 5; k++)
            nul(r);
    }
    if (action) {
        party(r, first(b, ACT_PERFORMED_BY));
        enum_field(r, b, ACT_TRIGGER);
        duration(r, first(b, ACT_RESPONSE));
        duration(r, first(b, ACT_RESOLUTION));
    } else {
        for (int k = 0; k < 7; k++)
            nul(r);
    }
    emit_row(r);
}

/* A level's value: as written, as a number (percent) or seconds
 * (duration), and the calendar of support hours. */
static void level_value(Row *r, const Val *v)
{
    const Val *in = v->inner;
    const MetricSpec *ms = v->metric;
    FieldType t = ms ? ms->type : FT_STRING;
    if (t == FT_REF && !in->role) /* a calendar: its id */
        textn(r, in->ref->id, in->ref->id_len);
    else
        textn(r, in->text, in->len);
    if (t == FT_PERCENT || t == FT_DECIMAL)
        real(r, in->real, in->text, in->len);
    else
        nul(r);
    if (t == FT_DURATION && !in->business)
        integer(r, (int64_t)in->num);
    else
        nul(r);
    if (t == FT_REF && !in->role)
        textn(r, in->ref->id, in->ref->id_len);
    else
        nul(r);
}

static void offerings(Row *r, const Model *m)
{
    if (begin(r, &t_offerings)) {
        EACH(e, m, DECL_OFFERING) {
            const Node *n = &e->node;
            head(r, e);
            enum_field(r, n, OFF_STATUS);
            text(r, n->description);
            contacts(r, n, OFF_URL);
            place(r, e);
            emit_row(r);
        }
        end(r);
    }
    if (begin(r, &t_offering_services)) {
        EACH(e, m, DECL_OFFERING) {
            int64_t k = 1;
            for (const Val *v = first(&e->node, OFF_SERVICES); v; v = val_next(v)) {
                textn(r, e->id, e->id_len);
                integer(r, k++);
                ref_id(r, v);
                emit_row(r);
            }
        }
        end(r);
    }
    if (begin(r, &t_subscriptions)) {
        EACH(e, m, DECL_OFFERING) {
            int64_t k = 1;
            for (const Val *v = first(&e->node, OFF_CONSUMERS); v; v = val_next(v)) {
                textn(r, e->id, e->id_len);
                integer(r, k++);
                ref_id(r, v);
                emit_row(r);
            }
        }
        end(r);
    }
    if (begin(r, &t_items)) {
        static const struct { size_t row; const char *kind; } kinds[] = {
            {OFF_GOOD, "good"}, {OFF_ACCESS, "access"}, {OFF_ACTION, "action"}};
        EACH(e, m, DECL_OFFERING)
            for (size_t k = 0; k < COUNT(kinds); k++)
                for (const Val *v = first(&e->node, kinds[k].row); v; v = val_next(v))
                    item(r, e, kinds[k].kind, v);
        end(r);
    }
    if (begin(r, &t_levels)) {
        EACH(e, m, DECL_OFFERING) {
            int64_t k = 1;
            for (const Val *v = first(&e->node, OFF_LEVEL); v; v = val_next(v)) {
                textn(r, e->id, e->id_len);
                integer(r, k++);
                textn(r, v->text, v->len);
                level_value(r, v);
                emit_row(r);
            }
        }
        end(r);
    }
    if (begin(r, &t_prices)) {
        EACH(e, m, DECL_OFFERING) {
            int64_t k = 1;
            for (const Val *v = first(&e->node, OFF_PRICE); v; v = val_next(v)) {
                const PriceTerms *t = v->terms;
                textn(r, e->id, e->id_len);
                integer(r, k++);
                if (t->chargeback)
                    nul(r), nul(r), nul(r);
                else
                    money(r, v);
                text(r, t->per);
                if (t->group)
                    textn(r, t->group->id, t->group->id_len);
                else
                    nul(r);
                boolean(r, t->others);
                boolean(r, t->chargeback);
                emit_row(r);
            }
        }
        end(r);
    }
}

static void practices(Row *r, const Model *m)
{
    if (begin(r, &t_practices)) {
        EACH(e, m, DECL_PRACTICE) {
            const Node *n = &e->node;
            head(r, e);
            party(r, first(n, PRA_OWNER));
            party(r, first(n, PRA_MANAGER));
            int_field(r, n, PRA_MATURITY);
            text(r, n->description);
            place(r, e);
            emit_row(r);
        }
        end(r);
    }
    if (begin(r, &t_practitioners)) {
        EACH(e, m, DECL_PRACTICE) {
            int64_t k = 1;
            for (const Val *v = first(&e->node, PRA_PRACTITIONERS); v; v = val_next(v)) {
                textn(r, e->id, e->id_len);
                integer(r, k++);
                party(r, v);
                emit_row(r);
            }
        }
        end(r);
    }
    if (begin(r, &t_frameworks)) {
        EACH(e, m, DECL_FRAMEWORK) {
            const Node *n = &e->node;
            head(r, e);
            str_field(r, n, FW_EDITION);
            str_field(r, n, FW_PUBLISHER);
            enum_field(r, n, FW_EXCLUSIONS);
            text(r, n->description);
            place(r, e);
            emit_row(r);
        }
        end(r);
    }
    if (begin(r, &t_requirements)) {
        EACH(e, m, DECL_REQUIREMENT) {
            const Node *n = &e->node;
            head(r, e);
            ref_id(r, first(n, REQ_FRAMEWORK));
            str_field(r, n, REQ_GROUP);
            str_field(r, n, REQ_CLAUSE);
            enum_field(r, n, REQ_LEVEL);
            enum_field(r, n, REQ_CYCLE);
            text(r, n->description);
            place(r, e);
            emit_row(r);
        }
        end(r);
    }
    if (begin(r, &t_assessments)) {
        EACH(e, m, DECL_PRACTICE) {
            int64_t k = 1;
            for (const Val *v = first(&e->node, PRA_SATISFIES); v; v = val_next(v)) {
                const Node *b = v->block;
                textn(r, e->id, e->id_len);
                integer(r, k++);
                ref_id(r, v);
                enum_field(r, b, ASM_STATUS);
                str_field(r, b, ASM_JUSTIFICATION);
                str_field(r, b, ASM_ASSESSED);
                ref_id(r, first(b, ASM_ASSESSOR));
                int_field(r, b, ASM_MATURITY);
                int_field(r, b, ASM_TARGET);
                emit_row(r);
            }
        }
        end(r);
    }
    if (begin(r, &t_actions)) {
        EACH(e, m, DECL_PRACTICE) {
            int64_t k = 1;
            for (const Val *v = first(&e->node, PRA_SATISFIES); v; v = val_next(v), k++) {
                int64_t pos = 1;
                for (const Val *a = first(v->block, ASM_ACTION); a; a = val_next(a)) {
                    const Node *b = a->block;
                    textn(r, e->id, e->id_len);
                    integer(r, k);
                    integer(r, pos++);
                    ref_id(r, v);
                    textn(r, a->text, a->len);
                    text(r, a->name);
                    text(r, b ? b->description : NULL);
                    party(r, first(b, IMP_OWNER));
                    str_field(r, b, IMP_DUE);
                    str_field(r, b, IMP_DONE);
                    emit_row(r);
                }
            }
        }
        end(r);
    }
}

static void tags(Row *r, const Model *m)
{
    if (!begin(r, &t_tags))
        return;
    static const struct { DeclKind kind; size_t row; } tagged[] = {
        {DECL_SERVICE, SVC_TAGS}, {DECL_OFFERING, OFF_TAGS}};
    for (size_t k = 0; k < COUNT(tagged); k++)
        EACH(e, m, tagged[k].kind) {
            int64_t pos = 1;
            for (const Val *v = first(&e->node, tagged[k].row); v; v = val_next(v)) {
                text(r, decl_kind_name(tagged[k].kind));
                textn(r, e->id, e->id_len);
                integer(r, pos++);
                textn(r, v->text, v->len);
                emit_row(r);
            }
        }
    end(r);
}

bool export_tables(Compiler *c, const Model *m, const TableSink *sink)
{
    Row r = {.c = c, .sink = sink, .ok = true};
    catalogue(&r, m);
    teams_people(&r, m);
    consumers(&r, m);
    services(&r, m);
    resources_suppliers(&r, m);
    offerings(&r, m);
    practices(&r, m);
    tags(&r, m);
    return r.ok;
}
