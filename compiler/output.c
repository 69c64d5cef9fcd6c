/* output.c — output files: atomic over regular files, written through
 * anything else; temporary paths removed when a signal ends the run. */
#define _GNU_SOURCE /* syncfs (Linux) */
#include "output.h"
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* --- temporary paths removed on a signal ------------------------------- */

static const int temp_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
enum { NSIGNALS = sizeof temp_signals / sizeof temp_signals[0] };

static struct {
    char **paths; /* NULL where untracked */
    size_t n, cap;
    bool installed;
} temps;

static void temp_on_signal(int sig)
{
    for (size_t i = temps.n; i-- > 0;)
        if (temps.paths[i] && unlink(temps.paths[i]) != 0)
            rmdir(temps.paths[i]);
    /* SA_RESETHAND restored the default: die of the signal once we return. */
    raise(sig);
}

/* Block the signals while the list changes; OLD receives the mask to restore. */
static void temp_block(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < NSIGNALS; i++)
        sigaddset(&set, temp_signals[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

static void temp_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = temp_on_signal;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < NSIGNALS; i++)
        sigaddset(&sa.sa_mask, temp_signals[i]);
    for (int i = 0; i < NSIGNALS; i++) {
        struct sigaction old;
        /* A signal the caller ignores (nohup) stays ignored. */
        if (sigaction(temp_signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(temp_signals[i], &sa, NULL);
    }
    temps.installed = true;
}

bool temp_track(const char *path, size_t *slot)
{
    char *copy = strdup(path);
    if (!copy)
        return false;
    sigset_t old;
    temp_block(&old);
    bool ok = true;
    if (temps.n == temps.cap) {
        size_t cap = temps.cap ? temps.cap * 2 : 16;
        char **grown = realloc(temps.paths, cap * sizeof *grown);
        if (grown) {
            temps.paths = grown;
            temps.cap = cap;
        } else {
            ok = false;
        }
    }
    if (ok) {
        if (slot)
            *slot = temps.n;
        temps.paths[temps.n++] = copy;
        if (!temps.installed)
            temp_install();
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (!ok)
        free(copy);
    return ok;
}

/* Forget entry I. */
static void temp_forget(size_t i)
{
    free(temps.paths[i]);
    temps.paths[i] = NULL;
}

/* Drop the forgotten entries at the end; free the list once empty. */
static void temp_trim(void)
{
    while (temps.n && !temps.paths[temps.n - 1])
        temps.n--;
    if (temps.n == 0) {
        free(temps.paths);
        temps.paths = NULL;
        temps.cap = 0;
    }
}

void temp_untrack(size_t slot)
{
    sigset_t old;
    temp_block(&old);
    if (slot < temps.n && temps.paths[slot])
        temp_forget(slot);
    temp_trim();
    sigprocmask(SIG_SETMASK, &old, NULL);
}

size_t temp_mark(void) { return temps.n; }

void temp_remove_since(size_t mark)
{
    sigset_t old;
    temp_block(&old);
    for (size_t i = temps.n; i-- > mark;)
        if (temps.paths[i]) {
            if (unlink(temps.paths[i]) != 0)
                rmdir(temps.paths[i]);
            temp_forget(i);
        }
    temp_trim();
    sigprocmask(SIG_SETMASK, &old, NULL);
}

/* --- output files -------------------------------------------------------- */

/* The descriptor a name stands for — /dev/stdout, /dev/stderr, /dev/fd/N,
 * /proc/self/fd/N — or -1.  Writing to it continues what the shell opened
 * (`>>` appends), where opening the name again would start at 0. */
static int fd_name(const char *path)
{
    if (strcmp(path, "/dev/stdout") == 0)
        return 1;
    if (strcmp(path, "/dev/stderr") == 0)
        return 2;
    const char *n = strncmp(path, "/dev/fd/", 8) == 0         ? path + 8
                  : strncmp(path, "/proc/self/fd/", 14) == 0 ? path + 14
                                                               : NULL;
    if (!n || *n < '0' || *n > '9' || strlen(n) > 6 || n[strspn(n, "0123456789")] != '\0')
        return -1;
    return atoi(n);
}

/* PATH with symbolic links followed to the name they end at (which need
 * not exist: a dangling link names the file to create).  malloc'ed; NULL
 * with errno set.  *SYSTEM is set if a name on the way is a system path,
 * and the walk stops at a name that stands for a descriptor (*FD). */
static char *follow_links(const char *path, bool *system, int *fd)
{
    char *cur = strdup(path);
    for (int hops = 0; cur; hops++) {
        struct stat st;
        *system = *system || path_is_system(cur);
        if ((*fd = fd_name(cur)) >= 0 || lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            return cur;
        char target[PATH_MAX];
        ssize_t n = hops < 40 ? readlink(cur, target, sizeof target - 1) : -1;
        if (n < 0) {
            int e = hops < 40 ? errno : ELOOP;
            free(cur);
            errno = e;
            return NULL;
        }
        target[n] = '\0';
        const char *slash = target[0] == '/' ? NULL : strrchr(cur, '/');
        size_t dirlen = slash ? (size_t)(slash - cur) + 1 : 0;
        char *next = malloc(dirlen + (size_t)n + 1);
        if (next) {
            memcpy(next, cur, dirlen);
            memcpy(next + dirlen, target, (size_t)n + 1);
        }
        free(cur);
        cur = next;
    }
    errno = ENOMEM;
    return NULL;
}

/* Fail with "cannot write PATH: why" (errno E); nothing is left behind. */
static bool output_fail(Output *o, char *errbuf, size_t errlen, int e)
{
    snprintf(errbuf, errlen, "cannot write '%s': %s", o->path, strerror(e));
    output_abort(o);
    return false;
}

/* Write through to PATH in place: a device, a FIFO, a name under /dev. */
static bool output_through(Output *o, bool regular, char *errbuf, size_t errlen)
{
    int fd = open(o->dest, O_WRONLY | O_NOCTTY | O_CLOEXEC | (regular ? O_TRUNC : 0));
    if (fd < 0)
        return output_fail(o, errbuf, errlen, errno);
    o->fp = fdopen(fd, "wb");
    if (!o->fp) {
        int e = errno;
        close(fd);
        return output_fail(o, errbuf, errlen, e);
    }
    return true;
}

/* A temporary file beside O->dest, with ST's mode and owner if it exists. */
static bool output_temp(Output *o, const struct stat *st, char *errbuf, size_t errlen)
{
    const char *slash = strrchr(o->dest, '/');
    size_t dirlen = slash ? (size_t)(slash - o->dest) + 1 : 0;
    /* A name of its own, not the destination's with more bytes: a name of
     * NAME_MAX bytes must work. */
    o->tmp = malloc(dirlen + sizeof ".svcc-XXXXXX");
    if (!o->tmp)
        return output_fail(o, errbuf, errlen, ENOMEM);
    memcpy(o->tmp, o->dest, dirlen);
    memcpy(o->tmp + dirlen, ".svcc-XXXXXX", sizeof ".svcc-XXXXXX");
    sigset_t old;
    temp_block(&old);
    int fd = mkstemp(o->tmp);
    int e = errno;
    bool tracked = fd >= 0 && temp_track(o->tmp, &o->slot);
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0 || !tracked) {
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
            e = ENOMEM;
        }
        free(o->tmp);
        o->tmp = NULL;
        return output_fail(o, errbuf, errlen, e);
    }
    if (st) {
        /* Owner and group where we may set them (as root, or a group of
         * ours); the mode after, as chown clears set-ID bits, and never
         * with set-ID or sticky bits. */
        if (fchown(fd, st->st_uid, st->st_gid) != 0 && fchown(fd, (uid_t)-1, st->st_gid) != 0) {
            /* not ours to give: the file becomes the writer's */
        }
        fchmod(fd, st->st_mode & 0777);
    } else {
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    o->fp = fdopen(fd, "wb");
    if (!o->fp) {
        e = errno;
        close(fd);
        return output_fail(o, errbuf, errlen, e);
    }
    return true;
}

/* Write through to descriptor FD (a copy of it: closing ours leaves it). */
static bool output_fd(Output *o, int fd, char *errbuf, size_t errlen)
{
    if (fd == STDOUT_FILENO) {
        free(o->dest);
        memset(o, 0, sizeof *o);
        o->fp = stdout;
        return true;
    }
    int copy = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    if (copy < 0)
        return output_fail(o, errbuf, errlen, errno);
    if (!(o->fp = fdopen(copy, "wb"))) {
        int e = errno;
        close(copy);
        return output_fail(o, errbuf, errlen, e);
    }
    return true;
}

bool output_open(Output *o, const char *path, char *errbuf, size_t errlen)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        return true;
    }
    o->path = path;
    bool system = false;
    int fd = -1;
    o->dest = follow_links(path, &system, &fd);
    if (!o->dest)
        return output_fail(o, errbuf, errlen, errno);
    if (fd >= 0)
        return output_fd(o, fd, errbuf, errlen);
    struct stat st;
    bool exists = stat(o->dest, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        snprintf(errbuf, errlen, "cannot write '%s': it is a folder", path);
        output_abort(o);
        return false;
    }
    if (exists && !S_ISREG(st.st_mode))
        return output_through(o, false, errbuf, errlen);
    if (system) {
        if (!exists)
            return output_fail(o, errbuf, errlen, ENOENT);
        return output_through(o, true, errbuf, errlen);
    }
    if (exists) {
        if (st.st_nlink > 1) {
            snprintf(errbuf, errlen,
                     "refusing to replace '%s': it has %lu hard links, and the new file would not "
                     "be seen through the others (write to another name, or remove the other links)",
                     path, (unsigned long)st.st_nlink);
            output_abort(o);
            return false;
        }
        if ((st.st_mode & 0222) == 0 || (access(o->dest, W_OK) != 0 && errno != ENOENT)) {
            snprintf(errbuf, errlen, "cannot write '%s': the file is read-only (mode %04o)", path,
                     (unsigned)(st.st_mode & 07777));
            output_abort(o);
            return false;
        }
    }
    return output_temp(o, exists ? &st : NULL, errbuf, errlen);
}

bool output_finish(Output *o, char *errbuf, size_t errlen)
{
    if (!o->path) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
            snprintf(errbuf, errlen, "cannot write to standard output: %s", strerror(errno));
            return false;
        }
        return true;
    }
    bool ok = fflush(o->fp) == 0 && !ferror(o->fp) && (!o->tmp || o->no_sync || fsync(fileno(o->fp)) == 0);
    int saved = errno;
    if (fclose(o->fp) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    o->fp = NULL;
    if (!ok)
        return output_fail(o, errbuf, errlen, saved);
    return ok;
}

bool output_sync_all(const Output *o, char *errbuf, size_t errlen)
{
    if (!o->tmp)
        return true;
    int fd = open(o->tmp, O_RDONLY);
    bool ok = fd >= 0 && syncfs(fd) == 0;
    int saved = errno;
    if (fd >= 0)
        close(fd);
    if (!ok)
        snprintf(errbuf, errlen, "cannot write '%s': %s", o->path, strerror(saved));
    return ok;
}

bool output_rename(Output *o, char *errbuf, size_t errlen)
{
    bool ok = !o->tmp || rename(o->tmp, o->dest) == 0;
    if (!ok)
        return output_fail(o, errbuf, errlen, errno);
    if (o->tmp)
        temp_untrack(o->slot);
    free(o->tmp);
    free(o->dest);
    o->tmp = o->dest = NULL;
    return true;
}

void output_abort(Output *o)
{
    if (o->path && o->fp)
        fclose(o->fp);
    if (o->tmp) {
        unlink(o->tmp);
        temp_untrack(o->slot);
        free(o->tmp);
    }
    free(o->dest);
    o->fp = NULL;
    o->tmp = o->dest = NULL;
}
