/* calendar.c — weekly hours, time zones, business time and dates (calendar.h). */
#include "calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "suggest.h"

static const char *const day_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

const char *cal_day_name(unsigned d) { return day_names[d % 7]; }

static int day_index(const char *w, size_t len)
{
    if (len != 3)
        return -1;
    for (int i = 0; i < 7; i++)
        if (memcmp(w, day_names[i], 3) == 0)
            return i;
    return -1;
}

unsigned cal_days(const char *word, size_t len)
{
    if (len == 5 && memcmp(word, "daily", 5) == 0)
        return CAL_ALL_DAYS;
    if (len == 3) {
        int d = day_index(word, len);
        return d < 0 ? 0 : 1u << d;
    }
    if (len != 7 || word[3] != '-')
        return 0;
    int a = day_index(word, 3), b = day_index(word + 4, 3);
    if (a < 0 || b < 0 || a == b)
        return 0;
    unsigned days = 0;
    for (int d = a;; d = (d + 1) % 7) {
        days |= 1u << d;
        if (d == b)
            return days;
    }
}

/* "HH:MM" at T (N bytes, one or two digits of hour, two of minute):
 * minutes of the day, up to 24:00; -1 if it is not one. */
static int clock_minutes(const char *t, size_t n)
{
    const char *colon = memchr(t, ':', n);
    if (!colon || colon == t || colon - t > 2 || t + n - colon != 3)
        return -1;
    int h = 0;
    for (const char *p = t; p < colon; p++)
        h = h * 10 + (*p - '0');
    int m = (colon[1] - '0') * 10 + (colon[2] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0))
        return -1;
    return h * 60 + m;
}

bool cal_times(const char *text, size_t len, unsigned *from, unsigned *to, const char **why)
{
    if (len == 4 && memcmp(text, "24x7", 4) == 0) {
        *why = "24x7 stands alone, for the whole week";
        return false;
    }
    const char *dash = memchr(text, '-', len);
    if (!dash) {
        *why = "a time of day alone is not a period: give its end too (08:30-12:00)";
        return false;
    }
    int a = clock_minutes(text, (size_t)(dash - text));
    int b = clock_minutes(dash + 1, len - (size_t)(dash + 1 - text));
    if (a < 0 || b < 0) {
        *why = "times go from 00:00 to 24:00, in hours and two-digit minutes";
        return false;
    }
    if (a == CAL_DAY_MINUTES) {
        *why = "a period cannot start at 24:00; write 00:00";
        return false;
    }
    if (a == b) {
        *why = "the period starts and ends at the same time; a whole day is 00:00-24:00";
        return false;
    }
    if (b == 0) /* up to midnight: 24:00 */
        b = CAL_DAY_MINUTES;
    *from = (unsigned)a;
    *to = (unsigned)b;
    return true;
}

/* Time zones ---------------------------------------------------------------------- */

static const char *const zones[] = {
#define TZ(name) name,
#include "tz_names.def"
#undef TZ
};
enum { NZONES = sizeof zones / sizeof zones[0] };

