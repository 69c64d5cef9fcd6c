/* schema.c — the field tables of spec section 6. */
#include "schema.h"

#include <string.h>

const char *const level_words[] = {"low", "medium", "high", NULL};

static const char *const service_types[] = {"business", "technical", "enabling", NULL};
static const char *const statuses[] = {"pipeline", "live", "retired", NULL};
static const char *const resource_kinds[] = {"application", "infrastructure", "facility",
                                             "information", "licence", "other", NULL};
static const char *const strengths[] = {"hard", "soft", NULL};
static const char *const variability_sources[] = {"people", "process", "demand", "technology",
                                                  "supplier", NULL};
static const char *const participations[] = {"none", "self_service", "co_production",
                                             "in_person", NULL};
static const char *const channels[] = {"portal", "phone", "email", "chat", "walk_in", "on_site",
                                       "api", NULL};
static const char *const unused_capacities[] = {"lost", "partly_recoverable", NULL};
static const char *const triggers[] = {"request", "incident", "schedule", "event", NULL};
static const char *const requirement_levels[] = {"shall", "should", NULL};
static const char *const agreement_types[] = {"sla", "ola", "underpinning", NULL};
static const char *const assessment_statuses[] = {"met", "partial", "planned", "gap", "not_applicable",
                                                  NULL};
static const char *const exclusion_rules[] = {"allowed", "none", NULL};
static const char *const cycle_phases[] = {"plan", "do", "check", "act", NULL};
static const char *const request_channels[] = {"portal", "form", "email", "phone", "walk_in", "chat",
                                               NULL};

#define K(kind) KIND_BIT(DECL_##kind)
#define ROWS(fields) (sizeof fields / sizeof fields[0])
#define TABLE(var, fields, what, misplaced) const Schema var = {what, fields, ROWS(fields), misplaced}
#define STATIC_TABLE(name, what, misplaced) static TABLE(name, name##_fields, what, misplaced)

/* Rows: name, type, flags, words, ref kinds, block, default, min, max.
 * The order of rows is the order of the index enums in schema.h. */
#define STRING(n, f) {n, FT_STRING, f, NULL, 0, NULL, NULL, 0, 0}
#define DESCRIPTION STRING("description", 0)
#define NAME STRING("name", 0)
#define ENUM(n, f, w, d) {n, FT_ENUM, f, w, 0, NULL, d, 0, 0}
#define REF(n, f, kinds) {n, FT_REF, f, NULL, kinds, NULL, NULL, 0, 0}

/* The warnings' codes, for 'allow'. */
#define DIAG_ERROR(id)
#define DIAG_WARNING(id) #id,
static const char *const warning_codes[] = {
#define DIAG(id, sev, summary) DIAG_##sev(id)
#include "diag_codes.def"
#undef DIAG
    NULL,
};
const char *const *const schema_warning_codes = warning_codes;
/* Warnings accepted in a declaration: the last row of every kind. */
#define ALLOW {"allow", FT_ENUM, F_LIST, warning_codes, 0, NULL, NULL, 0, 0}
/* How to reach who a declaration is or what it offers: rows *_URL on. */
#define CONTACTS                                                                                   \
    STRING("url", F_URL), {"links", FT_LINK, F_LIST, NULL, 0, NULL, NULL, 0, 0},                   \
        STRING("email", F_EMAIL), STRING("phone", F_PHONE), STRING("location", 0)
/* Related declarations handled elsewhere: never a dependency. */
#define SEE_ALSO REF("see_also", F_LIST, K(SERVICE) | K(OFFERING))

static const FieldSpec catalogue_fields[] = {
    STRING("version", F_REQUIRED),
    REF("provider", F_REQUIRED | F_ORG, K(TEAM)), /* a team, or an organisation's name in quotes */
    STRING("contact", 0),
    REF("targets", F_LIST, K(FRAMEWORK)),   /* the frameworks it assesses itself against */
    STRING("scope", 0),                     /* what the assessment covers, as a statement */
    {"reassess_after", FT_DURATION, F_NONZERO, NULL, 0, NULL, NULL, 0, 0}, /* 365d when not given */
    DESCRIPTION, NAME, ALLOW,
};
STATIC_TABLE(catalogue, "catalogue", NULL);

