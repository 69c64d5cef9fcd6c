#!/usr/bin/env python3
"""lsp.py SVCC DIR: how long svcc lsp takes to answer an edit in the
catalogue of DIR (make bench's), as an editor sees it.  Prints one line:
the time from an edit that breaks a reference to its diagnostics
published (the server first waits LSP_DEBOUNCE_MS for the edits to
pause), and from an edit to the answer of a request sent right after it
(the server compiles first).  Each the shortest of five.  Asserts
nothing about time."""
import json
import os
import select
import subprocess
import sys
import time

svcc, folder = sys.argv[1], sys.argv[2]
top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
path = os.path.join(folder, "business.svc")
text = open(path).read()
uri = "file://" + os.path.abspath(path)
p = subprocess.Popen([svcc, "lsp", "--stdlib", os.path.join(top, "stdlib")], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE)
buf = b""


def send(obj):
    body = json.dumps(obj).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    p.stdin.flush()


def read():
    global buf
    while True:
        head, sep, rest = buf.partition(b"\r\n\r\n")
        if sep:
            n = int(head.split(b":")[1])
            if len(rest) >= n:
                buf = rest[n:]
                return json.loads(rest[:n])
        select.select([p.stdout], [], [], 60)
        chunk = os.read(p.stdout.fileno(), 1 << 20)
        if not chunk:
            sys.exit("bench: svcc lsp ended")
        buf += chunk


def until(pred):
    while True:
        m = read()
        if pred(m):
            return m


send({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {}}})
until(lambda m: m.get("id") == 0)
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
      "params": {"textDocument": {"uri": uri, "languageId": "svcc", "version": 1, "text": text}}})
line = text[:text.index("  owner ")].count("\n")
at = {"line": line, "character": 9}
version = 1
diag_ms, request_ms = [], []
for i in range(5):
    # Into an error: a diagnostic must come; then out of it.
    for bad in (True, False):
        version += 1
        t = time.monotonic()
        change = {"range": {"start": at, "end": at}, "text": "x"} if bad else \
            {"range": {"start": at, "end": {"line": line, "character": 10}}, "text": ""}
        send({"jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
        until(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri and
              any(d["code"] == "E0301" for d in m["params"]["diagnostics"]) == bad)
        diag_ms.append((time.monotonic() - t) * 1000)
    # A request right after an edit.
    version += 1
    t = time.monotonic()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange",
          "params": {"textDocument": {"uri": uri, "version": version},
                     "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                                   "end": {"line": 0, "character": 0}}, "text": " "}]}})
    send({"jsonrpc": "2.0", "id": 100 + i, "method": "textDocument/hover",
          "params": {"textDocument": {"uri": uri}, "position": at}})
    until(lambda m: m.get("id") == 100 + i)
    request_ms.append((time.monotonic() - t) * 1000)
send({"jsonrpc": "2.0", "id": 999, "method": "shutdown"})
until(lambda m: m.get("id") == 999)
send({"jsonrpc": "2.0", "method": "exit"})
p.wait(timeout=60)
print(f"         lsp: an edit's diagnostics in {min(diag_ms):.0f} ms (150 ms of it the pause the server waits for);"
      f" a request right after an edit: {min(request_ms):.0f} ms")
