/* sema_fields.c — a block of statements checked against a schema table:
 * values by type, repeats, nested blocks, required fields.  References
 * are kept as names here; sema.c resolves them once every file is read. */
#include "sema.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "contact.h"
#include "suggest.h"

const char *sema_article(const char *word)
{
    return strchr("aeiou", word[0]) ? "an" : "a";
}

/* Values ------------------------------------------------------------------------ */

void sema_not_a_warning(Sema *s, const Value *v)
{
    const Atom *a = v->atoms;
    bool error = v->natoms == 1 && a->len == 5 && a->text[0] == 'E';
    Diag *d = diag_at(s->e, D_E0214, v->span, "'allow' takes a warning's code; %.*s is %s",
                      (int)(v->span.end - v->span.begin), a->text,
                      error ? "an error, which cannot be allowed" : "no warning's code");
    diag_help(s->e, d, "the warnings are listed in docs/diagnostics.md (W0101, W0201, …)");
}

const char *sema_join(Arena *a, const char *const *words, size_t n, const char *last)
{
    Buf b;
    buf_init(&b, a);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            buf_adds(&b, i == n - 1 ? last : ", ");
        buf_adds(&b, words[i]);
    }
    return buf_cstr(&b);
}

/* The NULL-terminated WORDS as "a, b or c". */
static const char *words_list(Arena *a, const char *const *words)
{
    size_t n = 0;
    while (words[n])
        n++;
    return sema_join(a, words, n, " or ");
}

const char *sema_type_phrase(Sema *s, const FieldSpec *f)
{
    switch (f->type) {
    case FT_STRING: return "a string";
    case FT_INT: return "a whole number";
    case FT_DECIMAL: return "a number";
    case FT_PERCENT: return "a percentage (99.9%)";
    case FT_DURATION:
        return (f->flags & F_BUSINESS) ? "a duration (15m, 4h, 1h30m) or business time (2 business days)"
                                       : "a duration (15m, 4h, 1h30m)";
    case FT_QUANTITY: return "a quantity (40000 mailboxes)";
    case FT_MONEY: return "an amount of money (4.50 EUR)";
    case FT_ENUM: return arena_printf(s->a, "one of %s", words_list(s->a, f->words));
    case FT_REF: {
        const char *k = sema_kinds_phrase(s->a, f->ref_kinds);
        return arena_printf(s->a, "%s %s%s", sema_article(k), k,
                            (f->flags & F_ROLE)  ? ", or a role in quotes (\"department head\")"
                            : (f->flags & F_ORG) ? ", or an organisation's name in quotes"
                            : (f->flags & F_TEXT) ? " (or text in quotes)"
                                                 : "");
    }
    case FT_CHARACTERISTIC: return "a level: low, medium or high";
    case FT_ITEM: return "an id and an optional name (headset \"USB headset\")";
    case FT_METRIC: return "a metric and its value (availability 99.9%)";
    case FT_PRICE: return "a price (4.50 EUR per user per month [for GROUP | for others], or chargeback)";
    case FT_LINK:
        return (f->flags & F_DATE) ? "a name and a date (christmas \"2026-12-25\")"
                                   : "a name and a URL (docs \"https://…\")";
    case FT_BLOCK: return "a block { … }";
    case FT_HOURS: return "days and a time range (mon-fri 08:30-17:00), or 24x7";
    }
    return "a value";
}

static bool wrong_type(Sema *s, const FieldSpec *f, const Value *v)
{
    Diag *d = diag_at(s->e, D_E0202, v->span, "'%s' takes %s, not %s", f->name, sema_type_phrase(s, f),
                      ast_shape_phrase(v->shape));
    if (f->type == FT_STRING && (v->shape == VAL_NAME || v->shape == VAL_WORDS))
        diag_help(s->e, d, "write text in double quotes: \"…\"");
    return false;
}

static bool is_word(const Atom *a, const char *w)
{
    return a->kind == ATOM_NAME && a->len == strlen(w) && memcmp(a->text, w, a->len) == 0;
}

static int word_index(const char *const *words, const Atom *a)
{
    for (int i = 0; words[i]; i++)
        if (is_word(a, words[i]))
            return i;
    return -1;
}

static bool is_currency(const Atom *a)
{
    return a->kind == ATOM_NAME && a->len == 3 && a->text[0] >= 'A' && a->text[0] <= 'Z' &&
           a->text[1] >= 'A' && a->text[1] <= 'Z' && a->text[2] >= 'A' && a->text[2] <= 'Z';
}

static bool bad_currency(Sema *s, const Atom *a)
{
    Diag *d = diag_at(s->e, D_E0703, a->span, "'%.*s' is not a currency code", (int)a->len, a->text);
    diag_help(s->e, d, "write the ISO 4217 code, three capital letters: EUR, USD, GBP");
    return false;
}

