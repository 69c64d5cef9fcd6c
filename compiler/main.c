/* main.c — the command line: parse options, run a command, set the exit
 * status.  0: success (warnings allowed); 1: the input has errors;
 * 2: usage error, a file that cannot be read, or out of memory. */
#include <getopt.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <unistd.h>

#include "compiler.h"

#ifndef SVCC_STDLIB_DIR
#define SVCC_STDLIB_DIR "/usr/local/share/svcc/stdlib"
#endif

#ifndef SVCC_VERSION
#define SVCC_VERSION "0.0.0"
#endif

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "usage: svcc COMMAND [OPTIONS] FILE\n"
    "\n"
    "Compile a service catalogue written in .svc files.\n"
    "\n"
    "Commands:\n"
    "  check FILE          read FILE (the root of a catalogue) and the files it\n"
    "                      imports, and report every problem found; no output\n"
    "\n"
    "Options:\n"
    "  -I DIR              look for imported modules in DIR first (repeatable)\n"
    "  -W error            treat warnings as errors (-Werror)\n"
    "  -W no-CODE          silence warning CODE (-Wno-W0101)\n"
    "  -W error=CODE       treat warning CODE as an error (-Werror=W0101)\n"
    "      --diagnostics-format text|json\n"
    "                      how diagnostics are written to standard error\n"
    "      --color auto|always|never\n"
    "                      colour diagnostics (auto: on a terminal, unless NO_COLOR is set)\n"
    "      --dump-ast      check: print FILE's syntax tree on standard output and\n"
    "                      stop after parsing (no imports, no semantic checks)\n"
    "  -q, --quiet         print errors only: no warnings, no summary line\n"
    "  -h, --help          print this help and exit\n"
    "  -V, --version       print the version and exit\n"
    "\n"
    "FILE '-' reads standard input.  Exit status: 0 success, 1 the input has\n"
    "errors, 2 usage error or a file that cannot be read.\n";

typedef struct Options {
    const char *command;
    const char *file;
    DiagPrintOptions print;
    const char *color;
    bool dump_ast;
    const char *wopts[64];
    int nwopts;
    const char *includes[64];
    int nincludes;
} Options;

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("svcc: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'svcc --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

static bool want_color(const char *mode)
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
    return isatty(STDERR_FILENO);
}

/* Parse argv; returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, Options *o)
{
    enum { OPT_DIAG_FORMAT = 256, OPT_COLOR, OPT_DUMP_AST };
    static const struct option longopts[] = {
        {"diagnostics-format", required_argument, NULL, OPT_DIAG_FORMAT},
        {"color", required_argument, NULL, OPT_COLOR},
        {"dump-ast", no_argument, NULL, OPT_DUMP_AST},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    o->color = "auto";
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":W:I:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'I':
            if (o->nincludes == (int)(sizeof o->includes / sizeof o->includes[0]))
                return usage_error("too many -I options");
            o->includes[o->nincludes++] = optarg;
            break;
        case 'W':
            if (o->nwopts == (int)(sizeof o->wopts / sizeof o->wopts[0]))
                return usage_error("too many -W options");
            o->wopts[o->nwopts++] = optarg;
            break;
        case OPT_DIAG_FORMAT:
            if (strcmp(optarg, "text") == 0)
                o->print.format = DIAG_TEXT;
            else if (strcmp(optarg, "json") == 0)
                o->print.format = DIAG_JSON;
            else
                return usage_error("unknown diagnostics format '%s' (use text or json)", optarg);
            break;
        case OPT_COLOR:
            if (strcmp(optarg, "auto") && strcmp(optarg, "always") && strcmp(optarg, "never"))
                return usage_error("unknown --color value '%s' (use auto, always or never)", optarg);
            o->color = optarg;
            break;
        case OPT_DUMP_AST: o->dump_ast = true; break;
        case 'q': o->print.quiet = true; break;
        case 'h': fputs(usage_text, stdout); return 0;
        case 'V': printf("svcc %s\n", SVCC_VERSION); return 0;
        case ':': return usage_error("option '%s' needs a value", argv[optind - 1]);
        default:
            if (optopt)
                return usage_error("unknown option '-%c'", optopt);
            return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    int rest = argc - optind;
    if (rest == 0) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    o->command = argv[optind];
    if (strcmp(o->command, "check") != 0)
        return usage_error("unknown command '%s'", o->command);
    if (rest != 2)
        return usage_error(rest < 2 ? "%s: no input file" : "%s: give exactly one input file",
                           o->command);
    o->file = argv[optind + 1];
    o->print.color = want_color(o->color);
    return -1;
}

/* The standard library: stdlib/ beside the build tree (build/svcc ->
 * ../stdlib) when run from there, else the installed copy. */
static const char *stdlib_dir(Arena *a)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char *dir = arena_printf(a, "%s/../stdlib", exe);
            char *probe = arena_printf(a, "%s/itil4.svc", dir);
            if (access(probe, R_OK) == 0) {
                char real[4096];
                return realpath(dir, real) ? arena_strdup(a, real) : dir;
            }
        }
    }
    return SVCC_STDLIB_DIR;
}

static int run_check(Compiler *c, const Options *o)
{
    for (int i = 0; i < o->nwopts; i++)
        if (!diag_option(&c->diags, o->wopts[i])) {
            fprintf(stderr, "svcc: unknown warning option '-W%s'\n", o->wopts[i]);
            return EXIT_USAGE;
        }
    if (o->dump_ast) {
        const char *err = NULL;
        Source *src = source_read(&c->sources, o->file, &err);
        if (!src) {
            diag_nowhere(&c->diags, D_E0901, "%s", err);
            diag_print(&c->diags, stderr, &o->print);
            return EXIT_USAGE;
        }
        ast_dump(parse_source(c, src), stdout);
        diag_print(&c->diags, stderr, &o->print);
        return c->diags.errors ? EXIT_INPUT : 0;
    }
    LoadOptions lo = {o->includes, o->nincludes, getenv("SVCC_PATH"), stdlib_dir(&c->arena)};
    if (!load_catalogue(c, o->file, &lo)) {
        diag_print(&c->diags, stderr, &o->print);
        return EXIT_USAGE;
    }
    sema_check(c);
    diag_print(&c->diags, stderr, &o->print);
    return c->diags.errors ? EXIT_INPUT : 0;
}

int main(int argc, char **argv)
{
    Options o;
    int status = parse_args(argc, argv, &o);
    if (status >= 0)
        return status;

    Compiler c;
    compiler_init(&c);
    jmp_buf oom;
    arena_on_oom(&c.arena, &oom);
    if (setjmp(oom)) {
        compiler_free(&c);
        fputs("svcc: out of memory\n", stderr);
        return EXIT_USAGE;
    }
    const char *limit = getenv("SVCC_FAIL_ALLOC"); /* fault injection, see docs/cli.md */
    if (limit)
        c.arena.fail_after = atol(limit);
    status = run_check(&c, &o);
    compiler_free(&c);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("svcc: error writing to standard output\n", stderr);
        return EXIT_USAGE;
    }
    return status;
}
