/* cli.c — command-line helpers shared by the commands (see cli.h). */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("svcc: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'svcc --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

bool want_color(const char *mode) { return want_color_on(mode, STDERR_FILENO); }

bool want_color_on(const char *mode, int fd)
{
    if (strcmp(mode, "always") == 0)
        return true;
    if (strcmp(mode, "never") == 0)
        return false;
    const char *no = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    if (no && *no)
        return false;
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return isatty(fd);
}

/* Parse the value of --diagnostics-format / --color; false (after a usage
 * message) if it is not one of the choices. */
static bool parse_diag_format(const char *s, DiagPrintOptions *opt)
{
    if (strcmp(s, "text") == 0)
        opt->format = DIAG_TEXT;
    else if (strcmp(s, "json") == 0)
        opt->format = DIAG_JSON;
    else if (strcmp(s, "sarif") == 0)
        opt->format = DIAG_SARIF;
    else {
        usage_error("unknown diagnostics format '%s' (use text, json or sarif)", s);
        return false;
    }
    return true;
}

static bool parse_color(const char *s);

int shared_option(int ch, const char *cmd, char **argv, DiagPrintOptions *print, const char **color)
{
    switch (ch) {
    case OPT_DIAG_FORMAT: return parse_diag_format(optarg, print) ? -1 : EXIT_USAGE;
    case OPT_COLOR:
        if (!parse_color(optarg))
            return EXIT_USAGE;
        *color = optarg;
        return -1;
    case ':': return usage_error("%soption '%s' needs a value", cmd, argv[optind - 1]);
    default:
        if (optopt)
            return usage_error("%sunknown option '-%c'", cmd, optopt);
        return usage_error("%sunknown option '%s'", cmd, argv[optind - 1]);
    }
}

static bool parse_color(const char *s)
{
    if (strcmp(s, "auto") && strcmp(s, "always") && strcmp(s, "never")) {
        usage_error("unknown --color value '%s' (use auto, always or never)", s);
        return false;
    }
    return true;
}

int include_option(const char **dirs, int *n, int max, const char *dir)
{
    if (!*dir)
        return usage_error("-I needs a folder, not an empty name");
    if (*n == max)
        return usage_error("too many -I options (at most %d)", max);
    dirs[(*n)++] = dir;
    return -1;
}

bool is_folder(const char *path)
{
    struct stat st;
    return strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

long fail_alloc_from_env(void)
{
    const char *limit = getenv("SVCC_FAIL_ALLOC");
    return limit ? atol(limit) : 0;
}
