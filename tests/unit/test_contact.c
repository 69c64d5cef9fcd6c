/* test_contact.c — the URL, e-mail and phone shapes svcc accepts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "contact.h"

typedef bool (*Check)(const char *, size_t);

static void all(Check check, const char *const *texts, bool want)
{
    for (size_t i = 0; texts[i]; i++) {
        if (check(texts[i], strlen(texts[i])) != want)
            fail_msg("\"%s\" should be %s", texts[i], want ? "accepted" : "refused");
    }
}

static void test_url(void **state)
{
    (void)state;
    static const char *const good[] = {
        "https://it.uni.example", "https://it.uni.example/", "http://intranet/help",
        "https://it.uni.example:8443/kb?q=mail#top", "HTTPS://EXAMPLE.ORG", "https://[2001:db8::1]/x",
        "https://user@host.example/path", "mailto:help@uni.example", "https://xn--bcher-kva.example",
        "https://bücher.example/", NULL,
    };
    static const char *const bad[] = {
        "", "www.uni.example", "ftp://files.example", "https://", "https:///path", "https://a b.example",
        "https://host.example/a b", "https://host..example", "https://host.example:", "https://host:x1",
        "https://[]/", "https://[2001:db8::1", "mailto:help", "mailto:", "javascript:alert(1)",
        "https://host.example/\t", NULL,
    };
    all(contact_url_ok, good, true);
    all(contact_url_ok, bad, false);
}

static void test_email(void **state)
{
    (void)state;
    static const char *const good[] = {
        "help@uni.example", "first.last+tag@dept.uni.example", "a@b.co", "o'brien@uni.example",
        "josé@universidad.example", NULL,
    };
    static const char *const bad[] = {
        "", "help", "@uni.example", "help@", "help@localhost", "help@uni..example", "help@.uni.example",
        "help at uni.example", "a@b@c.example", "<help@uni.example>", "help@uni.example,x@y.example",
        "help@uni_x.example", NULL,
    };
    all(contact_email_ok, good, true);
    all(contact_email_ok, bad, false);
}

static void test_phone(void **state)
{
    (void)state;
    static const char *const good[] = {
        "+44 20 7946 0000", "555-0142", "(555) 0142", "+1 555 0100 ext 2", "+1 555 0100 ext. 2",
        "555 0100 x12", "020/7946.0000", "112", NULL,
    };
    static const char *const bad[] = {
        "", "call the desk", "12", "++44 20", "44+20 7946", "555-0142 ext", "555 0100 y12",
        "tel:555-0142", "+", NULL,
    };
    all(contact_phone_ok, good, true);
    all(contact_phone_ok, bad, false);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_url),
        cmocka_unit_test(test_email),
        cmocka_unit_test(test_phone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