/* A party: a person or a team, or a role as people name it. */
#define PARTY(n) {n, FT_REF, F_ROLE, NULL, K(PERSON) | K(TEAM), NULL, NULL, 0, 0}

/* ITIL 4's three roles of a consumer: the customer agrees the service, the
 * users use it, the sponsor pays for it. */
static const FieldSpec consumer_fields[] = {
    {"size", FT_INT, F_POSITIVE, NULL, 0, NULL, NULL, 0, 0}, STRING("contact", 0),
    PARTY("customer"), STRING("users", 0), PARTY("sponsor"), CONTACTS, DESCRIPTION, NAME, ALLOW,
};
STATIC_TABLE(consumer, "consumer", NULL);

static const FieldSpec team_fields[] = {
    REF("lead", 0, K(PERSON)), CONTACTS, DESCRIPTION, NAME, ALLOW,
};
STATIC_TABLE(team, "team", NULL);

static const FieldSpec person_fields[] = {
    REF("team", 0, K(TEAM)), STRING("title", 0), CONTACTS, DESCRIPTION, NAME, ALLOW,
};
STATIC_TABLE(person, "person", NULL);

/* The block of a depends_on (a service's, a resource's). */
static const FieldSpec dependency_fields[] = {
    ENUM("strength", 0, strengths, "hard"), STRING("reason", 0),
};
STATIC_TABLE(dependency, "depends_on", NULL);

static const FieldSpec resource_fields[] = {
    ENUM("kind", 0, resource_kinds, NULL),
    {"capacity", FT_QUANTITY, F_POSITIVE, NULL, 0, NULL, NULL, 0, 0},
    REF("owner", 0, K(TEAM) | K(PERSON)),
    {"depends_on", FT_REF, F_LIST, NULL, K(SUPPLIER), &dependency, NULL, 0, 0},
    DESCRIPTION, NAME, ALLOW,
};
STATIC_TABLE(resource, "resource", NULL);

/* An external party services and resources depend on. */
static const FieldSpec supplier_fields[] = {
    REF("owner", 0, K(TEAM) | K(PERSON)), /* who manages the relationship */
    STRING("contract", 0),                /* the contract's reference */
    STRING("renewal", F_DATE),
    CONTACTS, DESCRIPTION, NAME, ALLOW,
};
STATIC_TABLE(supplier, "supplier", NULL);

/* Weekly hours in a time zone, with the days it is closed: support
 * hours, and what business time is counted in. */
static const FieldSpec calendar_fields[] = {
    STRING("zone", F_ZONE),
    {"hours", FT_HOURS, F_REQUIRED | F_LIST, NULL, 0, NULL, NULL, 0, 0},
    {"closed", FT_LINK, F_LIST | F_DATE, NULL, 0, NULL, NULL, 0, 0},
    DESCRIPTION, NAME, ALLOW,
};
STATIC_TABLE(calendar, "calendar", NULL);

/* An SLA (with a consumer group), an OLA (between teams) or an
 * underpinning contract (with a supplier): who provides what to whom, at
 * which levels, from when, reviewed when. */
static const FieldSpec agreement_fields[] = {
    ENUM("type", F_REQUIRED, agreement_types, NULL),
    REF("provider", F_REQUIRED, K(TEAM) | K(PERSON) | K(SUPPLIER)),
    REF("customer", 0, K(CONSUMER) | K(TEAM) | K(PERSON)),
    REF("covers", F_REQUIRED | F_LIST, K(OFFERING) | K(SERVICE)),
    {"level", FT_METRIC, F_LIST, NULL, 0, NULL, NULL, 0, 0},
    STRING("start", F_DATE),
    STRING("review", F_DATE),
    DESCRIPTION, NAME, ALLOW,
};
STATIC_TABLE(agreement, "agreement", NULL);

static const FieldSpec intangibility_fields[] = {
    STRING("rationale", 0), STRING("tangible_evidence", F_LIST),
};
STATIC_TABLE(intangibility, "intangibility", NULL);

static const FieldSpec heterogeneity_fields[] = {
    STRING("rationale", 0), ENUM("sources", F_LIST, variability_sources, NULL),
    STRING("standardised_by", F_LIST),
};
STATIC_TABLE(heterogeneity, "heterogeneity", NULL);

static const FieldSpec inseparability_fields[] = {
    STRING("rationale", 0), ENUM("participation", 0, participations, NULL),
    ENUM("channels", F_LIST, channels, NULL),
};
STATIC_TABLE(inseparability, "inseparability", NULL);