/* The number an atom holds (digits, maybe a fraction: strtod reads it). */
static double atom_real(Sema *s, const Atom *a)
{
    char buf[64];
    if (a->len >= sizeof buf)
        return strtod(arena_strndup(s->a, a->text, a->len), NULL);
    memcpy(buf, a->text, a->len);
    buf[a->len] = '\0';
    return strtod(buf, NULL);
}

static bool check_percent(Sema *s, Val *out, const Atom *a)
{
    out->real = atom_real(s, a);
    if (out->real > 100.0) {
        diag_at(s->e, D_E0701, a->span, "%.*s%% is more than 100%%", (int)a->len, a->text);
        return false;
    }
    return true;
}

static bool convert(Sema *s, const FieldCtx *cx, Val *out, const FieldSpec *f, const Value *v);

/* How many bytes of TEXT a message quotes: at most its first 60
 * characters, whole UTF-8 sequences (the value itself is under the caret). */
static size_t quoted_prefix(const char *text, size_t len)
{
    size_t shown = 0, chars = 0;
    while (shown < len && (chars < 60 || ((unsigned char)text[shown] & 0xC0) == 0x80))
        chars += ((unsigned char)text[shown++] & 0xC0) != 0x80;
    return shown;
}

/* String A of field F, which takes a date: YYYY-MM-DD, a day of the
 * Gregorian calendar; false after a report if it is not one. */
static bool date_ok(Sema *s, const FieldSpec *f, const Atom *a)
{
    const char *t = a->text;
    bool shape = a->len == 10 && t[4] == '-' && t[7] == '-';
    for (int i = 0; shape && i < 10; i++)
        shape = i == 4 || i == 7 || (t[i] >= '0' && t[i] <= '9');
    if (shape) {
        int y = atoi(t), m = atoi(t + 5), d = atoi(t + 8);
        static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] + (m == 2 && leap))
            return true;
    }
    size_t shown = quoted_prefix(a->text, a->len);
    Diag *d = diag_at(s->e, D_E0707, a->span, "'%s' takes a date, not \"%.*s%s\"", f->name,
                      (int)shown, a->text, shown < a->len ? "…" : "");
    diag_help(s->e, d, "write it as \"YYYY-MM-DD\": \"2027-03-31\"");
    return false;
}

/* TEXT (LEN bytes, written as atom A) of field F, which takes a URL, an
 * e-mail address or a phone number (a link: a URL): true if it has that
 * shape, else false after a report. */
static bool contact_ok(Sema *s, const FieldSpec *f, const Atom *a, const char *text, size_t len)
{
    const char *what, *help;
    if (f->flags & F_EMAIL) {
        if (contact_email_ok(text, len))
            return true;
        what = "an e-mail address";
        help = "write it as name@example.org";
    } else if (f->flags & F_PHONE) {
        if (contact_phone_ok(text, len))
            return true;
        what = "a phone number";
        help = "write the digits, with spaces, '-', '(', ')' and a leading '+' if you like: "
               "+44 20 7946 0000, ext 12";
    } else {
        if (contact_url_ok(text, len))
            return true;
        what = "an http, https or mailto URL";
        help = "write the whole address, scheme included: https://example.org/…";
    }
    size_t shown = quoted_prefix(text, len);
    Diag *d = diag_at(s->e, D_E0706, a->span, "'%s' takes %s, not \"%.*s%s\"", f->name, what,
                      (int)shown, text, shown < len ? "…" : "");
    diag_help(s->e, d, "%s", help);
    return false;
}

/* V as written, one space between its atoms, into OUT's text (in A). */
static void as_written(Sema *s, const FieldCtx *cx, Val *out, const Value *v, Arena *a)
{
    Buf b;
    buf_init(&b, s->scratch);
    for (const Atom *at = v->atoms; at; at = at->next) {
        if (at != v->atoms)
            buf_addc(&b, ' ');
        buf_add(&b, cx->text + (at->span.begin - cx->text_begin), ast_atom_end(at) - at->span.begin);
    }
    out->text = arena_strndup(a, b.data, b.len);
    out->len = (uint32_t)b.len;
}

/* String A of field F, which takes an IANA time zone name. */
static bool zone_ok(Sema *s, const FieldSpec *f, const Atom *a)
{
    if (cal_zone_known(a->text, a->len))
        return true;
    size_t shown = quoted_prefix(a->text, a->len);
    Diag *d = diag_at(s->e, D_E0709, a->span, "'%s' takes an IANA time zone name, not \"%.*s%s\"",
                      f->name, (int)shown, a->text, shown < a->len ? "…" : "");
    const char *best = cal_zone_suggest(a->text, a->len);
    if (best)
        diag_help(s->e, d, "did you mean \"%s\"?", best);
    else
        diag_help(s->e, d, "write an area and a city, as the tz database names them: "
                           "\"Europe/London\", \"America/New_York\", or \"UTC\"");
    return false;
}

/* [DAYS] FROM-TO, or 24x7: a period of a calendar's hours.  Days left out
 * are those of the value before in the same statement (s->hours_days, 0
 * at its start): `hours mon-fri 08:30-12:00, 13:00-17:00`. */
