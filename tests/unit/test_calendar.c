/* test_calendar.c — days, time ranges, time zones and weeks (calendar.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "calendar.h"

static unsigned days(const char *w) { return cal_days(w, strlen(w)); }

static void test_days(void **state)
{
    (void)state;
    assert_int_equal(days("mon"), 0x01);
    assert_int_equal(days("sun"), 0x40);
    assert_int_equal(days("mon-fri"), 0x1f);
    assert_int_equal(days("sat-sun"), 0x60);
    assert_int_equal(days("fri-mon"), 0x10 | 0x20 | 0x40 | 0x01); /* round the weekend */
    assert_int_equal(days("daily"), CAL_ALL_DAYS);
    static const char *const bad[] = {"monday", "Mon", "mon-mon", "mon-", "mon-xyz", "week", "", NULL};
    for (size_t i = 0; bad[i]; i++)
        if (days(bad[i]))
            fail_msg("\"%s\" should name no days", bad[i]);
}

static void test_times(void **state)
{
    (void)state;
    unsigned from, to;
    const char *why;
    assert_true(cal_times("08:30-12:00", 11, &from, &to, &why));
    assert_int_equal(from, 510);
    assert_int_equal(to, 720);
    assert_true(cal_times("8:30-17:05", 10, &from, &to, &why));
    assert_int_equal(from, 510);
    assert_int_equal(to, 1025);
    assert_true(cal_times("00:00-24:00", 11, &from, &to, &why));
    assert_int_equal(to, 1440);
    assert_true(cal_times("22:00-06:00", 11, &from, &to, &why)); /* past midnight */
    assert_int_equal(from, 1320);
    assert_int_equal(to, 360);
    assert_true(cal_times("17:00-00:00", 11, &from, &to, &why)); /* to midnight */
    assert_int_equal(to, 1440);
    static const char *const bad[] = {"08:30", "25:00-26:00", "08:60-09:00", "24:00-08:00",
                                      "24:30-08:00", "10:00-10:00", "123:00-124:00", "08:3-09:00",
                                      "24x7", NULL};
    for (size_t i = 0; bad[i]; i++) {
        why = NULL;
        if (cal_times(bad[i], strlen(bad[i]), &from, &to, &why) || !why)
            fail_msg("\"%s\" should be refused, with a reason", bad[i]);
    }
}

static void test_zones(void **state)
{
    (void)state;
    static const char *const good[] = {"Europe/London", "America/New_York", "UTC", "Etc/UTC",
                                       "Asia/Kolkata", "America/Argentina/Buenos_Aires",
                                       "US/Eastern", NULL};
    for (size_t i = 0; good[i]; i++)
        if (!cal_zone_known(good[i], strlen(good[i])))
            fail_msg("\"%s\" should be a zone", good[i]);
    static const char *const bad[] = {"europe/london", "London", "Mars/Base", "", "GMT+1", NULL};
    for (size_t i = 0; bad[i]; i++)
        if (cal_zone_known(bad[i], strlen(bad[i])))
            fail_msg("\"%s\" should be no zone", bad[i]);
    assert_string_equal(cal_zone_suggest("europe/london", 13), "Europe/London");
    assert_string_equal(cal_zone_suggest("London", 6), "Europe/London");
    assert_string_equal(cal_zone_suggest("Europe/Londn", 12), "Europe/London");
    assert_null(cal_zone_suggest("Mars/Base", 9));
}

static void test_weeks(void **state)
{
    (void)state;
    CalWeek w;
    memset(&w, 0, sizeof w);
    uint32_t owner[CAL_WEEK_MINUTES];
    /* mon-fri 08:30-12:00, 13:00-17:00: 37.5 hours */
    assert_int_equal(cal_week_add(&w, cal_period(0x1f, 510, 720), owner, 0), -1);
    assert_int_equal(cal_week_add(&w, cal_period(0x1f, 780, 1020), owner, 1), -1);
    assert_int_equal(cal_week_minutes(&w), 5 * (210 + 240));
    /* 11:00-14:00 overlaps the morning first, on Monday at 11:00 */
    CalWeek w2 = w;
    assert_int_equal(cal_week_add(&w2, cal_period(0x01, 660, 840), owner, 2), 660);
    assert_int_equal(owner[660], 0);
    /* sun 22:00-06:00 runs into Monday's first hours */
    CalWeek n;
    memset(&n, 0, sizeof n);
    assert_int_equal(cal_week_add(&n, cal_period(0x40, 1320, 360), NULL, 0), -1);
    assert_int_equal(cal_week_add(&n, cal_period(0x01, 300, 330), NULL, 0), 300);
    /* what the first week has and the second lacks */
    CalWeek all;
    memset(&all, 0, sizeof all);
    cal_week_add(&all, cal_period(CAL_ALL_DAYS, 0, CAL_DAY_MINUTES), NULL, 0);
    assert_int_equal(cal_week_minutes(&all), CAL_WEEK_MINUTES);
    assert_int_equal(cal_week_lacks(&w, &all), -1);
    assert_int_equal(cal_week_lacks(&all, &w), 0);
    char t[CAL_TEXT_MAX];
    assert_string_equal(cal_minute_text(6 * CAL_DAY_MINUTES + 1439, t), "Sun 23:59");
}

static void test_period_text(void **state)
{
    (void)state;
    char t[CAL_TEXT_MAX];
    assert_string_equal(cal_period_text(cal_period(0x1f, 510, 720), t), "mon-fri 08:30-12:00");
    assert_string_equal(cal_period_text(cal_period(0x71, 1320, 360), t), "fri-mon 22:00-06:00");
    assert_string_equal(cal_period_text(cal_period(0x20, 540, 1440), t), "sat 09:00-24:00");
    assert_string_equal(cal_period_text(cal_period(CAL_ALL_DAYS, 1200, 480), t), "daily 20:00-08:00");
    assert_string_equal(cal_period_text(cal_period(CAL_ALL_DAYS, 0, 1440), t), "24x7");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_days),
        cmocka_unit_test(test_times),
        cmocka_unit_test(test_zones),
        cmocka_unit_test(test_weeks),
        cmocka_unit_test(test_period_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
