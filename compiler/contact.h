/* contact.h — the shapes of the URLs, e-mail addresses and phone numbers a
 * catalogue gives for reaching a team or requesting a service.
 *
 * Pure functions of the text (decoded, LEN bytes): no allocation.  They
 * check the shape a reader needs — a link that opens, an address a mail
 * client takes, a number one can dial — not that it exists.
 */
#ifndef SVCC_CONTACT_H
#define SVCC_CONTACT_H

#include <stdbool.h>
#include <stddef.h>

/* http://HOST… or https://HOST… (HOST: letters, digits, '-', '.', or a
 * bracketed IPv6 address; an optional :PORT; then a path, query or
 * fragment), or mailto:ADDRESS; no space or control character anywhere. */
bool contact_url_ok(const char *s, size_t len);

/* LOCAL@DOMAIN: LOCAL without spaces, '@', ',', ';', '<', '>' or quotes;
 * DOMAIN of at least two dot-separated labels of letters, digits and '-'
 * (or any non-ASCII letter), none empty. */
bool contact_email_ok(const char *s, size_t len);

/* Digits with the separators people write (space, '-', '.', '/', '(' ')'),
 * an optional leading '+', at least three digits, and an optional
 * extension ("ext 12", "ext. 12", "x12"). */
bool contact_phone_ok(const char *s, size_t len);

#endif