static bool convert_hours(Sema *s, const FieldCtx *cx, Val *out, const FieldSpec *f, const Value *v)
{
    const Atom *a = v->atoms, *t = a;
    unsigned days = 0, from = 0, to = CAL_DAY_MINUTES;
    if (v->natoms == 1 && a->kind == ATOM_TIMES && a->len == 4 && memcmp(a->text, "24x7", 4) == 0) {
        days = CAL_ALL_DAYS;
    } else {
        if (a->kind == ATOM_NAME) {
            days = cal_days(a->text, a->len);
            if (!days) {
                Diag *d = diag_at(s->e, D_E0708, a->span, "'%.*s' is not a day of the week",
                                  (int)a->len, a->text);
                diag_help(s->e, d, "write mon, tue, wed, thu, fri, sat or sun, a range (mon-fri) or daily");
                return false;
            }
            t = a->next;
        } else {
            days = s->hours_days; /* the days of the value before, if any */
        }
        if (!t || t->next || t->kind != ATOM_TIMES) {
            Diag *d = diag_at(s->e, D_E0202, v->span, "'%s' takes %s, not %s", f->name,
                              sema_type_phrase(s, f), ast_shape_phrase(v->shape));
            diag_help(s->e, d, "for example: hours mon-fri 08:30-12:00, 13:00-17:00");
            return false;
        }
        const char *why;
        if (!cal_times(t->text, t->len, &from, &to, &why)) {
            diag_at(s->e, D_E0708, t->span, "'%.*s' is not a time range: %s", (int)t->len, t->text, why);
            return false;
        }
        if (!days) {
            Diag *d = diag_at(s->e, D_E0708, t->span, "the period %.*s has no days", (int)t->len, t->text);
            diag_help(s->e, d, "write its days first: hours mon-fri %.*s", (int)t->len, t->text);
            return false;
        }
    }
    s->hours_days = days;
    out->num = cal_period(days, from, to);
    as_written(s, cx, out, v, s->scratch);
    return true;
}

/* COUNT business (hour|hours|day|days) [in CALENDAR]. */
static bool convert_business(Sema *s, const FieldCtx *cx, Val *out, const FieldSpec *f, const Value *v)
{
    const Atom *n = v->atoms, *unit = n->next->next, *in = unit->next;
    bool hours = is_word(unit, "hour") || is_word(unit, "hours");
    bool days = is_word(unit, "day") || is_word(unit, "days");
    bool tail = !in || (is_word(in, "in") && in->next && in->next->kind == ATOM_NAME && !in->next->next);
    if (n->kind != ATOM_NUMBER || !n->is_int || (!hours && !days) || !tail) {
        Diag *d = diag_at(s->e, D_E0202, v->span, "'%s' takes %s, not %s", f->name,
                          sema_type_phrase(s, f), ast_shape_phrase(v->shape));
        diag_help(s->e, d, "business time is a whole number of business hours or days, and the "
                           "calendar they are counted in: 2 business days in office_hours");
        return false;
    }
    if (n->ival == 0 && (f->flags & F_NONZERO)) {
        diag_at(s->e, D_E0702, v->span, "'%s' is a time and cannot be zero", f->name);
        return false;
    }
    BusinessTime *b = ARENA_NEW(s->a, BusinessTime);
    b->count = n->ival;
    b->days = days;
    b->calendar_span = v->span;
    if (in) {
        const Atom *cal = in->next;
        b->calendar_span = cal->span;
        b->named = true;
        int now = sema_resolve_now(s, cal, cx->module, KIND_BIT(DECL_CALENDAR), "'in'", &b->calendar);
        if (now == 0)
            return false; /* reported */
        if (now < 0)
            b->calendar_name = arena_strndup(s->a, cal->text, cal->len); /* once every file is read */
    }
    out->business = b;
    out->num = 0;
    as_written(s, cx, out, v, s->scratch);
    return true;
}

/* METRIC VALUE, for `level`. */
static bool convert_metric(Sema *s, const FieldCtx *cx, Val *out, const FieldSpec *f, const Value *v)
{
    const Atom *m = v->atoms;
    if (v->natoms < 2 || m->kind != ATOM_NAME)
        return wrong_type(s, f, v);
    out->text = m->text;
    out->len = m->len;
    Value *rest = ast_value_rest(s->scratch, v);
    Val *inner = ARENA_NEW(s->a, Val);
    out->inner = inner;
    for (size_t i = 0; i < metric_count; i++) {
        if (is_word(m, metric_specs[i].name)) {
            const MetricSpec *ms = out->metric = &metric_specs[i];
            FieldSpec inner_spec = {ms->name, ms->type, ms->flags, NULL, ms->ref_kinds, NULL, NULL, 0, 0};
            if (!convert(s, cx, inner, &inner_spec, rest))
                return false;
            if (inner->role) { /* support hours as text */
                Diag *d = diag_at(s->e, D_W0504, rest->span, "support hours written as text");
                diag_help(s->e, d, "declare them as a calendar (calendar office_hours { zone "
                                   "\"Europe/London\"; hours mon-fri 09:00-17:00 }) and name it: "
                                   "level support_hours office_hours");
            }
            return true;
        }
    }
    const char *names[8];
    for (size_t i = 0; i < metric_count; i++)
        names[i] = metric_specs[i].name;
    Diag *d = diag_at(s->e, D_W0502, m->span, "unknown service level metric '%.*s'", (int)m->len,
                      m->text);
    const char *best = suggest_best(m->text, m->len, names, metric_count);
    if (best)
        diag_help(s->e, d, "did you mean '%s'?", best);
    else
        diag_note_nowhere(s->e, d, "known metrics: availability, support_hours, response, "
                                   "resolution, satisfaction; others are kept as written");
    inner->span = rest->span;
    inner->shape = (uint8_t)rest->shape;
    inner->text = rest->atoms->text;
    inner->len = rest->atoms->len;
    if (rest->shape != VAL_STRING) /* kept as written */
        as_written(s, cx, inner, rest, s->a);
    return true;
}

