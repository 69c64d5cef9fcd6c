/* driver.c — running a compilation (driver.h). */
#include "driver.h"

#include <setjmp.h>
#include <string.h>

/* The steps, apart from the guard: nothing here may be live across a
 * longjmp but what is in C. */
static void run(Compiler *c, const DriveInput *in, DriveResult *r)
{
    if (in->path) {
        const char *err = NULL;
        Source *src = NULL;
        if (in->mode == DRIVE_TREE) {
            src = source_read(&c->sources, in->path, false, &err);
            if (!src) {
                diag_nowhere(&c->diags, D_E0901, "%s", err);
                r->status = DRIVE_UNREADABLE;
                return;
            }
        } else if (!load_catalogue(c, in->path, &in->load)) {
            r->status = DRIVE_UNREADABLE;
            return;
        }
        r->root = src ? src : c->units[0]->src;
        if (src)
            r->tree = parse_tree(c, src);
    } else {
        r->root = source_add(&c->sources, in->name, in->bytes, in->len);
        if (in->mode == DRIVE_TREE)
            r->tree = parse_tree(c, r->root);
        else
            load_catalogue_source(c, r->root, in->dir ? in->dir : ".", &in->load);
    }
    if (in->mode == DRIVE_CHECK)
        r->model = sema_check(c);
    r->status = c->diags.errors || (in->mode == DRIVE_CHECK && !r->model) ? DRIVE_ERRORS : DRIVE_OK;
}

DriveResult drive(Compiler *c, const DriveInput *in)
{
    static const DriveResult nomem = {DRIVE_NOMEM, NULL, NULL, NULL};
    DriveResult r = {DRIVE_OK, NULL, NULL, NULL};
    jmp_buf oom, *outer = c->arena.oom;
    arena_on_oom(&c->arena, &oom);
    c->arena.fail_after = in->fail_alloc;
    if (setjmp(oom)) {
        arena_on_oom(&c->arena, outer);
        return nomem;
    }
    run(c, in, &r);
    arena_on_oom(&c->arena, outer);
    return r;
}
