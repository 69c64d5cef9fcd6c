/* fuzz_diff.c — libFuzzer harness: two versions of a catalogue (the input
 * split at its first "\n====\n", else in halves), each checked; when both
 * check clean, `svcc diff` compares them and its three reports are read
 * back (props.h): the text shows no control character, the Markdown table
 * has one row of four cells per change, the JSON parses with yajl.  Seeds:
 * each pair of tests/diff joined by the separator (make fuzz-run).  Built
 * by `make fuzz`. */
#define _GNU_SOURCE /* memmem */
#include "diff.h"
#include "fuzz.h"
#include "props.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char sep[] = "\n====\n";
    const uint8_t *at = memmem(data, size, sep, sizeof sep - 1);
    size_t n_old = at ? (size_t)(at - data) : size / 2;
    size_t new_from = at ? n_old + sizeof sep - 1 : n_old;
    Compiler a, b;
    Model *old = fuzz_compile(&a, data, n_old);
    Model *new_ = fuzz_compile(&b, data + new_from, size - new_from);
    if (old && new_ && a.diags.errors == 0 && b.diags.errors == 0) {
        Arena x;
        arena_init(&x);
        Diff *d = diff_models(&x, old, new_);
        Mem mem;
        diff_print_text(d, "old.svc", "new.svc", false, mem_open(&mem));
        prop_terminal(mem_close(&mem));
        free(mem.data);
        diff_print_markdown(d, "old.svc", "new.svc", mem_open(&mem));
        prop_markdown(mem_close(&mem), d->count);
        free(mem.data);
        diff_print_json(&x, d, "old.svc", "new.svc", mem_open(&mem));
        yajl_tree_free(prop_json(mem_close(&mem)));
        free(mem.data);
        arena_free(&x);
    }
    compiler_free(&a);
    compiler_free(&b);
    return 0;
}