/* AMOUNT CODE [per UNIT …] */
/* AMOUNT CODE [per UNIT]… [for GROUP | for others], or chargeback [for …]. */
static bool convert_price(Sema *s, const FieldCtx *cx, Val *out, const FieldSpec *f, const Value *v)
{
    PriceTerms *t = ARENA_NEW(s->a, PriceTerms);
    out->terms = t;
    const Atom *a = v->atoms;
    if (is_word(a, "chargeback")) {
        t->chargeback = true;
        out->text = NULL;
        out->len = 0;
        a = a->next;
    } else {
        const Atom *code = a->next;
        if (v->natoms < 2 || a->kind != ATOM_NUMBER || code->kind != ATOM_NAME)
            return wrong_type(s, f, v);
        if (!is_currency(code))
            return bad_currency(s, code);
        out->text = arena_strndup(s->a, a->text, a->len);
        out->len = a->len;
        out->unit = arena_strndup(s->a, code->text, code->len);
        a = code->next;
    }
    Buf per;
    buf_init(&per, s->scratch);
    for (; a && is_word(a, "per") && !t->chargeback && a->next && a->next->kind == ATOM_NAME;
         a = a->next->next) {
        buf_adds(&per, per.len ? " per " : "per ");
        buf_add(&per, a->next->text, a->next->len);
    }
    t->per = per.len ? arena_strndup(s->a, per.data, per.len) : NULL;
    if (a && is_word(a, "for") && a->next && a->next->kind == ATOM_NAME && !a->next->next) {
        const Atom *g = a->next;
        if (is_word(g, "others")) {
            t->others = true;
        } else {
            t->group_span = g->span;
            if (sema_resolve_now(s, g, cx->module, f->ref_kinds, "price 'for'", &t->group) < 0)
                t->group_name = arena_strndup(s->a, g->text, g->len); /* once every file is read */
            else if (!t->group)
                return false; /* reported */
        }
        a = NULL;
    }
    if (a) {
        Diag *d = diag_at(s->e, D_E0202, a->span, "after the amount a price takes 'per UNIT' and "
                          "'for GROUP' or 'for others', not %s",
                          a->kind == ATOM_NAME ? "this word" : "this value");
        diag_help(s->e, d, "for example: price 4.50 EUR per user per month for staff");
        return false;
    }
    return true;
}

