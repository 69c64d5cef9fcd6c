#!/usr/bin/python3
"""Validate catalogue JSON files against schema/catalogue.schema.json.

Usage: tests/validate.py SCHEMA FILE...   Prints one line per file and a
closing 'validate: N passed, N failed'; exit 1 if any failed.  Uses
Debian's python3-jsonschema (Draft 2020-12).
"""
import json
import sys

from jsonschema import Draft202012Validator


def main():
    schema = json.load(open(sys.argv[1]))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    passed = failed = 0
    for path in sys.argv[2:]:
        try:
            doc = json.load(open(path))
        except ValueError as e:
            print(f"FAIL: {path}: not JSON: {e}")
            failed += 1
            continue
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        if errors:
            failed += 1
            for e in errors[:5]:
                print(f"FAIL: {path}: {'/'.join(map(str, e.path))}: {e.message[:200]}")
        else:
            passed += 1
    print(f"validate: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
