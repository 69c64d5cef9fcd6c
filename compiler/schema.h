/* schema.h — what each kind of declaration and nested item may hold.
 *
 * One table per declaration kind and per nested item (the four IHIP
 * characteristics, a dependency's block, good / access / action).  Each
 * row is one field: its name, the type of its values, whether it is
 * required or repeatable, its default, and the schema of its block if it
 * takes one.  The checker (sema_fields.c) is driven by these tables alone;
 * emitters read the checked values back by the row indexes below.
 */
#ifndef SVCC_SCHEMA_H
#define SVCC_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"

typedef enum FieldType {
    FT_STRING,
    FT_INT,
    FT_DECIMAL,
    FT_PERCENT,
    FT_DURATION,
    FT_QUANTITY,
    FT_MONEY,
    FT_ENUM,       /* one word of spec->words */
    FT_REF,        /* a name resolving to a declaration of spec->ref_kinds */
    FT_CHARACTERISTIC, /* LEVEL [ { block } ] */
    FT_ITEM,       /* ID [ "Name" ] [ { block } ] — offering items */
    FT_METRIC,     /* METRIC VALUE — service levels */
    FT_PRICE,      /* AMOUNT CODE [ per UNIT … ] */
    FT_LINK,       /* NAME "URL" — a named link: docs "https://…" */
    FT_BLOCK,      /* { block } alone, no value: request { … } */
    FT_HOURS,      /* [DAYS] FROM-TO, or 24x7 — a calendar's periods */
} FieldType;

enum {
    F_REQUIRED = 1 << 0,
    F_LIST = 1 << 1,      /* [T]: comma lists; the field may repeat and lists join */
    F_POSITIVE = 1 << 2,  /* int or quantity above zero */
    F_RANGE = 1 << 3,     /* int within [min, max] */
    F_NONZERO = 1 << 4,   /* a duration that is a time: not zero */
    F_STATED = 1 << 5,    /* expected, not required: one warning (W0405) lists those left out */
    F_URL = 1 << 6,       /* a string that is an http, https or mailto URL (E0706) */
    F_EMAIL = 1 << 7,     /* a string that is an e-mail address (E0706) */
    F_PHONE = 1 << 8,     /* a string that is a phone number (E0706) */
    F_DATE = 1 << 9,      /* a string that is a date, YYYY-MM-DD (E0707) */
    F_ROLE = 1 << 10,     /* FT_REF: or a string, a role named as people say it ("department head") */
    F_ZONE = 1 << 11,     /* a string that is an IANA time zone name (E0709) */
    F_BUSINESS = 1 << 12, /* a duration that may be business time: 2 business days [in CALENDAR] */
    F_TEXT = 1 << 13,     /* FT_REF: or a string kept as written, with a warning (support hours) */
    F_ORG = 1 << 14,      /* FT_REF: or a string, the name of an organisation declared nowhere
                           * (a catalogue's provider) */
};

typedef struct Schema Schema;

typedef struct FieldSpec {
    const char *name;
    FieldType type;
    unsigned flags;
    const char *const *words;  /* FT_ENUM: the allowed words, NULL-terminated */
    unsigned ref_kinds;        /* FT_REF: bit (1 << DeclKind) per kind allowed */
    const Schema *block;       /* the block this field may take, or NULL */
    const char *dflt;          /* default value as written, or NULL */
    int min, max;              /* F_RANGE */
} FieldSpec;

struct Schema {
    const char *what;          /* "service", "good", "intangibility", … */
    const FieldSpec *fields;
    size_t nfields;
    /* Fields that this schema does not take but another one does, with
     * the hint to give (a good's terms: use an access). */
    const char *const *misplaced;   /* NULL-terminated pairs: field, hint */
};

/* The schema of a declaration kind (templates: NULL, see sema.c). */
const Schema *schema_of(DeclKind kind);
const FieldSpec *schema_field(const Schema *s, const char *name, size_t len, size_t *index);
/* What field NAME of S means, in a sentence (for editors), or NULL. */
const char *schema_field_doc(const Schema *s, const char *name);
/* Whether NAME is a field of any schema. */
bool schema_any_field(const char *name, size_t len);
/* How many schemas have the field NAME; the first MAX of their names
 * ("team", "access", …) in *WHATS, in a fixed order. */
size_t schema_owners(const char *name, size_t len, const char **whats, size_t max);

/* Row indexes, in table order (schema.c checks the order at compile time). */
/* The contact rows (url, links, email, phone, location) follow each other
 * in every kind that has them, from its *_URL row. */