static const FieldSpec perishability_fields[] = {
    STRING("rationale", 0), {"capacity", FT_QUANTITY, F_POSITIVE, NULL, 0, NULL, NULL, 0, 0},
    ENUM("unused_capacity", 0, unused_capacities, NULL), STRING("demand_management", F_LIST),
};
STATIC_TABLE(perishability, "perishability", NULL);

/* Expected, not required: a service that leaves one out gets W0405. */
#define CHARACTERISTIC(n, block) {n, FT_CHARACTERISTIC, F_STATED, level_words, 0, &block, NULL, 0, 0}

static const FieldSpec service_fields[] = {
    ENUM("type", F_REQUIRED, service_types, NULL),
    ENUM("status", F_REQUIRED, statuses, NULL),
    REF("owner", F_REQUIRED, K(TEAM) | K(PERSON)),
    STRING("outcome", F_LIST),
    STRING("removes_cost", F_LIST),
    STRING("removes_risk", F_LIST),
    REF("supported_by", F_LIST, K(PRACTICE)),
    {"depends_on", FT_REF, F_LIST, NULL, K(SERVICE) | K(SUPPLIER), &dependency, NULL, 0, 0},
    SEE_ALSO,
    {"availability", FT_PERCENT, 0, NULL, 0, NULL, NULL, 0, 0},
    CHARACTERISTIC("intangibility", intangibility),
    CHARACTERISTIC("heterogeneity", heterogeneity),
    CHARACTERISTIC("inseparability", inseparability),
    CHARACTERISTIC("perishability", perishability),
    CONTACTS,
    STRING("tags", F_LIST),
    DESCRIPTION,
    NAME, ALLOW,
};
TABLE(schema_service, service_fields, "service", NULL);

/* Items of an offering. */
static const char *const good_misplaced[] = {
    "terms", "ownership of a good passes to the consumer; terms belong to an 'access'",
    "until", "ownership of a good passes to the consumer; a period belongs to an 'access'",
    "resource", "a good is handed over, not lent; to give use of a resource, write an 'access'",
    NULL,
};

static const FieldSpec good_fields[] = {
    {"quantity", FT_INT, F_POSITIVE, NULL, 0, NULL, "1", 0, 0},
    {"unit_cost", FT_MONEY, 0, NULL, 0, NULL, NULL, 0, 0},
    {"replacement", FT_DURATION, F_NONZERO, NULL, 0, NULL, NULL, 0, 0},
    DESCRIPTION,
};
STATIC_TABLE(good, "good", good_misplaced);

static const FieldSpec access_fields[] = {
    REF("resource", F_REQUIRED, K(RESOURCE)),
    STRING("terms", F_REQUIRED),
    {"quota", FT_QUANTITY, F_POSITIVE, NULL, 0, NULL, NULL, 0, 0},
    STRING("until", 0),
    DESCRIPTION,
};
STATIC_TABLE(access, "access", NULL);

static const FieldSpec action_fields[] = {
    REF("performed_by", F_REQUIRED, K(TEAM) | K(PERSON)),
    ENUM("trigger", F_REQUIRED, triggers, NULL),
    {"response", FT_DURATION, F_NONZERO | F_BUSINESS, NULL, 0, NULL, NULL, 0, 0},
    {"resolution", FT_DURATION, F_NONZERO | F_BUSINESS, NULL, 0, NULL, NULL, 0, 0},
    DESCRIPTION,
};
STATIC_TABLE(action, "action", NULL);

#define ITEM(n, block) {n, FT_ITEM, F_LIST, NULL, 0, &block, NULL, 0, 0}

/* How an offering is obtained. */
static const FieldSpec request_fields[] = {
    ENUM("channels", F_LIST, request_channels, NULL),
    STRING("form", F_URL),
    STRING("email", F_EMAIL),
    STRING("phone", F_PHONE),
    PARTY("approval"),
    {"lead_time", FT_DURATION, F_BUSINESS, NULL, 0, NULL, NULL, 0, 0},
};
STATIC_TABLE(request, "request", NULL);

