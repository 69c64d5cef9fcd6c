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
#include "driver.h"
#include "output.h"

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

/* Run ARGV (no shell); its standard input comes from IN_FD and its
 * standard output goes to OUT_FD where they are >= 0, and with QUIET its
 * standard error goes to /dev/null.  Returns its exit status, or -1 if it
 * could not be started. */
static int run(const char *const argv[], int in_fd, int out_fd, bool quiet)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (in_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, in_fd, STDIN_FILENO);
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

/* git, with everything that could run a program the repository's or the
 * user's configuration names turned off for this invocation: the pager,
 * hooks, the file-system monitor; ls-tree and cat-file (without --filters
 * or --textconv) run no filter or textconv driver. */
#define GIT "git", "--no-pager", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", \
            "-c", "core.pager=cat", "-c", "protocol.allow=never"

/* Run git ARGV with its output into a new temporary file (rewound), or NULL. */
static FILE *git_output(const char *const argv[], int in_fd)
{
    FILE *tmp = tmpfile();
    if (tmp && run(argv, in_fd, fileno(tmp), true) == 0) {
        rewind(tmp);
        return tmp;
    }
    if (tmp)
        fclose(tmp);
    return NULL;
}

/* The first line ARGV prints, into BUF; false if it fails. */
static bool capture(const char *const argv[], char *buf, size_t len)
{
    FILE *out = git_output(argv, -1);
    bool ok = out && fgets(buf, (int)len, out) != NULL;
    if (out)
        fclose(out);
    if (ok)
        buf[strcspn(buf, "\n")] = '\0';
    return ok;
}

/* The temporary tree of --against: every path made is tracked (output.h),
 * so that it goes, the last first, when the run ends or a signal ends it. */
typedef struct Tree {
    char dir[PATH_MAX];       /* the temporary folder; "" before it is made */
    size_t mark;              /* temp_mark() before it was made */
    bool failed;              /* out of memory tracking a path */
} Tree;

static void tree_made(Tree *t, const char *path)
{
    if (!temp_track(path))
        t->failed = true;
}

static void tree_remove(Tree *t)
{
    if (t->dir[0])
        temp_remove_since(t->mark);
    memset(t, 0, sizeof *t);
}

/* Make the folders of PATH (under T's folder, at offset FROM) that are not
 * there yet. */
static bool tree_mkdirs(Tree *t, char *path, size_t from)
{
    for (char *p = path + from; (p = strchr(p, '/')) != NULL; p++) {
        *p = '\0';
        bool made = mkdir(path, 0700) == 0;
        bool ok = made || errno == EEXIST;
        if (made)
            tree_made(t, path);
        *p = '/';
        if (!ok)
            return false;
    }
    return !t->failed;
}

/* Write the .svc files of git tree TREEISH of the repository at TOP into
 * T's folder: `git ls-tree` lists them, one `git cat-file --batch` gives
 * their bytes as stored (no filter runs).  Symbolic links and submodules
 * are left out. */
static bool tree_fill(Tree *t, const char *top, const char *treeish)
{
    const char *ls[] = {GIT, "-C", top, "ls-tree", "-r", "-z", "--full-tree", treeish, NULL};
    FILE *list = git_output(ls, -1);
    FILE *oids = tmpfile();
    char **paths = NULL;
    size_t n = 0, cap = 0;
    bool ok = list && oids;
    /* Each entry: "MODE TYPE OID\tPATH\0". */
    char *entry = NULL;
    size_t elen = 0;
    while (ok && getdelim(&entry, &elen, '\0', list) > 0) {
        char *tab = strchr(entry, '\t');
        if (!tab || strncmp(entry, "100", 3) != 0 || strncmp(entry + 6, " blob ", 6) != 0 ||
            !source_is_svc_name(tab + 1))
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            char **grown = realloc(paths, cap * sizeof *grown);
            if (!grown) {
                ok = false;
                break;
            }
            paths = grown;
        }
        if (!(paths[n] = strdup(tab + 1))) {
            ok = false;
            break;
        }
        n++;
        *tab = '\0';
        fprintf(oids, "%s\n", entry + 12);
    }
    free(entry);
    FILE *blobs = NULL;
    if (ok && fflush(oids) == 0) {
        rewind(oids);
        const char *cat[] = {GIT, "-C", top, "cat-file", "--batch", NULL};
        blobs = git_output(cat, fileno(oids));
    }
    ok = ok && blobs;
    /* Each answer: "OID blob SIZE\n" and SIZE bytes and "\n". */
    for (size_t i = 0; ok && i < n; i++) {
        char head[256];
        unsigned long long size;
        ok = fgets(head, sizeof head, blobs) && sscanf(head, "%*s blob %llu", &size) == 1;
        char path[PATH_MAX];
        ok = ok && snprintf(path, sizeof path, "%s/%s", t->dir, paths[i]) < (int)sizeof path &&
             tree_mkdirs(t, path, strlen(t->dir) + 1);
        int fd = ok ? open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600) : -1;
        if (fd >= 0)
            tree_made(t, path);
        ok = fd >= 0 && !t->failed;
        char buf[65536];
        while (ok && size > 0) {
            size_t want = size < sizeof buf ? (size_t)size : sizeof buf;
            ok = fread(buf, 1, want, blobs) == want && write(fd, buf, want) == (ssize_t)want;
            size -= want;
        }
        ok = ok && getc(blobs) == '\n';
        if (fd >= 0 && close(fd) != 0)
            ok = false;
    }
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    if (list)
        fclose(list);
    if (oids)
        fclose(oids);
    if (blobs)
        fclose(blobs);
    return ok;
}