static bool convert_value(Sema *s, const FieldCtx *cx, Val *out, const FieldSpec *f, const Value *v)
{
    const Atom *a = v->atoms;
    out->span = v->span;
    out->text = a->text;
    out->len = a->len;
    switch (f->type) {
    case FT_STRING:
        if (v->shape != VAL_STRING)
            return wrong_type(s, f, v);
        if (f->flags & F_DATE)
            return date_ok(s, f, a);
        if (f->flags & F_ZONE)
            return zone_ok(s, f, a);
        return !(f->flags & (F_URL | F_EMAIL | F_PHONE)) || contact_ok(s, f, a, a->text, a->len);
    case FT_LINK:
        if (v->natoms != 2 || a->kind != ATOM_NAME || a->next->kind != ATOM_STRING)
            return wrong_type(s, f, v);
        out->url = a->next->text;
        if (f->flags & F_DATE)
            return date_ok(s, f, a->next);
        return contact_ok(s, f, a->next, a->next->text, a->next->len);
    case FT_HOURS:
        return convert_hours(s, cx, out, f, v);
    case FT_INT:
        if (v->shape != VAL_INT)
            return wrong_type(s, f, v);
        out->num = a->ival;
        if ((f->flags & F_POSITIVE) && a->ival == 0) {
            diag_at(s->e, D_E0704, v->span, "'%s' must be above zero", f->name);
            return false;
        }
        if ((f->flags & F_RANGE) && (a->ival < (uint64_t)f->min || a->ival > (uint64_t)f->max)) {
            diag_at(s->e, D_E0705, v->span, "'%s' goes from %d to %d, not %.*s", f->name, f->min,
                    f->max, (int)a->len, a->text);
            return false;
        }
        return true;
    case FT_DECIMAL:
        if (v->shape != VAL_INT && v->shape != VAL_DECIMAL)
            return wrong_type(s, f, v);
        out->real = atom_real(s, a);
        return true;
    case FT_PERCENT:
        if (v->shape != VAL_PERCENT)
            return wrong_type(s, f, v);
        return check_percent(s, out, a);
    case FT_DURATION:
        if ((f->flags & F_BUSINESS) && v->shape == VAL_WORDS && v->natoms >= 3 &&
            is_word(a->next, "business"))
            return convert_business(s, cx, out, f, v);
        if (v->shape != VAL_DURATION)
            return wrong_type(s, f, v);
        out->num = a->ival;
        if ((f->flags & F_NONZERO) && a->ival == 0) {
            diag_at(s->e, D_E0702, v->span, "'%s' is a time and cannot be zero", f->name);
            return false;
        }
        return true;
    case FT_QUANTITY:
        if (v->shape != VAL_QUANTITY && v->shape != VAL_MONEY)
            return wrong_type(s, f, v);
        out->real = atom_real(s, a);
        out->unit = arena_strndup(s->a, a->next->text, a->next->len);
        if ((f->flags & F_POSITIVE) && out->real <= 0) {
            diag_at(s->e, D_E0704, a->span, "'%s' must be above zero", f->name);
            return false;
        }
        return true;
    case FT_MONEY:
        if (v->shape == VAL_QUANTITY)
            return bad_currency(s, a->next);
        if (v->shape != VAL_MONEY)
            return wrong_type(s, f, v);
        out->unit = arena_strndup(s->a, a->next->text, a->next->len);
        return true;
    case FT_ENUM:
    case FT_CHARACTERISTIC: {
        if (v->shape != VAL_NAME)
            return wrong_type(s, f, v);
        out->word = (int16_t)word_index(f->words, a);
        if (out->word >= 0)
            return true;
        if (f->words == schema_warning_codes) {
            sema_not_a_warning(s, v);
            return false;
        }
        Diag *d = diag_at(s->e, f->type == FT_ENUM ? D_E0210 : D_E0402, v->span,
                          "'%.*s' is not a %s of '%s'; it takes %s", (int)a->len, a->text,
                          f->type == FT_ENUM ? "value" : "level", f->name,
                          words_list(s->a, f->words));
        size_t nw = 0;
        while (f->words[nw])
            nw++;
        const char *best = suggest_best(a->text, a->len, f->words, nw);
        if (best)
            diag_help(s->e, d, "did you mean '%s'?", best);
        return false;
    }
    case FT_REF: { /* now if it can be, else once every file is read (sema.c) */
        if (v->shape == VAL_STRING && (f->flags & (F_ROLE | F_TEXT | F_ORG))) { /* a role: "department head" */
            out->role = 1;
            return true;
        }
        if (v->shape != VAL_NAME)
            return wrong_type(s, f, v);
        int now = sema_resolve_now(s, a, cx->module, f->ref_kinds, f->name, &out->ref);
        if (now >= 0) {
            out->text = NULL;
            out->len = 0;
            return now == 1;
        }
        out->text = arena_strndup(s->a, a->text, a->len);
        return true;
    }
    case FT_ITEM:
        if (v->shape == VAL_NAME)
            return true;
        if (v->natoms == 2 && a->kind == ATOM_NAME && a->next->kind == ATOM_STRING) {
            out->name = a->next->text;
            return true;
        }
        return wrong_type(s, f, v);
    case FT_METRIC:
        return convert_metric(s, cx, out, f, v);
    case FT_PRICE:
        return convert_price(s, cx, out, f, v);
    case FT_BLOCK: /* no value (block_stmt) */
        return wrong_type(s, f, v);
    }
    return false;
}

/* V checked against F into OUT.  OUT keeps no pointer into the tree or the
 * text it was read from (both go once the declaration is checked): what
 * is read later is copied; a word's text is not kept. */
static bool convert(Sema *s, const FieldCtx *cx, Val *out, const FieldSpec *f, const Value *v)
{
    bool ok = convert_value(s, cx, out, f, v);
    switch (f->type) {
    case FT_STRING: /* decoded into the arena already */
    case FT_REF:    /* its name copied if it is still to be resolved */
    case FT_PRICE:  /* copied by convert_price */
        break;
    case FT_ENUM:
    case FT_CHARACTERISTIC:
        out->text = NULL;
        out->len = 0;
        break;
    default:
        out->text = arena_strndup(s->a, out->text, out->len);
        break;
    }
    return ok;
}

