/* output.c — atomic output files. */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool output_open(Output *o, const char *path, char *errbuf, size_t errlen)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        return true;
    }
    o->path = path;
    size_t n = strlen(path);
    o->tmp = malloc(n + 16);
    if (!o->tmp) {
        snprintf(errbuf, errlen, "cannot write '%s': out of memory", path);
        return false;
    }
    /* The temporary file sits beside the destination, so that rename()
     * replaces it in one step on the same file system. */
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(o->tmp, n + 16, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        snprintf(errbuf, errlen, "cannot write '%s': %s", path, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        return false;
    }
    /* A file that is replaced keeps its mode; a new one gets the usual. */
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        fchmod(fd, st.st_mode & 07777);
    } else {
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    o->fp = fdopen(fd, "wb");
    if (!o->fp) {
        snprintf(errbuf, errlen, "cannot write '%s': %s", path, strerror(errno));
        close(fd);
        output_abort(o);
        return false;
    }
    return true;
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
    bool ok = fflush(o->fp) == 0 && !ferror(o->fp) && fsync(fileno(o->fp)) == 0;
    int saved = errno;
    if (fclose(o->fp) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    o->fp = NULL;
    if (!ok) {
        snprintf(errbuf, errlen, "cannot write '%s': %s", o->path, strerror(saved));
        output_abort(o);
    }
    return ok;
}

bool output_rename(Output *o, char *errbuf, size_t errlen)
{
    if (!o->tmp)
        return true;
    bool ok = rename(o->tmp, o->path) == 0;
    if (!ok) {
        snprintf(errbuf, errlen, "cannot write '%s': %s", o->path, strerror(errno));
        unlink(o->tmp);
    }
    free(o->tmp);
    o->tmp = NULL;
    return ok;
}

void output_abort(Output *o)
{
    if (o->path && o->fp)
        fclose(o->fp);
    if (o->tmp) {
        unlink(o->tmp);
        free(o->tmp);
    }
    o->fp = NULL;
    o->tmp = NULL;
}
