# Sourced by the test scripts: when SVCC_WRAP is set (make check-valgrind),
# $svcc becomes a script that runs the real svcc under that tool.  Needs
# $svcc and $tmp.
if [ -n "${SVCC_WRAP:-}" ]; then
    printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$SVCC_WRAP" "$svcc" >"$tmp/svcc-wrapped"
    chmod +x "$tmp/svcc-wrapped"
    svcc=$tmp/svcc-wrapped
fi