static const FieldSpec offering_fields[] = {
    REF("services", F_REQUIRED | F_LIST, K(SERVICE)),
    REF("consumers", F_REQUIRED | F_LIST, K(CONSUMER)),
    ENUM("status", 0, statuses, "live"),
    ITEM("good", good),
    ITEM("access", access),
    ITEM("action", action),
    {"level", FT_METRIC, F_LIST, NULL, 0, NULL, NULL, 0, 0},
    {"price", FT_PRICE, F_LIST, NULL, K(CONSUMER), NULL, NULL, 0, 0}, /* ref_kinds: 'for' */
    REF("bundles", F_LIST, K(OFFERING)),
    SEE_ALSO,
    REF("eligible", F_LIST, K(CONSUMER)),
    {"request", FT_BLOCK, 0, NULL, 0, &request, NULL, 0, 0},
    REF("prerequisites", F_LIST, K(OFFERING) | K(SERVICE)),
    CONTACTS,
    STRING("tags", F_LIST),
    DESCRIPTION,
    NAME, ALLOW,
};
TABLE(schema_offering, offering_fields, "offering", NULL);

/* An improvement action of an assessment: `action ID "what" { owner; due }`. */
static const FieldSpec improvement_fields[] = {
    REF("owner", 0, K(PERSON) | K(TEAM)),
    STRING("due", F_DATE),
    STRING("done", F_DATE),                 /* when it was carried out */
    DESCRIPTION,
};
STATIC_TABLE(improvement, "improvement action", NULL);

/* How well a practice meets a requirement: the block of `satisfies`. */
static const FieldSpec assessment_fields[] = {
    ENUM("status", 0, assessment_statuses, NULL),
    STRING("justification", 0),             /* why a requirement does not apply */
    STRING("evidence", F_LIST),
    {"links", FT_LINK, F_LIST | F_URL, NULL, 0, NULL, NULL, 0, 0},
    STRING("assessed", F_DATE),
    REF("assessor", 0, K(PERSON)),
    {"maturity", FT_INT, F_RANGE, NULL, 0, NULL, NULL, 0, 5},
    {"target", FT_INT, F_RANGE, NULL, 0, NULL, NULL, 0, 5},
    {"action", FT_ITEM, F_LIST, NULL, 0, &improvement, NULL, 0, 0},
};
STATIC_TABLE(assessment, "assessment", NULL);

static const FieldSpec practice_fields[] = {
    {"satisfies", FT_REF, F_LIST, NULL, K(REQUIREMENT), &assessment, NULL, 0, 0},
    REF("owner", F_REQUIRED, K(PERSON) | K(TEAM)),
    REF("manager", 0, K(PERSON) | K(TEAM)),
    REF("practitioners", F_LIST, K(TEAM) | K(PERSON)),
    {"maturity", FT_INT, F_RANGE, NULL, 0, NULL, NULL, 1, 5},
    DESCRIPTION,
    NAME, ALLOW,
};
STATIC_TABLE(practice, "practice", NULL);

static const FieldSpec framework_fields[] = {
    STRING("edition", 0), STRING("publisher", 0),
    ENUM("exclusions", 0, exclusion_rules, "allowed"), /* may a requirement be not_applicable? */
    DESCRIPTION, NAME, ALLOW,
};
STATIC_TABLE(framework, "framework", NULL);

/* One pair of a crosswalk: `maps A { to B; reason "…" }`. */
static const FieldSpec mapping_fields[] = {
    REF("to", F_REQUIRED, K(REQUIREMENT)),
    STRING("reason", F_REQUIRED),
};
STATIC_TABLE(mapping, "mapping", NULL);

/* Which requirements of one framework address which of another. */
static const FieldSpec crosswalk_fields[] = {
    {"maps", FT_REF, F_LIST | F_REQUIRED, NULL, K(REQUIREMENT), &mapping, NULL, 0, 0},
    DESCRIPTION, NAME, ALLOW,
};
STATIC_TABLE(crosswalk, "crosswalk", NULL);

static const FieldSpec requirement_fields[] = {
    REF("framework", F_REQUIRED, K(FRAMEWORK)),
    STRING("group", 0),
    STRING("clause", 0),
    ENUM("level", 0, requirement_levels, NULL),
    ENUM("cycle", 0, cycle_phases, NULL),   /* its phase of plan-do-check-act */
    DESCRIPTION,
    NAME, ALLOW,
};
STATIC_TABLE(requirement, "requirement", NULL);