enum { CONTACT_URL, CONTACT_LINKS, CONTACT_EMAIL, CONTACT_PHONE, CONTACT_LOCATION, CONTACT__N };
enum {
    CAT_VERSION, CAT_PROVIDER, CAT_CONTACT, CAT_TARGETS, CAT_SCOPE, CAT_REASSESS_AFTER,
    CAT_DESCRIPTION, CAT_NAME, CAT_ALLOW, CAT__N
};
enum {
    CON_SIZE, CON_CONTACT, CON_CUSTOMER, CON_USERS, CON_SPONSOR, CON_URL,
    CON_DESCRIPTION = CON_URL + CONTACT__N, CON_NAME, CON_ALLOW, CON__N
};
enum { TEAM_LEAD, TEAM_URL, TEAM_DESCRIPTION = TEAM_URL + CONTACT__N, TEAM_NAME, TEAM_ALLOW, TEAM__N };
enum { PER_TEAM, PER_TITLE, PER_URL, PER_DESCRIPTION = PER_URL + CONTACT__N, PER_NAME, PER_ALLOW, PER__N };
enum { RES_KIND, RES_CAPACITY, RES_OWNER, RES_DEPENDS_ON, RES_DESCRIPTION, RES_NAME, RES_ALLOW, RES__N };
enum {
    SUP_OWNER, SUP_CONTRACT, SUP_RENEWAL, SUP_URL, SUP_DESCRIPTION = SUP_URL + CONTACT__N, SUP_NAME, SUP_ALLOW,
    SUP__N
};
enum { CAL_ZONE, CAL_HOURS, CAL_CLOSED, CAL_DESCRIPTION, CAL_NAME, CAL_ALLOW, CAL__N };
enum {
    AGR_TYPE, AGR_PROVIDER, AGR_CUSTOMER, AGR_COVERS, AGR_LEVEL, AGR_START, AGR_REVIEW,
    AGR_DESCRIPTION, AGR_NAME, AGR_ALLOW, AGR__N
};
enum {
    SVC_TYPE, SVC_STATUS, SVC_OWNER, SVC_OUTCOME, SVC_REMOVES_COST, SVC_REMOVES_RISK,
    SVC_SUPPORTED_BY, SVC_DEPENDS_ON, SVC_SEE_ALSO, SVC_AVAILABILITY, SVC_INTANGIBILITY,
    SVC_HETEROGENEITY, SVC_INSEPARABILITY, SVC_PERISHABILITY, SVC_URL,
    SVC_TAGS = SVC_URL + CONTACT__N, SVC_DESCRIPTION, SVC_NAME, SVC_ALLOW, SVC__N
};
enum {
    OFF_SERVICES, OFF_CONSUMERS, OFF_STATUS, OFF_GOOD, OFF_ACCESS, OFF_ACTION, OFF_LEVEL,
    OFF_PRICE, OFF_BUNDLES, OFF_SEE_ALSO, OFF_ELIGIBLE, OFF_REQUEST, OFF_PREREQUISITES, OFF_URL,
    OFF_TAGS = OFF_URL + CONTACT__N, OFF_DESCRIPTION, OFF_NAME, OFF_ALLOW, OFF__N
};
enum {
    PRA_SATISFIES, PRA_OWNER, PRA_MANAGER, PRA_PRACTITIONERS, PRA_MATURITY, PRA_DESCRIPTION,
    PRA_NAME, PRA_ALLOW, PRA__N
};
enum { FW_EDITION, FW_PUBLISHER, FW_EXCLUSIONS, FW_DESCRIPTION, FW_NAME, FW_ALLOW, FW__N };
enum {
    REQ_FRAMEWORK, REQ_GROUP, REQ_CLAUSE, REQ_LEVEL, REQ_CYCLE, REQ_DESCRIPTION, REQ_NAME, REQ_ALLOW, REQ__N
};

/* Nested blocks. */
enum { DEP_STRENGTH, DEP_REASON, DEP__N };
enum { INT_RATIONALE, INT_TANGIBLE_EVIDENCE, INT__N };
enum { HET_RATIONALE, HET_SOURCES, HET_STANDARDISED_BY, HET__N };
enum { INS_RATIONALE, INS_PARTICIPATION, INS_CHANNELS, INS__N };
enum { PERI_RATIONALE, PERI_CAPACITY, PERI_UNUSED_CAPACITY, PERI_DEMAND_MANAGEMENT, PERI__N };
enum { GOOD_QUANTITY, GOOD_UNIT_COST, GOOD_REPLACEMENT, GOOD_DESCRIPTION, GOOD__N };
enum { ACC_RESOURCE, ACC_TERMS, ACC_QUOTA, ACC_UNTIL, ACC_DESCRIPTION, ACC__N };
enum { ACT_PERFORMED_BY, ACT_TRIGGER, ACT_RESPONSE, ACT_RESOLUTION, ACT_DESCRIPTION, ACT__N };
enum { RQ_CHANNELS, RQ_FORM, RQ_EMAIL, RQ_PHONE, RQ_APPROVAL, RQ_LEAD_TIME, RQ__N };
enum {
    ASM_STATUS, ASM_JUSTIFICATION, ASM_EVIDENCE, ASM_LINKS, ASM_ASSESSED, ASM_ASSESSOR, ASM_MATURITY,
    ASM_TARGET, ASM_ACTION, ASM__N
};
enum { IMP_OWNER, IMP_DUE, IMP_DONE, IMP_DESCRIPTION, IMP__N };
enum { XW_MAPS, XW_DESCRIPTION, XW_NAME, XW_ALLOW, XW__N };
enum { MAP_TO, MAP_REASON, MAP__N };
enum {
    VIEW_START, VIEW_TAGGED, VIEW_DEPTH, VIEW_DIRECTION, VIEW_WITH, VIEW_HIDE, VIEW_TYPE, VIEW_STATUS,
    VIEW_OWNER, VIEW_TAGS, VIEW_CLUSTER, VIEW_LAYOUT, VIEW_DESCRIPTION, VIEW_NAME, VIEW_ALLOW, VIEW__N
};

extern const Schema schema_service, schema_offering;

/* Service level metrics: `level METRIC VALUE`. */
typedef struct MetricSpec {
    const char *name;
    FieldType type;
    unsigned flags, ref_kinds;  /* as a FieldSpec's */
} MetricSpec;
extern const MetricSpec metric_specs[];
extern const size_t metric_count;
enum { MET_AVAILABILITY, MET_SUPPORT_HOURS, MET_RESPONSE, MET_RESOLUTION, MET_SATISFACTION, MET__N };

/* The warnings' codes ("W0101", …), NULL-terminated: the words of 'allow',
 * the last row of every declaration kind. */
extern const char *const *const schema_warning_codes;

/* Word lists shared by checks. */
extern const char *const level_words[];   /* low medium high */
enum { LEVEL_LOW, LEVEL_MEDIUM, LEVEL_HIGH };

#define KIND_BIT(k) (1u << (k))

#endif
