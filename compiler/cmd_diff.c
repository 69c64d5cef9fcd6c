/* cmd_diff.c — svcc diff [OPTIONS] OLD NEW | svcc diff --against REV NEW
 *
 * Each side is loaded and checked as `svcc check` would (its own
 * compilation); if either has errors they are reported and nothing is
 * compared.  With --against, OLD is NEW's path in git revision REV: the
 * .svc files of REV are written, as stored, into a temporary folder, so
 * that OLD's imports resolve as they did then.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <setjmp.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "diff.h"
#include "gitrev.h"
#include "driver.h"
#include "output.h"

static const char diff_usage[] =
    "usage: svcc diff [OPTIONS] OLD NEW\n"
    "       svcc diff [OPTIONS] --against REV NEW\n"
    "\n"
    "Compare two versions of a catalogue (OLD and NEW are their root files;\n"
    "a folder stands for the file of the other's name in it, or its\n"
    "catalogue.svc) and report what changed: entities added, removed or\n"
    "renamed, fields changed, each with a rule and a level (breaking,\n"
    "warning, info).\n"
    "\n"
    "      --format FMT    text (default, like a plan), markdown (for a review\n"
    "                      comment) or json\n"
    "      --fail-on LEVEL exit 1 if there is a change at LEVEL or above:\n"
    "                      breaking or warning\n"
    "      --against REV   take OLD from git: NEW's path in revision REV\n"
    "  -I DIR              look for imported modules in DIR first (repeatable)\n"
    "      --diagnostics-format text|json|sarif\n"
    "      --color auto|always|never\n"
    "                      colour the text report (+ - ~) and diagnostics\n"
    "  -h, --help          print this help and exit\n"
    "\n"
    "Exit status: 0 compared (and nothing at --fail-on's level), 1 a change\n"
    "at --fail-on's level or a version with errors, 2 usage error, a file\n"
    "that cannot be read or a revision git cannot give.\n";

typedef struct Side {
    Compiler c;
    Model *m;
    const char *label;
} Side;

/* Load and check one side; false after printing its errors.  *status is
 * set to the exit status then. */
static bool load_side(Side *s, const char *root, const LoadOptions *lo, const DiagPrintOptions *print,
                      int *status)
{
    DriveInput in = {.mode = DRIVE_CHECK, .path = root, .load = *lo,
                     .fail_alloc = s->c.arena.fail_after};
    DriveResult r = drive(&s->c, &in);
    if (r.status == DRIVE_NOMEM)
        longjmp(*s->c.arena.oom, 1); /* cmd_diff's: it frees every side */
    if (r.status == DRIVE_UNREADABLE) {
        diag_print(&s->c.diags, stderr, print);
        *status = EXIT_USAGE;
        return false;
    }
    s->m = r.model;
    if (r.status == DRIVE_ERRORS) {
        diag_print(&s->c.diags, stderr, print);
        *status = EXIT_INPUT;
        return false;
    }
    return true;
}

/* A folder given for a version stands for its root file: the file of the
 * other version's name, or catalogue.svc. */
static const char *root_file(Arena *a, const char *arg, const char *other)
{
    if (!is_folder(arg))
        return arg;
    const char *name = "catalogue.svc";
    if (other && !is_folder(other) && strcmp(other, "-") != 0) {
        const char *slash = strrchr(other, '/');
        name = slash ? slash + 1 : other;
    }
    size_t n = strlen(arg);
    return arena_printf(a, "%s%s%s", arg, n && arg[n - 1] == '/' ? "" : "/", name);
}

typedef struct DiffOptions {
    const char *format;
    int fail_on;            /* DiffLevel, or -1 */
    const char *against;
    const char *includes[64];
    int nincludes;
    DiagPrintOptions print;
    bool color;             /* the text report */
} DiffOptions;