/* A diagram kept in the catalogue: where it starts, how far it goes, what
 * it shows and how it is laid out (docs/graphs.md). */
static const char *const view_directions[] = {"down", "up", "both", NULL};
static const char *const view_with[] = {"offerings", "consumers", NULL};
static const char *const view_hide[] = {"suppliers", "related", NULL};
static const char *const view_clusters[] = {"owner", "none", NULL};
static const char *const view_layouts[] = {"auto", "down", "right", "up", "left", NULL};
static const FieldSpec view_fields[] = {
    REF("start", F_LIST, K(SERVICE) | K(OFFERING) | K(TEAM) | K(PERSON) | K(CONSUMER)),
    STRING("tagged", F_LIST),               /* start from the services with one of these tags */
    {"depth", FT_INT, F_RANGE, NULL, 0, NULL, "1", 0, 100},
    ENUM("direction", 0, view_directions, "both"),
    ENUM("with", F_LIST, view_with, NULL),
    ENUM("hide", F_LIST, view_hide, NULL),
    ENUM("type", F_LIST, service_types, NULL), /* filters: services drawn */
    ENUM("status", F_LIST, statuses, NULL),
    REF("owner", F_LIST, K(TEAM) | K(PERSON)),
    STRING("tags", F_LIST),
    ENUM("cluster", 0, view_clusters, "none"),
    ENUM("layout", 0, view_layouts, "auto"),
    DESCRIPTION, NAME, ALLOW,
};
STATIC_TABLE(view, "view", NULL);

/* The index enums must follow the tables; a node's rows fit in 64 bits
 * (Node.present). */
_Static_assert(SVC__N <= 64 && OFF__N <= 64 && PRA__N <= 64, "rows fit Node.present");
_Static_assert(ROWS(catalogue_fields) == CAT__N, "catalogue rows");
_Static_assert(ROWS(consumer_fields) == CON__N, "consumer rows");
_Static_assert(ROWS(team_fields) == TEAM__N, "team rows");
_Static_assert(ROWS(person_fields) == PER__N, "person rows");
_Static_assert(ROWS(resource_fields) == RES__N, "resource rows");
_Static_assert(ROWS(supplier_fields) == SUP__N, "supplier rows");
_Static_assert(ROWS(agreement_fields) == AGR__N, "agreement rows");
_Static_assert(ROWS(calendar_fields) == CAL__N, "calendar rows");
_Static_assert(ROWS(service_fields) == SVC__N, "service rows");
_Static_assert(ROWS(offering_fields) == OFF__N, "offering rows");
_Static_assert(ROWS(practice_fields) == PRA__N, "practice rows");
_Static_assert(ROWS(framework_fields) == FW__N, "framework rows");
_Static_assert(ROWS(requirement_fields) == REQ__N, "requirement rows");
_Static_assert(ROWS(dependency_fields) == DEP__N, "dependency rows");
_Static_assert(ROWS(intangibility_fields) == INT__N, "intangibility rows");
_Static_assert(ROWS(heterogeneity_fields) == HET__N, "heterogeneity rows");
_Static_assert(ROWS(inseparability_fields) == INS__N, "inseparability rows");
_Static_assert(ROWS(perishability_fields) == PERI__N, "perishability rows");
_Static_assert(ROWS(good_fields) == GOOD__N, "good rows");
_Static_assert(ROWS(access_fields) == ACC__N, "access rows");
_Static_assert(ROWS(action_fields) == ACT__N, "action rows");
_Static_assert(ROWS(request_fields) == RQ__N, "request rows");
_Static_assert(ROWS(assessment_fields) == ASM__N, "assessment rows");
_Static_assert(ROWS(crosswalk_fields) == XW__N && ROWS(mapping_fields) == MAP__N, "crosswalk rows");
_Static_assert(ROWS(improvement_fields) == IMP__N, "improvement rows");
_Static_assert(ROWS(view_fields) == VIEW__N, "view rows");
_Static_assert(SVC_SEE_ALSO == SVC_DEPENDS_ON + 1 && OFF_SEE_ALSO == OFF_BUNDLES + 1, "see_also rows");