static int zone_cmp(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

bool cal_zone_known(const char *name, size_t len)
{
    char buf[64];
    if (len >= sizeof buf)
        return false;
    memcpy(buf, name, len);
    buf[len] = '\0';
    return bsearch(buf, zones, NZONES, sizeof zones[0], zone_cmp) != NULL;
}

const char *cal_zone_suggest(const char *name, size_t len)
{
    for (size_t i = 0; i < NZONES; i++) { /* the same name in another case */
        if (strlen(zones[i]) == len && strncasecmp(zones[i], name, len) == 0)
            return zones[i];
    }
    if (!memchr(name, '/', len))
        for (size_t i = 0; i < NZONES; i++) { /* a city alone: London */
            const char *city = strrchr(zones[i], '/');
            if (city && strlen(city + 1) == len && strncasecmp(city + 1, name, len) == 0)
                return zones[i];
        }
    return suggest_best(name, len, zones, NZONES);
}

/* Weeks ------------------------------------------------------------------------------ */

/* Mark minutes [LO, HI) of W (0 <= LO < HI <= CAL_WEEK_MINUTES), a word
 * at a time: OWNER (or NULL) gets ID for the minutes newly marked; the
 * first minute already marked goes to *FIRST if it is still -1. */
static void mark(CalWeek *w, unsigned lo, unsigned hi, uint32_t *owner, uint32_t id, int *first)
{
    for (unsigned i = lo / 64; i * 64 < hi; i++) {
        unsigned a = i * 64 > lo ? 0 : lo % 64, b = (i + 1) * 64 <= hi ? 64 : hi % 64;
        uint64_t mask = (b == 64 ? ~(uint64_t)0 : ((uint64_t)1 << b) - 1) & ~(((uint64_t)1 << a) - 1);
        uint64_t old = w->bits[i] & mask, fresh = mask & ~w->bits[i];
        if (old && *first < 0)
            *first = (int)(i * 64 + (unsigned)__builtin_ctzll(old));
        w->bits[i] |= mask;
        for (; owner && fresh; fresh &= fresh - 1)
            owner[i * 64 + (unsigned)__builtin_ctzll(fresh)] = id;
    }
}

int cal_week_add(CalWeek *w, uint64_t p, uint32_t *owner, uint32_t id)
{
    unsigned days = cal_period_days(p), from = cal_period_from(p), to = cal_period_to(p);
    unsigned span = to > from ? to - from : to + CAL_DAY_MINUTES - from;
    int first = -1;
    for (unsigned d = 0; d < 7; d++) {
        if (!(days >> d & 1))
            continue;
        unsigned lo = d * CAL_DAY_MINUTES + from, hi = lo + span;
        if (hi <= CAL_WEEK_MINUTES) {
            mark(w, lo, hi, owner, id, &first);
        } else { /* Sunday night into Monday morning */
            mark(w, lo, CAL_WEEK_MINUTES, owner, id, &first);
            mark(w, 0, hi - CAL_WEEK_MINUTES, owner, id, &first);
        }
    }
    return first;
}

void cal_week_of(const Entity *cal, CalWeek *w)
{
    memset(w, 0, sizeof *w);
    for (const Val *v = node_get(&cal->node, CAL_HOURS); v; v = val_next(v))
        cal_week_add(w, v->num, NULL, 0);
}

uint32_t cal_week_minutes(const CalWeek *w)
{
    uint32_t n = 0;
    for (size_t i = 0; i < sizeof w->bits / sizeof w->bits[0]; i++)
        n += (uint32_t)__builtin_popcountll(w->bits[i]);
    return n;
}

int cal_week_lacks(const CalWeek *a, const CalWeek *b)
{
    for (size_t i = 0; i < sizeof a->bits / sizeof a->bits[0]; i++) {
        uint64_t lack = a->bits[i] & ~b->bits[i];
        if (lack)
            return (int)(i * 64 + (size_t)__builtin_ctzll(lack));
    }
    return -1;
}

const char *cal_minute_text(int m, char buf[CAL_TEXT_MAX])
{
    static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    int d = m / CAL_DAY_MINUTES, t = m % CAL_DAY_MINUTES;
    snprintf(buf, CAL_TEXT_MAX, "%s %02d:%02d", days[d % 7], t / 60, t % 60);
    return buf;
}

const char *cal_period_text(uint64_t p, char buf[CAL_TEXT_MAX])
{
    unsigned days = cal_period_days(p), from = cal_period_from(p), to = cal_period_to(p);
    if (days == CAL_ALL_DAYS && from == 0 && to == CAL_DAY_MINUTES) {
        snprintf(buf, CAL_TEXT_MAX, "24x7");
        return buf;
    }
    char d[16];
    if (days == CAL_ALL_DAYS) {
        snprintf(d, sizeof d, "daily");
    } else { /* one word's days: a run, maybe round the weekend */
        unsigned first = 0;
        while (!(days >> first & 1) || (days >> ((first + 6) % 7) & 1))
            first++;
        unsigned last = first;
        while (days >> ((last + 1) % 7) & 1)
            last = (last + 1) % 7;
        if (first == last)
            snprintf(d, sizeof d, "%s", day_names[first]);
        else
            snprintf(d, sizeof d, "%s-%s", day_names[first], day_names[last]);
    }
    snprintf(buf, CAL_TEXT_MAX, "%s %02u:%02u-%02u:%02u", d, from / 60, from % 60, to / 60, to % 60);
    return buf;
}

/* Dates ------------------------------------------------------------------------------ */

/* Days from 1970-01-01 to Y-M-D of the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

int64_t cal_day_number(const char *date)
{
    return days_from_civil(atoi(date), (unsigned)atoi(date + 5), (unsigned)atoi(date + 8));
}

int64_t cal_today(void)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long t = epoch && *epoch ? strtoll(epoch, &end, 10) : -1;
    if (!epoch || !*epoch || *end || t < 0)
        t = (long long)time(NULL);
    return t / 86400;
}

const char *cal_date_text(int64_t day, char buf[CAL_TEXT_MAX])
{
    /* civil_from_days, the inverse of days_from_civil */
    int64_t z = day + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    snprintf(buf, CAL_TEXT_MAX, "%04lld-%02u-%02u", (long long)(y + (m <= 2)), m, d);
    return buf;
}