static int parse_diff_args(int argc, char **argv, DiffOptions *o)
{
    enum { OPT_FORMAT = 256, OPT_FAIL_ON, OPT_AGAINST };
    static const struct option longopts[] = {
        {"format", required_argument, NULL, OPT_FORMAT},
        {"fail-on", required_argument, NULL, OPT_FAIL_ON},
        {"against", required_argument, NULL, OPT_AGAINST},
        {"diagnostics-format", required_argument, NULL, OPT_DIAG_FORMAT},
        {"color", required_argument, NULL, OPT_COLOR},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    o->format = "text";
    o->fail_on = -1;
    o->print = (DiagPrintOptions){DIAG_TEXT, false, true, SVCC_VERSION};
    const char *color = "auto";
    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":I:h", longopts, NULL)) != -1) {
        switch (ch) {
        case OPT_FORMAT:
            if (strcmp(optarg, "text") && strcmp(optarg, "json") && strcmp(optarg, "markdown"))
                return usage_error("diff: --format takes text, json or markdown, not '%s'", optarg);
            o->format = optarg;
            break;
        case OPT_FAIL_ON:
            if (strcmp(optarg, "breaking") == 0)
                o->fail_on = DIFF_BREAKING;
            else if (strcmp(optarg, "warning") == 0)
                o->fail_on = DIFF_WARNING;
            else
                return usage_error("diff: --fail-on takes breaking or warning, not '%s'", optarg);
            break;
        case OPT_AGAINST: o->against = optarg; break;
        case 'I':
        {
            int st = include_option(o->includes, &o->nincludes,
                                    (int)(sizeof o->includes / sizeof o->includes[0]), optarg);
            if (st >= 0)
                return st;
            break;
        }
        case 'h': fputs(diff_usage, stdout); return 0;
        default: {
            int status = shared_option(ch, "diff: ", argv, &o->print, &color);
            if (status >= 0)
                return status;
        }
        }
    }
    int want = o->against ? 1 : 2, rest = argc - optind;
    if (rest < want)
        return usage_error(o->against ? "diff: name the catalogue: svcc diff --against REV NEW"
                                      : "diff: name both versions: svcc diff OLD NEW");
    if (rest > want)
        return usage_error("diff: unexpected argument '%s'", argv[optind + want]);
    o->print.color = want_color(color);
    o->color = want_color_on(color, STDOUT_FILENO);
    return -1;
}

int cmd_diff(int argc, char **argv, const char *stdlib_dir)
{
    DiffOptions o;
    int status = parse_diff_args(argc, argv, &o);
    if (status >= 0)
        return status;
    Arena names;
    arena_init(&names);
    const char *new_arg = argv[argc - 1], *old_arg = o.against ? NULL : argv[argc - 2];
    const char *new_root = root_file(&names, new_arg, old_arg);
    const char *old_root = old_arg ? root_file(&names, old_arg, new_arg) : NULL;
    static GitTree tree; /* static: setjmp may not keep a local's changes */
    if (o.against && !(old_root = gitrev_checkout(o.against, new_root, &tree))) {
        gitrev_remove(&tree);
        arena_free(&names);
        return EXIT_USAGE;
    }
    static Side old, new_; /* static: setjmp may not keep a local's changes */
    compiler_init(&old.c);
    compiler_init(&new_.c);
    Arena a;
    arena_init(&a);
    jmp_buf oom;
    arena_on_oom(&old.c.arena, &oom);
    arena_on_oom(&new_.c.arena, &oom);
    arena_on_oom(&a, &oom);
    if (setjmp(oom)) {
        compiler_free(&old.c);
        compiler_free(&new_.c);
        arena_free(&a);
        arena_free(&names);
        gitrev_remove(&tree);
        fputs("svcc: out of memory\n", stderr);
        return EXIT_USAGE;
    }
    /* Fault injection (docs/cli.md): one count across the three arenas. */
    old.c.arena.fail_after = fail_alloc_from_env();
    old.label = o.against ? arena_printf(&a, "%s@%s", new_root, o.against) : old_root;
    new_.label = new_root;
    LoadOptions lo = {o.includes, o.nincludes, getenv("SVCC_PATH"), stdlib_dir};
    bool loaded = load_side(&old, old_root, &lo, &o.print, &status);
    new_.c.arena.fail_after = old.c.arena.fail_after;
    loaded = loaded && load_side(&new_, new_root, &lo, &o.print, &status);
    a.fail_after = new_.c.arena.fail_after;
    if (loaded) {
        Diff *d = diff_models(&a, old.m, new_.m);
        bool ok;
        if (strcmp(o.format, "json") == 0)
            ok = diff_print_json(&a, d, old.label, new_.label, stdout);
        else if (strcmp(o.format, "markdown") == 0)
            ok = diff_print_markdown(d, old.label, new_.label, stdout);
        else
            ok = diff_print_text(d, old.label, new_.label, o.color, stdout);
        status = !ok ? EXIT_USAGE : 0;
        for (int level = DIFF_BREAKING; ok && o.fail_on >= 0 && level >= o.fail_on; level--)
            if (d->levels[level])
                status = EXIT_INPUT;
    }
    compiler_free(&old.c);
    compiler_free(&new_.c);
    arena_free(&a);
    arena_free(&names);
    gitrev_remove(&tree);
    return status;
}
