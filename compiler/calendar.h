/* calendar.h — weekly hours, time zones, business time and dates.
 *
 * A calendar's `hours` hold periods: days of the week and a time range
 * (`mon-fri 08:30-12:00`), or `24x7`.  This file reads the day words and
 * time ranges the checker meets, knows the IANA time zone names
 * (tz_names.def, made from the tz database), and lays a calendar's week out
 * as a bit per minute, which the checks (periods that overlap) and
 * svcc diff (fewer hours) compare.  It keeps no state.
 */
#ifndef SVCC_CALENDAR_H
#define SVCC_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

enum { CAL_DAY_MINUTES = 24 * 60, CAL_WEEK_MINUTES = 7 * CAL_DAY_MINUTES, CAL_ALL_DAYS = 0x7f };
enum { CAL_TEXT_MAX = 64 }; /* room for cal_period_text and cal_minute_text */

/* The days a word names, a bit each from Monday (bit 0): mon … sun, a
 * range (mon-fri, fri-mon goes round the weekend) or daily; 0 if it names
 * none. */
unsigned cal_days(const char *word, size_t len);
/* "mon", … for day D (0: Monday). */
const char *cal_day_name(unsigned d);

/* A period packed in a Val's num: its days, and its start and end in
 * minutes of the day (an end at or before the start runs past midnight
 * into the next day; 24:00 is 1440). */
static inline uint64_t cal_period(unsigned days, unsigned from, unsigned to)
{
    return days | (uint64_t)from << 7 | (uint64_t)to << 18;
}
static inline unsigned cal_period_days(uint64_t p) { return p & CAL_ALL_DAYS; }
static inline unsigned cal_period_from(uint64_t p) { return (p >> 7) & 0x7ff; }
static inline unsigned cal_period_to(uint64_t p) { return (p >> 18) & 0x7ff; }

/* Time range TEXT (LEN bytes, a TIMES atom): true with its start and end
 * in minutes; false with *WHY, a phrase saying what is wrong with it. */
bool cal_times(const char *text, size_t len, unsigned *from, unsigned *to, const char **why);

/* Whether NAME is an IANA time zone name; the name closest to a wrong
 * one (same city, other case, a misspelling), or NULL. */
bool cal_zone_known(const char *name, size_t len);
const char *cal_zone_suggest(const char *name, size_t len);

/* Period P as one writes it: "mon-fri 08:30-12:00", "24x7", in BUF. */
const char *cal_period_text(uint64_t p, char buf[CAL_TEXT_MAX]);

/* Dates.  The day number of "YYYY-MM-DD" (a date svcc checked, E0707):
 * days since 1970-01-01. */
int64_t cal_day_number(const char *date);
/* Today's day number: the day of SOURCE_DATE_EPOCH (seconds since the
 * epoch, the reproducible-builds convention) when it is set and valid,
 * else of the system clock, in UTC. */
int64_t cal_today(void);
/* "YYYY-MM-DD" of day number DAY, in BUF. */
const char *cal_date_text(int64_t day, char buf[CAL_TEXT_MAX]);

/* A week, a bit per minute from Monday 00:00 (in the calendar's zone). */
typedef struct CalWeek {
    uint64_t bits[(CAL_WEEK_MINUTES + 63) / 64];
} CalWeek;

/* Mark period P in W; the first minute already marked (so P overlaps a
 * period marked before), or -1.  OWNER (or NULL): ID for each minute P
 * marks first, so owner[m] says which period marked minute m.  A word of
 * the week at a time: a calendar of N periods is laid out in O(N) words. */
int cal_week_add(CalWeek *w, uint64_t p, uint32_t *owner, uint32_t id);
/* The week of calendar CAL's hours. */
void cal_week_of(const Entity *cal, CalWeek *w);
/* The minutes marked in W. */
uint32_t cal_week_minutes(const CalWeek *w);
/* The first minute marked in A and not in B (A's hours B lacks), or -1. */
int cal_week_lacks(const CalWeek *a, const CalWeek *b);
/* "Wed 12:30": the day and time of minute M of the week, in BUF. */
const char *cal_minute_text(int m, char buf[CAL_TEXT_MAX]);

#endif