/* PATH made absolute (from the working directory) and without "." and
 * ".." components, by its letters alone: no link is followed. */
static bool lexical_path(const char *path, char *out, size_t len)
{
    char cwd[PATH_MAX], joined[PATH_MAX * 2];
    if (path[0] != '/' && !getcwd(cwd, sizeof cwd))
        return false;
    snprintf(joined, sizeof joined, "%s/%s", path[0] == '/' ? "" : cwd, path);
    size_t o = 0;
    for (char *seg = strtok(joined, "/"); seg; seg = strtok(NULL, "/")) {
        if (strcmp(seg, ".") == 0)
            continue;
        if (strcmp(seg, "..") == 0) {
            while (o > 0 && out[--o] != '/')
                ;
            continue;
        }
        size_t sl = strlen(seg);
        if (o + sl + 2 > len)
            return false;
        out[o++] = '/';
        memcpy(out + o, seg, sl);
        o += sl;
    }
    if (o == 0)
        out[o++] = '/';
    out[o] = '\0';
    return true;
}

/* Take revision REV of the repository holding NEW into a temporary
 * folder (T); returns OLD's root file there, or NULL after a message.
 * NEW must be reached without a symbolic link: git runs only in the
 * repository the user named, never one a link in the catalogue leads to. */
static char *checkout_old(const char *rev, const char *new_root, Tree *t)
{
    static char old_root[PATH_MAX * 2];
    char real[PATH_MAX], named[PATH_MAX], top[PATH_MAX], tree[128];
    if (!realpath(new_root, real)) {
        fprintf(stderr, "svcc: error: cannot read '%s': %s [E0901]\n", new_root, strerror(errno));
        return NULL;
    }
    if (!lexical_path(new_root, named, sizeof named) || strcmp(named, real) != 0) {
        fprintf(stderr,
                "svcc: error: --against: '%s' is reached through a symbolic link (it is '%s'); "
                "name the file in its own repository [E0901]\n",
                new_root, real);
        return NULL;
    }
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", real);
    *strrchr(dir, '/') = '\0';
    const char *toplevel[] = {GIT, "-C", dir[0] ? dir : "/", "rev-parse", "--show-toplevel", NULL};
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
    char treeish[512];
    snprintf(treeish, sizeof treeish, "%s^{tree}", rev);
    const char *parse[] = {GIT, "-C", top, "rev-parse", "--verify", "--quiet", "--end-of-options", treeish, NULL};
    if (strchr(rev, '\n') || strlen(rev) > 400 || !capture(parse, tree, sizeof tree)) {
        fprintf(stderr, "svcc: error: --against: git cannot give revision '%s' [E0901]\n", rev);
        return NULL;
    }
    const char *base = getenv("TMPDIR");
    snprintf(t->dir, sizeof t->dir, "%s/svcc-diff.XXXXXX", base && *base ? base : "/tmp");
    t->mark = temp_mark();
    if (!mkdtemp(t->dir)) {
        fprintf(stderr, "svcc: error: cannot make a temporary folder: %s [E0902]\n", strerror(errno));
        t->dir[0] = '\0';
        return NULL;
    }
    tree_made(t, t->dir);
    if (!tree_fill(t, top, tree)) {
        fprintf(stderr, "svcc: error: --against: cannot take the files of revision '%s' [E0901]\n", rev);
        return NULL;
    }
    snprintf(old_root, sizeof old_root, "%s%s", t->dir, real + tl);
    if (access(old_root, R_OK) != 0) {
        fprintf(stderr, "svcc: error: --against: '%s' does not exist in revision '%s' [E0901]\n", real + tl + 1,
                rev);
        return NULL;
    }
    return old_root;
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
    static Tree tree; /* static: setjmp may not keep a local's changes */
    if (o.against && !(old_root = checkout_old(o.against, new_root, &tree))) {
        tree_remove(&tree);
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
        tree_remove(&tree);
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
    tree_remove(&tree);
    return status;
}
