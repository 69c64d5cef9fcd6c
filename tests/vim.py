#!/usr/bin/env python3
"""vim.py: editors/vim in Vim itself (vim -es): the filetype of *.svc,
the indentation and comment settings, and on the annotated cases of
tests/grammar/ — the ones the TextMate grammar is tested on — every
`// ^^^ scope` asserted there must get the Vim syntax group standing for
that scope (SCOPES below)."""
import os
import re
import shutil
import subprocess
import tempfile

from checks import check, finish

if not shutil.which("vim"):
    check("vim is installed (make deps)", False)
    finish("vim")
work = tempfile.mkdtemp()
top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rtp = os.path.join(top, "editors", "vim")

# The Vim group for each TextMate scope the cases assert (None: no group).
SCOPES = {
    "keyword.control.import.svcc": "svccImport",
    "keyword.other.declaration.svcc": "svccKind",
    "entity.name.type.svcc": "svccName",
    "keyword.other.svcc": "svccKeyword",
    "variable.other.property.svcc": "svccField",
    "variable.other.reference.svcc": None,
    "string.quoted.double.svcc": "svccString",
    "string.quoted.triple.svcc": "svccString",
    "punctuation.definition.string.begin.svcc": "svccString",
    "constant.character.escape.svcc": "svccEscape",
    "invalid.illegal.escape.svcc": "svccEscapeError",
    "comment.line.documentation.svcc": "svccDocComment",
    "comment.line.double-slash.svcc": "svccComment",
    "comment.block.svcc": "svccBlockComment",
    "constant.numeric.percent.svcc": "svccPercent",
    "constant.numeric.duration.svcc": "svccDuration",
    "constant.numeric.money.svcc": "svccNumber",
    "constant.numeric.svcc": "svccNumber",
    "constant.numeric.time.svcc": "svccTime",
    "support.constant.currency.svcc": "svccCurrency",
    "punctuation.section.block.begin.svcc": "svccBrace",
    "punctuation.section.block.end.svcc": "svccBrace",
    "punctuation.separator.comma.svcc": None,
    "punctuation.terminator.statement.svcc": None,
}


def assertions(path):
    """(line, column, scope) from 1, for each character an assertion marks."""
    out, source = [], 0
    for i, line in enumerate(open(path, encoding="utf-8").read().split("\n"), 1):
        m = re.match(r"^//(\s*)(\^+|<-+)\s+(\S+)", line) if i > 1 else None
        if not m:
            source = i
            continue
        if m.group(2).startswith("<"):
            cols = range(1, len(m.group(2)))
        else:
            start = 2 + len(m.group(1)) + 1
            cols = range(start, start + len(m.group(2)))
        out += [(source, c, m.group(3)) for c in cols]
    return out


def vim_groups(path, points):
    """The syntax group at each (line, column) of PATH, as Vim sees it."""
    result = os.path.join(work, "groups.txt")
    pts = ",".join(f"[{l},{c}]" for l, c in points)
    cmd = ["vim", "-Nu", "NONE", "-i", "NONE", "-es", "--cmd", f"set rtp^={rtp}", "-c", "filetype plugin on",
           "-c", "syntax on", "-c", f"edit {path}", "-c", "let out = []",
           "-c", f"for [l, c] in [{pts}] | call add(out, synIDattr(synID(l, c, 1), 'name')) | endfor",
           "-c", f"call writefile(out + [&filetype, &shiftwidth, &expandtab, &commentstring], '{result}')",
           "-c", "qa!"]
    subprocess.run(cmd, capture_output=True, timeout=60)
    return open(result).read().split("\n")


for case in sorted(os.listdir(os.path.join(top, "tests", "grammar"))):
    path = os.path.join(top, "tests", "grammar", case)
    want = [(l, c, s) for l, c, s in assertions(path) if s in SCOPES]
    check(f"{case}: every scope asserted has a Vim group to stand for it",
          all(s in SCOPES for _, _, s in assertions(path)), str([s for _, _, s in assertions(path) if s not in SCOPES]))
    got = vim_groups(path, [(l, c) for l, c, _ in want])
    wrong = [(l, c, s, g) for (l, c, s), g in zip(want, got) if (SCOPES[s] or "") != g]
    check(f"{case}: Vim's syntax groups where the TextMate scopes are asserted ({len(want)} characters)",
          not wrong, str(wrong[:6]))
    ft, sw, et, cs = got[len(want):len(want) + 4]
    check(f"{case}: filetype svcc, 2-space indentation, // comments",
          (ft, sw, et, cs) == ("svcc", "2", "1", "// %s"), str((ft, sw, et, cs)))
shutil.rmtree(work)
finish("vim")
