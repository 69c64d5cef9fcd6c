/* fixture.h — for unit tests: write catalogue files to a temporary folder
 * and compile them.  Include after cmocka.h; the test group's setup and
 * teardown are fixture_setup and fixture_teardown. */
#ifndef SVCC_TEST_FIXTURE_H
#define SVCC_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver.h"

static char fixture_dir[64];

static int fixture_setup(void **state)
{
    (void)state;
    strcpy(fixture_dir, "/tmp/svcc-test-XXXXXX");
    return mkdtemp(fixture_dir) ? 0 : -1;
}

static int fixture_teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fixture_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void fixture_write(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", fixture_dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* ROOT_TEXT written as root.svc; its path (until the next call). */
static inline const char *fixture_root(const char *root_text)
{
    static char path[256];
    fixture_write("root.svc", root_text);
    snprintf(path, sizeof path, "%s/root.svc", fixture_dir);
    return path;
}

/* Load ROOT_TEXT as root.svc, modules from the same folder (not checked). */
static inline void fixture_load(Compiler *c, const char *root_text)
{
    compiler_init(c);
    LoadOptions o = {NULL, 0, fixture_dir, NULL};
    assert_true(load_catalogue(c, fixture_root(root_text), &o));
}

/* Compile ROOT_TEXT as root.svc, modules from the same folder, as svcc
 * does (drive). */
static Model *fixture_compile(Compiler *c, const char *root_text)
{
    compiler_init(c);
    DriveInput in = {.mode = DRIVE_CHECK, .path = fixture_root(root_text),
                     .load = {NULL, 0, fixture_dir, NULL}};
    DriveResult r = drive(c, &in);
    assert_true(r.status == DRIVE_OK || r.status == DRIVE_ERRORS);
    return r.model;
}

static Entity *fixture_find(Model *m, DeclKind k, const char *id)
{
    for (uint32_t i = 0; i < m->nkind[k]; i++)
        if (strcmp(m->by_kind[k][i]->id, id) == 0)
            return m->by_kind[k][i];
    return NULL;
}

#define FIXTURE_CATALOGUE "catalogue cat \"C\" {\n  version \"1\"\n  provider \"P\"\n}\n"

#define FIXTURE_SERVICE_BODY                                                         \
    "  type business\n  status pipeline\n  owner ops\n"                                \
    "  intangibility high\n  heterogeneity low\n  inseparability low\n  perishability low\n"

#endif
