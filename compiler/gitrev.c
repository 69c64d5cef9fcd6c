/* gitrev.c — a catalogue as it was in a git revision (gitrev.h). */
#include "gitrev.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "output.h"
#include "source.h"

extern char **environ;

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


static void tree_made(GitTree *t, const char *path)
{
    if (!temp_track(path, NULL))
        t->failed = true;
}

void gitrev_remove(GitTree *t)
{
    if (t->dir[0])
        temp_remove_since(t->mark);
    memset(t, 0, sizeof *t);
}

/* Make the folders of PATH (under T's folder, at offset FROM) that are not
 * there yet. */
static bool tree_mkdirs(GitTree *t, char *path, size_t from)
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
static bool tree_fill(GitTree *t, const char *top, const char *treeish)
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
char *gitrev_checkout(const char *rev, const char *new_root, GitTree *t)
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
    snprintf(t->dir, sizeof t->dir, "%s/svcc-rev.XXXXXX", base && *base ? base : "/tmp");
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

