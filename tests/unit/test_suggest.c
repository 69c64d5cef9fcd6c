/* test_suggest.c — edit distance and the choice of a suggestion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "suggest.h"

static size_t dist(const char *a, const char *b)
{
    return suggest_distance(a, strlen(a), b, strlen(b), 10);
}

static void test_distance(void **state)
{
    (void)state;
    assert_int_equal(dist("owner", "owner"), 0);
    assert_int_equal(dist("ownr", "owner"), 1);        /* deletion */
    assert_int_equal(dist("owners", "owner"), 1);      /* insertion */
    assert_int_equal(dist("ovner", "owner"), 1);       /* substitution */
    assert_int_equal(dist("directroy", "directory"), 1); /* transposition */
    assert_int_equal(dist("", "abc"), 3);
    assert_int_equal(dist("kitten", "sitting"), 3);
}

static void test_distance_stops_at_limit(void **state)
{
    (void)state;
    assert_int_equal(suggest_distance("abcdef", 6, "uvwxyz", 6, 2), 3);
    assert_int_equal(suggest_distance("a", 1, "abcdefgh", 8, 2), 3);
}

static void test_limit_grows_with_length(void **state)
{
    (void)state;
    assert_int_equal(suggest_limit(1), 1);
    assert_int_equal(suggest_limit(4), 2);
    assert_int_equal(suggest_limit(7), 3);
    assert_int_equal(suggest_limit(40), 3);
}

static void test_best(void **state)
{
    (void)state;
    const char *kinds[] = {"service", "offering", "consumer", "team", "person"};
    assert_string_equal(suggest_best("servce", 6, kinds, 5), "service");
    assert_string_equal(suggest_best("tema", 4, kinds, 5), "team");
    assert_null(suggest_best("zzzzzz", 6, kinds, 5));
    /* a tie goes to the earlier candidate */
    const char *two[] = {"ab", "ba"};
    assert_string_equal(suggest_best("aa", 2, two, 2), "ab");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distance),
        cmocka_unit_test(test_distance_stops_at_limit),
        cmocka_unit_test(test_limit_grows_with_length),
        cmocka_unit_test(test_best),
    };
    return cmocka_run_group_tests_name("suggest", tests, NULL, NULL);
}