const MetricSpec metric_specs[] = {
    [MET_AVAILABILITY] = {"availability", FT_PERCENT, 0, 0},
    [MET_SUPPORT_HOURS] = {"support_hours", FT_REF, F_TEXT, K(CALENDAR)},
    [MET_RESPONSE] = {"response", FT_DURATION, F_NONZERO | F_BUSINESS, 0},
    [MET_RESOLUTION] = {"resolution", FT_DURATION, F_NONZERO | F_BUSINESS, 0},
    [MET_SATISFACTION] = {"satisfaction", FT_PERCENT, 0, 0},
};
const size_t metric_count = sizeof metric_specs / sizeof metric_specs[0];

/* What each field means, for editors (svcc lsp's hover and completion):
 * "WHAT.field" for a field of one schema, "field" for the others. */
static const struct {
    const char *key, *doc;
} field_docs[] = {
    {"catalogue.version", "The catalogue's version, as its authors number it."},
    {"catalogue.provider", "Who provides the services: a team, or an organisation's name in quotes."},
    {"catalogue.contact", "How to reach the catalogue's authors."},
    {"targets", "The frameworks the catalogue assesses itself against (svcc report)."},
    {"scope", "What the assessment covers, as a statement."},
    {"reassess_after", "How old an assessment may grow before it is stale (W1002); 365d when not given."},
    {"description", "What it is, in prose (or a /// doc comment above the declaration, not both)."},
    {"name", "Its display name (or the string after the id, not both)."},
    {"allow", "Warnings accepted in this declaration: allow W0201."},
    {"url", "A web page (or mailto:) where people reach it."},
    {"links", "Named links: links docs \"https://…\", status \"https://…\"."},
    {"email", "An e-mail address."},
    {"phone", "A phone number."},
    {"location", "Where to find it: a building, a room, a desk."},
    {"tags", "Free labels, for filters and views."},
    {"size", "How many people the consumer group counts."},
    {"customer", "Who agrees the service for the group: a person, a team, or a role in quotes."},
    {"users", "Who uses the service, in words."},
    {"sponsor", "Who pays for the service: a person, a team, or a role in quotes."},
    {"lead", "The person who leads the team."},
    {"team", "The team the person belongs to."},
    {"title", "The person's job title."},
    {"resource.kind", "What sort of resource it is."},
    {"capacity", "How much of it there is: a number and its unit."},
    {"owner", "Who is accountable for it: a team or a person."},
    {"resource.depends_on", "The suppliers the resource relies on."},
    {"supplier.owner", "Who manages the relationship with the supplier."},
    {"contract", "The contract's reference."},
    {"renewal", "When the contract is renewed: YYYY-MM-DD."},
    {"zone", "The IANA time zone of the hours (\"Europe/London\"); none: the local time of whoever is served."},
    {"hours", "The periods it is open: mon-fri 08:30-17:30, or 24x7."},
    {"closed", "Days it is closed: a name and a date."},
    {"agreement.type", "sla: with a consumer group; ola: between teams; underpinning: with a supplier."},
    {"agreement.provider", "Who commits to the levels."},
    {"agreement.customer", "Who the levels are committed to."},
    {"covers", "The offerings and services the agreement covers."},
    {"level", "A service level: a metric and its target (availability 99.9%, response 4h)."},
    {"start", "The day it starts (agreement) or the services a view starts from."},
    {"review", "The day it is next reviewed: YYYY-MM-DD."},
    {"service.type", "business: consumers see it; technical: other services stand on it; enabling: it helps the others."},
    {"status", "pipeline: not offered yet; live: offered; retired: no longer offered."},
    {"outcome", "What consumers get from it, as an outcome."},
    {"removes_cost", "A cost it takes away from its consumers."},
    {"removes_risk", "A risk it takes away from its consumers."},
    {"supported_by", "The practices that support it."},
    {"depends_on", "What it needs to work: services and suppliers; hard (the default) or soft in a block."},
    {"see_also", "Related services and offerings, never a dependency."},
    {"availability", "The availability it delivers, as a percentage."},
    {"intangibility", "How little of it can be seen or held before it is used (IHIP)."},
    {"heterogeneity", "How much it varies from one delivery to the next (IHIP)."},
    {"inseparability", "How much it is produced while it is consumed (IHIP)."},
    {"perishability", "How much unused capacity is lost (IHIP)."},
    {"services", "The services the offering is made of."},
    {"consumers", "The consumer groups it is offered to."},
    {"good", "A good: its ownership passes to the consumer."},
    {"access", "Access to a resource: it stays the provider's, used on agreed terms."},
    {"action", "A service action: work the provider performs."},
    {"price", "What it costs: an amount and currency, per what and for whom; or chargeback."},
    {"bundles", "Offerings this one includes."},
    {"eligible", "The consumer groups that may request it, when not all."},
    {"request", "How to request it: channels, form, approval, lead time."},
    {"prerequisites", "What a consumer must have first."},
    {"satisfies", "The requirements the practice satisfies, each with its assessment."},
    {"practice.owner", "The practice owner."},
    {"manager", "The practice manager."},
    {"practitioners", "The teams and people who carry the practice out."},
    {"maturity", "The practice's maturity, 1 to 5."},
    {"edition", "The framework's edition."},
    {"publisher", "Who publishes the framework."},
    {"exclusions", "Whether a requirement may be assessed not_applicable."},
    {"maps", "A requirement of one framework, mapped to one of another."},
    {"to", "The requirement it maps to."},
    {"reason", "Why."},
    {"framework", "The framework the requirement is part of."},
    {"group", "The requirement's group, as the framework groups them."},
    {"clause", "The framework's clause."},
    {"requirement.level", "shall: required; should: recommended."},
    {"cycle", "Its phase of plan-do-check-act."},
    {"strength", "hard: it fails when what it depends on fails; soft: it degrades."},
    {"rationale", "Why this level."},
};