static bool item_id_equal(const Val *a, const Val *b)
{
    return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

const Val *sema_same_id(Sema *s, NameTable *ids, const Val **items, uint32_t n, const Val *v)
{
    enum { PAIRWISE = 8 };
    if (n < PAIRWISE) {
        for (uint32_t i = 0; i < n; i++)
            if (item_id_equal(items[i], v))
                return items[i];
        return NULL;
    }
    if (n == PAIRWISE) {
        names_init(ids, s->a, 2 * PAIRWISE);
        for (uint32_t i = 0; i < n; i++)
            names_insert(ids, items[i]->text, items[i]->len, (void *)items[i]);
    }
    return names_insert(ids, v->text, v->len, (void *)v);
}

Span sema_id_span(const Val *v)
{
    Span sp = {v->span.file, v->span.begin, v->span.begin + v->len};
    return sp;
}

/* Nodes: a block of statements against a schema ------------------------------ */

static void unknown_field(Sema *s, const Schema *schema, const Stmt *st)
{
    const Atom *n = st->name;
    if (schema->misplaced) {
        for (size_t i = 0; schema->misplaced[i]; i += 2) {
            if (is_word(n, schema->misplaced[i])) {
                Diag *d = diag_at(s->e, D_E0502, n->span, "a %s cannot have '%s'", schema->what,
                                  schema->misplaced[i]);
                diag_help(s->e, d, "%s", schema->misplaced[i + 1]);
                return;
            }
        }
    }
    Diag *d = diag_at(s->e, D_E0201, n->span, "unknown field '%.*s' in %s", (int)n->len, n->text,
                      schema->what);
    const char *names[64];
    size_t k = 0;
    for (size_t i = 0; i < schema->nfields && k < 64; i++)
        names[k++] = schema->fields[i].name;
    const char *best = suggest_best(n->text, n->len, names, k);
    if (best)
        diag_help(s->e, d, "did you mean '%s'?", best);
    /* A field of other kinds: say where it belongs. */
    const char *owners[8];
    size_t m = schema_owners(n->text, n->len, owners, 8);
    if (m == 0)
        return;
    diag_help(s->e, d, "'%.*s' is a field of %s%s, not of %s", (int)n->len, n->text,
              sema_join(s->scratch, owners, m < 8 ? m : 8, m <= 8 ? " and " : ", "),
              m > 8 ? ", …" : "", schema->what);
}

/* A row while its node is checked, in the scratch arena: an array that
 * grows by doubling (many statements of one field stay linear). */
typedef struct Row {
    Val *vals;
    uint32_t n, cap;
} Row;

/* A node while its statements are checked, in the scratch arena. */
typedef struct NodeCheck {
    Row *rows;              /* schema->nfields */
    const Stmt **first;     /* per row: the statement that gave it first */
    NodeInfo *info;
    bool repeated_links;    /* a links row was written twice: names to compare */
} NodeCheck;

static uint64_t bit(size_t row) { return (uint64_t)1 << row; }

/* Add the N values at VALS at the end of ROW. */
static void attach(Sema *s, Row *r, const Val *vals, uint32_t n)
{
    if (n == 0)
        return;
    if (r->n + n > r->cap) {
        uint32_t cap = r->cap * 2 > r->n + n ? r->cap * 2 : r->n + n + 4;
        Val *grown = ARENA_ARRAY(s->scratch, Val, cap);
        if (r->n)
            memcpy(grown, r->vals, sizeof *grown * r->n);
        r->vals = grown;
        r->cap = cap;
    }
    memcpy(r->vals + r->n, vals, sizeof *vals * n);
    r->n += n;
}

/* A value that starts a later line with a field name of SCHEMA: the ','
 * that ends the line above joined two statements.  Reports it. */
static bool joined_by_comma(Sema *s, const FieldCtx *cx, NodeCheck *nc, const Schema *schema,
                            const Stmt *st, const Value *v)
{
    const Atom *a = v->atoms;
    size_t row;
    if (v == st->values || a->kind != ATOM_NAME || !schema_field(schema, a->text, a->len, &row))
        return false;
    const char *from = cx->text + (st->name->span.begin - cx->text_begin);
    if (!memchr(from, '\n', a->span.begin - st->name->span.begin))
        return false; /* on the field's line */
    Diag *d = diag_at(s->e, D_E0202, a->span,
                      "'%.*s' reads as a value of '%.*s': the ',' ending the line above continues "
                      "its list", (int)a->len, a->text, (int)st->name->len, st->name->text);
    diag_help(s->e, d, "remove the ',' at the end of the line above to start a new field here");
    nc->info->given |= bit(row); /* written, so not reported missing as well */
    return true;
}

/* Whether F's values are several words by nature (a price, a level, an
 * item or a link), so a field name among them is no sign of a missing ';'. */
static bool takes_words(const FieldSpec *f)
{
    return f->type == FT_PRICE || f->type == FT_METRIC || f->type == FT_ITEM || f->type == FT_LINK ||
           f->type == FT_HOURS || (f->flags & F_BUSINESS);
}

/* A value of several atoms, one of them (after the first) a field name of
 * SCHEMA: two statements written on one line without a ';' between them
 * ("strength soft reason \"r\"").  Reports it. */
static bool joined_on_line(Sema *s, NodeCheck *nc, const Schema *schema, const Stmt *st,
                           const Value *v)
{
    size_t row;
    for (const Atom *a = v->atoms->next; a; a = a->next) {
        if (a->kind != ATOM_NAME || !schema_field(schema, a->text, a->len, &row))
            continue;
        Diag *d = diag_at(s->e, D_E0202, a->span,
                          "'%.*s' reads as part of the value of '%.*s': statements on one line "
                          "need a ';' between them",
                          (int)a->len, a->text, (int)st->name->len, st->name->text);
        diag_help(s->e, d, "write '%.*s …; %.*s …', or put '%.*s' on a line of its own",
                  (int)st->name->len, st->name->text, (int)a->len, a->text, (int)a->len, a->text);
        nc->info->given |= bit(row); /* written, so not reported missing as well */
        return true;
    }
    return false;
}

static void attach(Sema *s, Row *r, const Val *vals, uint32_t n);

/* The field names of SCHEMA, as "a, b and c". */
static const char *schema_names(Sema *s, const Schema *schema)
{
    const char **names = ARENA_ARRAY(s->scratch, const char *, schema->nfields + 1);
    for (size_t i = 0; i < schema->nfields; i++)
        names[i] = schema->fields[i].name;
    return sema_join(s->scratch, names, schema->nfields, " and ");
}

/* ST, a statement of F, which takes a block and no value (request { … }),
 * into row ROW of NC. */
static void block_stmt(Sema *s, const FieldCtx *cx, NodeCheck *nc, const FieldSpec *f, size_t row,
                       const Stmt *st)
{
    if (st->nvalues > 0) {
        Diag *d = diag_at(s->e, D_E0202, st->values->span, "'%s' takes a block, not a value", f->name);
        diag_help(s->e, d, "write its fields in braces: %s { … }", f->name);
        return;
    }
    if (!st->block) {
        Diag *d = diag_at(s->e, D_E0202, st->name->span, "'%s' needs a block: %s { … }", f->name,
                          f->name);
        diag_help(s->e, d, "its fields: %s", schema_names(s, f->block));
        return;
    }
    Val *v = arena_zalloc(s->scratch, sizeof *v);
    v->span = st->name->span;
    v->block = ARENA_NEW(s->a, Node);
    NodeInfo info;
    sema_check_block(s, cx, v->block, f->block, st->block, &info);
    attach(s, &nc->rows[row], v, 1);
}

/* Check ST, a statement of the node NC is checking. */
static void check_stmt(Sema *s, const FieldCtx *cx, NodeCheck *nc, const Schema *schema,
                       const Stmt *st)
{
    size_t row;
    const FieldSpec *f = schema_field(schema, st->name->text, st->name->len, &row);
    if (!f) {
        unknown_field(s, schema, st);
        return;
    }
    NodeInfo *info = nc->info;
    info->named |= bit(row);
    if (!(f->flags & F_LIST) && (info->given & bit(row))) {
        Diag *d = diag_at(s->e, D_E0203, st->name->span, "'%s' is given twice", f->name);
        if (nc->rows[row].n)
            diag_note(s->e, d, nc->first[row]->name->span, "first given here");
        return;
    }
    info->given |= bit(row);
    if (!nc->first[row])
        nc->first[row] = st;
    if (f->type == FT_BLOCK) {
        block_stmt(s, cx, nc, f, row, st);
        return;
    }
    if (st->nvalues == 0) {
        diag_at(s->e, D_E0202, st->name->span, "'%s' needs a value: %s", f->name,
                sema_type_phrase(s, f));
        return;
    }
    if (!(f->flags & F_LIST) && st->nvalues > 1 &&
        !joined_by_comma(s, cx, nc, schema, st, st->values->next)) {
        Diag *d = diag_at(s->e, D_E0208, st->values->next->span, "'%s' takes one value", f->name);
        diag_help(s->e, d, "remove the values after the first, or the ',' between words");
    }
    if (st->block && !f->block) {
        diag_at(s->e, D_E0211, st->block->span, "'%s' takes no block", f->name);
        return;
    }
    Node *block = NULL;
    NodeInfo block_info;
    if (f->block) {
        block = ARENA_NEW(s->a, Node);
        sema_check_block(s, cx, block, f->block, st->block, &block_info);
        if (st->doc)
            block->description = st->doc->text;
    }
    uint32_t cap = (f->flags & F_LIST) ? st->nvalues : 1, n = 0;
    Val *vals = arena_zalloc(s->scratch, sizeof *vals * cap);
    s->hours_days = 0; /* hours: a period's days carry to the next in the statement */
    for (const Value *v = st->values; v; v = (f->flags & F_LIST) ? v->next : NULL) {
        if (joined_by_comma(s, cx, nc, schema, st, v))
            break; /* the rest belongs to the statements the ',' swallowed */
        if (v->shape == VAL_WORDS && !takes_words(f) && joined_on_line(s, nc, schema, st, v))
            continue;
        vals[n].block = block;
        if (convert(s, cx, &vals[n], f, v))
            n++;
        else
            memset(&vals[n], 0, sizeof vals[n]);
    }
    attach(s, &nc->rows[row], vals, n);
    nc->repeated_links |= f->type == FT_LINK && nc->rows[row].n > 1;
    if (f->type == FT_ITEM && block && n) /* on its last value, as "good 'headset'" */
        sema_check_required(s, block, block_info.given, vals[n - 1].span, f->name,
                            vals[n - 1].text, (int)vals[n - 1].len);
}

/* Keep the rows present of NC in NODE, copied out of the scratch arena. */
static void keep_rows(Sema *s, Node *node, const Schema *schema, const NodeCheck *nc)
{
    uint32_t n = 0;
    for (size_t i = 0; i < schema->nfields; i++)
        n += nc->rows[i].n > 0;
    node->vals = ARENA_ARRAY(s->a, Val *, n ? n : 1);
    n = 0;
    for (size_t i = 0; i < schema->nfields; i++) {
        const Row *r = &nc->rows[i];
        if (!r->n)
            continue;
        Val *vals = ARENA_ARRAY(s->a, Val, r->n);
        memcpy(vals, r->vals, sizeof *vals * r->n);
        for (uint32_t k = 0; k < r->n; k++)
            vals[k].last = k + 1 == r->n;
        node->present |= bit(i);
        node->vals[n++] = vals;
    }
}

/* The links of R (a calendar's closures: F_DATE, in field F), each name
 * once (E0213). */
static void check_link_names(Sema *s, const FieldSpec *f, const Row *r)
{
    const char *what = (f->flags & F_DATE) ? "closures" : "links";
    enum { FIRST = 8 };
    const Val *first[FIRST];
    NameTable names;
    for (uint32_t i = 0; i < r->n; i++) {
        const Val *v = &r->vals[i];
        const Val *old = sema_same_id(s, &names, first, i, v);
        if (i < FIRST)
            first[i] = v;
        if (old) {
            Diag *d = diag_at(s->e, D_E0213, sema_id_span(v), "two %s called '%.*s'", what,
                              (int)v->len, v->text);
            diag_note(s->e, d, sema_id_span(old), "the first one is here");
        }
    }
}

void sema_check_block(Sema *s, const FieldCtx *cx, Node *node, const Schema *schema,
                      const Block *own, NodeInfo *info)
{
    memset(info, 0, sizeof *info);
    NodeCheck nc = {
        arena_zalloc(s->scratch, sizeof(Row) * schema->nfields),
        arena_zalloc(s->scratch, sizeof(Stmt *) * schema->nfields),
        info,
        false,
    };
    node->schema = schema;
    for (const Stmt *st = own ? own->stmts : NULL; st; st = st->next)
        check_stmt(s, cx, &nc, schema, st);
    /* Descriptions of items (a good, an access, an action). */
    size_t row;
    if (schema_field(schema, "description", 11, &row) && nc.rows[row].n) {
        if (node->description) {
            Diag *d = diag_at(s->e, D_E0209, nc.first[row]->name->span,
                              "a description is given both as a doc comment and as a field");
            diag_help(s->e, d, "keep one of the two");
        }
        node->description = nc.rows[row].vals[0].text;
        info->desc_at = nc.first[row]->name->span;
    }
    if (schema_field(schema, "name", 4, &row) && nc.rows[row].n)
        info->name_at = nc.first[row]->name->span;
    for (size_t i = 0; nc.repeated_links && i < schema->nfields; i++)
        if (schema->fields[i].type == FT_LINK && nc.rows[i].n > 1)
            check_link_names(s, &schema->fields[i], &nc.rows[i]);
    keep_rows(s, node, schema, &nc);
}

void sema_check_required(Sema *s, const Node *node, uint64_t given, Span at, const char *kind,
                         const char *id, int id_len)
{
    const Schema *schema = node->schema;
    const char *what = NULL; /* worded for the first report */
    const char *unstated[64];
    size_t nunstated = 0;
    for (size_t i = 0; i < schema->nfields; i++) {
        const FieldSpec *f = &schema->fields[i];
        if (!(f->flags & (F_REQUIRED | F_STATED)) || (given & bit(i)))
            continue;
        if (f->flags & F_STATED) {
            unstated[nunstated++] = f->name;
            continue;
        }
        if (!what)
            what = arena_printf(s->scratch, "%s '%.*s'", kind, id_len, id);
        Diag *d = diag_at(s->e, D_E0204, at, "%s has no '%s'", what, f->name);
        diag_help(s->e, d, "add '%s' with %s", f->name, sema_type_phrase(s, f));
    }
    if (nunstated == 0)
        return;
    Diag *d = diag_at(s->e, D_W0405, at, "%s '%.*s' does not state its %s", kind, id_len, id,
                      sema_join(s->scratch, unstated, nunstated, " and "));
    diag_help(s->e, d, "state each as NAME LEVEL { rationale \"…\" } (low, medium or high), or take "
                       "all four from a template (from ihip.digital_self_service); -Werror=W0405 "
                       "makes them required");
}
