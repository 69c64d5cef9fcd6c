/* cmd_diff.c — svcc diff [OPTIONS] OLD NEW | svcc diff --against REV NEW
 *
 * Each side is loaded and checked as `svcc check` would (its own
 * compilation); if either has errors they are reported and nothing is
 * compared.  With --against, OLD is NEW's path in git revision REV: the
 * whole tree of REV is exported (git archive) into a temporary folder, so
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

extern char **environ;

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
    if (!load_catalogue(&s->c, root, lo)) {
        diag_print(&s->c.diags, stderr, print);
        *status = EXIT_USAGE;
        return false;
    }
    s->m = sema_check(&s->c);
    if (!s->m || s->c.diags.errors) {
        diag_print(&s->c.diags, stderr, print);
        *status = EXIT_INPUT;
        return false;
    }
    return true;
}

/* Run ARGV (no shell); its standard output goes to OUT_FD if >= 0, and
 * with QUIET its standard error to /dev/null.  Returns its exit status,
 * or -1 if it could not be started. */
static int run(const char *const argv[], int out_fd, bool quiet)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (out_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, out_fd, STDOUT_FILENO);
    if (quiet)
        posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int err = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err != 0)
        return -1;
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The first line ARGV prints, into BUF; false if it fails. */
static bool capture(const char *const argv[], char *buf, size_t len)
{
    FILE *tmp = tmpfile();
    if (!tmp)
        return false;
    int status = run(argv, fileno(tmp), true);
    rewind(tmp);
    bool ok = status == 0 && fgets(buf, (int)len, tmp) != NULL;
    fclose(tmp);
    if (ok)
        buf[strcspn(buf, "\n")] = '\0';
    return ok;
}

/* Export revision REV of the repository holding NEW into a temporary
 * folder; returns OLD's root file there (or NULL after a message) and the
 * folder in *TMPDIR (to remove). */
static char *checkout_old(const char *rev, const char *new_root, char *tmpdir, size_t tmplen)
{
    static char old_root[PATH_MAX * 2];
    char real[PATH_MAX], top[PATH_MAX];
    if (!realpath(new_root, real)) {
        fprintf(stderr, "svcc: error: cannot read '%s': %s [E0901]\n", new_root, strerror(errno));
        return NULL;
    }
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", real);
    *strrchr(dir, '/') = '\0';
    const char *toplevel[] = {"git", "-C", dir[0] ? dir : "/", "rev-parse", "--show-toplevel", NULL};
    if (!capture(toplevel, top, sizeof top)) {
        fprintf(stderr, "svcc: error: --against: '%s' is not in a git work tree (or git is missing) [E0901]\n",
                new_root);
        return NULL;
    }
    size_t tl = strcmp(top, "/") == 0 ? 0 : strlen(top);
    if (strncmp(real, top, tl) != 0 || real[tl] != '/') {
        fprintf(stderr, "svcc: error: --against: '%s' is outside the work tree '%s' [E0901]\n", new_root, top);
        return NULL;
    }
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, tmplen, "%s/svcc-diff.XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        fprintf(stderr, "svcc: error: cannot make a temporary folder: %s [E0902]\n", strerror(errno));
        tmpdir[0] = '\0';
        return NULL;
    }
    /* The archive beside the tree it unpacks into, not in it. */
    char tar[PATH_MAX + 16], tree[PATH_MAX + 16], treeish[512];
    snprintf(tar, sizeof tar, "%s/old.tar", tmpdir);
    snprintf(tree, sizeof tree, "%s/tree", tmpdir);
    snprintf(treeish, sizeof treeish, "%s^{tree}", rev);
    const char *archive[] = {"git", "-C", top, "archive", "--format=tar", "-o", tar, "--", treeish, NULL};
    const char *untar[] = {"tar", "-xf", tar, "-C", tree, NULL};
    if (strchr(rev, '\n') || rev[0] == '-' || run(archive, -1, false) != 0) {
        fprintf(stderr, "svcc: error: --against: git cannot give revision '%s' [E0901]\n", rev);
        return NULL;
    }
    if (mkdir(tree, 0700) != 0 || run(untar, -1, false) != 0) {
        fprintf(stderr, "svcc: error: --against: cannot unpack revision '%s' [E0901]\n", rev);
        return NULL;
    }
    snprintf(old_root, sizeof old_root, "%s%s", tree, real + tl);
    if (access(old_root, R_OK) != 0) {
        fprintf(stderr, "svcc: error: --against: '%s' does not exist in revision '%s' [E0901]\n", real + tl + 1,
                rev);
        return NULL;
    }
    return old_root;
}

static void remove_tree(const char *dir)
{
    if (dir[0]) {
        const char *rm[] = {"rm", "-rf", dir, NULL};
        run(rm, -1, false);
    }
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
    char tmpdir[PATH_MAX] = "";
    if (o.against && !(old_root = checkout_old(o.against, new_root, tmpdir, sizeof tmpdir))) {
        remove_tree(tmpdir);
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
        remove_tree(tmpdir);
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
    remove_tree(tmpdir);
    return status;
}
