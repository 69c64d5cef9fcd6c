"""The pass/fail counting of the Python tests: check() each property,
then finish() prints the count and exits 1 on any failure."""
import sys

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {name}" + (f": {detail}" if detail else ""))


def finish(what):
    print(f"{what}: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
