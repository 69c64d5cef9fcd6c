#!/bin/sh
# The VS Code extension `make vsix` packaged (tests/vscode.py).
# Usage: tests/vscode.sh build/svcc build/svcc-VERSION.vsix
set -u
python3 "$(dirname "$0")/vscode.py" "$1" "$2"
