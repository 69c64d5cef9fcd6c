/* contact.c — URL, e-mail and phone number shapes; see contact.h. */
#include "contact.h"

#include <string.h>

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* Whether S has a space, a control character or DEL. */
static bool has_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' || c == 0x7F)
            return true;
    }
    return false;
}

static bool starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    if (len < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != prefix[i]) /* schemes are case-insensitive */
            return false;
    return true;
}

/* A domain name's labels: letters, digits, '-' and non-ASCII, separated by
 * single dots, at least MIN_LABELS of them. */
static bool domain_ok(const char *s, size_t len, int min_labels)
{
    int labels = 0;
    size_t run = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || s[i] == '.') {
            if (run == 0)
                return false;
            labels++;
            run = 0;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (!(is_alpha(c) || is_digit(c) || c == '-' || c >= 0x80))
            return false;
        run++;
    }
    return labels >= min_labels;
}

bool contact_email_ok(const char *s, size_t len)
{
    if (has_blank(s, len))
        return false;
    const char *at = memchr(s, '@', len);
    if (!at || at == s)
        return false;
    size_t local = (size_t)(at - s);
    for (size_t i = 0; i < local; i++)
        if (strchr(",;<>\"()[]\\", s[i]))
            return false;
    return domain_ok(at + 1, len - local - 1, 2);
}

bool contact_url_ok(const char *s, size_t len)
{
    if (has_blank(s, len))
        return false;
    if (starts_with(s, len, "mailto:"))
        return contact_email_ok(s + 7, len - 7);
    size_t at;
    if (starts_with(s, len, "https://"))
        at = 8;
    else if (starts_with(s, len, "http://"))
        at = 7;
    else
        return false;
    /* The authority runs to the first '/', '?' or '#'. */
    size_t end = at;
    while (end < len && s[end] != '/' && s[end] != '?' && s[end] != '#')
        end++;
    const char *host = s + at;
    size_t hlen = end - at;
    const char *userinfo = memchr(host, '@', hlen);
    if (userinfo) {
        hlen -= (size_t)(userinfo + 1 - host);
        host = userinfo + 1;
    }
    if (hlen > 0 && host[0] == '[') { /* [IPv6] */
        const char *close = memchr(host, ']', hlen);
        if (!close || close == host + 1)
            return false;
        for (const char *p = host + 1; p < close; p++)
            if (!(is_digit((unsigned char)*p) || strchr("abcdefABCDEF:.", *p)))
                return false;
        size_t rest = hlen - (size_t)(close + 1 - host);
        host = close + 1;
        hlen = rest;
        if (hlen == 0)
            return true;
    } else {
        const char *colon = memchr(host, ':', hlen);
        size_t name = colon ? (size_t)(colon - host) : hlen;
        if (!domain_ok(host, name, 1))
            return false;
        host += name;
        hlen -= name;
        if (hlen == 0)
            return true;
    }
    if (host[0] != ':' || hlen == 1) /* a port: digits after the ':' */
        return false;
    for (size_t i = 1; i < hlen; i++)
        if (!is_digit((unsigned char)host[i]))
            return false;
    return true;
}

bool contact_phone_ok(const char *s, size_t len)
{
    /* An extension at the end: " ext 12", " ext. 12", " x12". */
    size_t end = len;
    while (end > 0 && is_digit((unsigned char)s[end - 1]))
        end--;
    if (end < len) {
        size_t e = end;
        while (e > 0 && s[e - 1] == ' ')
            e--;
        if (e >= 4 && starts_with(s + e - 4, 4, " ext"))
            len = e - 4;
        else if (e >= 5 && starts_with(s + e - 5, 5, " ext."))
            len = e - 5;
        else if (e >= 2 && (s[e - 1] | 0x20) == 'x' && s[e - 2] == ' ')
            len = e - 2;
    }
    int digits = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_digit(c))
            digits++;
        else if (c == '+' ? i != 0 : !strchr(" -./()", c))
            return false;
    }
    return digits >= 3;
}