const char *schema_field_doc(const Schema *s, const char *name)
{
    size_t wlen = s ? strlen(s->what) : 0, n = strlen(name);
    for (size_t i = 0; s && i < sizeof field_docs / sizeof *field_docs; i++) {
        const char *k = field_docs[i].key;
        if (strncmp(k, s->what, wlen) == 0 && k[wlen] == '.' && strcmp(k + wlen + 1, name) == 0)
            return field_docs[i].doc;
    }
    for (size_t i = 0; i < sizeof field_docs / sizeof *field_docs; i++)
        if (strncmp(field_docs[i].key, name, n) == 0 && field_docs[i].key[n] == '\0')
            return field_docs[i].doc;
    return NULL;
}

const Schema *schema_of(DeclKind kind)
{
    switch (kind) {
    case DECL_CATALOGUE: return &catalogue;
    case DECL_SERVICE: return &schema_service;
    case DECL_OFFERING: return &schema_offering;
    case DECL_CONSUMER: return &consumer;
    case DECL_TEAM: return &team;
    case DECL_PERSON: return &person;
    case DECL_RESOURCE: return &resource;
    case DECL_PRACTICE: return &practice;
    case DECL_FRAMEWORK: return &framework;
    case DECL_REQUIREMENT: return &requirement;
    case DECL_SUPPLIER: return &supplier;
    case DECL_AGREEMENT: return &agreement;
    case DECL_CALENDAR: return &calendar;
    case DECL_CROSSWALK: return &crosswalk;
    case DECL_VIEW: return &view;
    case DECL_TEMPLATE:
    case DECL__COUNT: break;
    }
    return NULL;
}

static const Schema *const all_schemas[] = {
    &catalogue, &consumer, &team, &person, &resource, &dependency, &intangibility,
    &heterogeneity, &inseparability, &perishability, &schema_service, &good, &access, &action,
    &schema_offering, &practice, &framework, &requirement, &supplier, &request, &agreement,
    &calendar, &assessment, &improvement, &crosswalk, &mapping, &view,
};

bool schema_any_field(const char *name, size_t len)
{
    return schema_owners(name, len, NULL, 0) > 0;
}

size_t schema_owners(const char *name, size_t len, const char **whats, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < sizeof all_schemas / sizeof all_schemas[0]; i++)
        if (schema_field(all_schemas[i], name, len, NULL)) {
            if (n < max)
                whats[n] = all_schemas[i]->what;
            n++;
        }
    return n;
}

const FieldSpec *schema_field(const Schema *s, const char *name, size_t len, size_t *index)
{
    for (size_t i = 0; i < s->nfields; i++) {
        const char *f = s->fields[i].name; /* a word of LEN bytes, no strlen: this runs per statement */
        if (f[0] == name[0] && strncmp(f, name, len) == 0 && f[len] == '\0') {
            if (index)
                *index = i;
            return &s->fields[i];
        }
    }
    return NULL;
}
