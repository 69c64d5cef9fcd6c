#!/bin/sh
# make install / uninstall into a temporary prefix, from a build folder of
# its own: the installed svcc finds the installed standard library.
set -u
# A plain build, whatever the suite around runs under (check-asan sets OPT
# and LDFLAGS on make's command line, which make exports to every test and
# passes down in MAKEFLAGS): the example is linked by a plain cc, as a user
# would.
unset MAKEFLAGS MFLAGS MAKELEVEL OPT LDFLAGS CFLAGS CPPFLAGS LDLIBS
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }

make -s -C "$top" BUILD="$tmp/build" PREFIX=/opt/svcc DESTDIR="$tmp/dest" install >"$tmp/log" 2>&1
check "install with DESTDIR" "[ -x '$tmp/dest/opt/svcc/bin/svcc' ] && [ -f '$tmp/dest/opt/svcc/share/svcc/stdlib/itil4.svc' ]"
make -s -C "$top" BUILD="$tmp/build" PREFIX="$tmp/prefix" install >>"$tmp/log" 2>&1
check "install with PREFIX" "[ -x '$tmp/prefix/bin/svcc' ]"
mkdir "$tmp/elsewhere"
cp "$top/examples/northwind/"*.svc "$tmp/elsewhere/"
check "installed svcc finds the installed stdlib" "'$tmp/prefix/bin/svcc' check '$tmp/elsewhere/catalogue.svc'"

# libsvcc: the header, both libraries and svcc.pc; examples/api built
# against the installed library with pkg-config, and run.
lib=$tmp/prefix/lib
check "installed libsvcc" "[ -f '$tmp/prefix/include/svcc.h' ] && [ -f '$lib/libsvcc.a' ] && [ -L '$lib/libsvcc.so' ] && [ -f '$lib/pkgconfig/svcc.pc' ]"
check "soname carries the major version" "readelf -d '$lib/libsvcc.so' | grep -q 'SONAME.*\[libsvcc.so.0\]'"
check "only svcc_ names are exported" "! nm -D --defined-only '$lib/libsvcc.so' | awk '{print \$3}' | grep -v -e '^svcc_' -e '^SVCC_0\$' | grep -q ."
export PKG_CONFIG_PATH="$lib/pkgconfig"
check "pkg-config knows svcc" "[ \"\$(pkg-config --modversion svcc)\" = \"\$(sed -n 's/^#define SVCC_VERSION_STRING \"\\(.*\\)\"/\\1/p' '$top/include/svcc.h')\" ]"
check "svcc --version is libsvcc's" "'$tmp/prefix/bin/svcc' --version | grep -q \"^svcc \$(pkg-config --modversion svcc)\\\$\""
check "examples/api builds against the installed library" \
    "cc -std=c11 -Wall -Wextra -Werror '$top/examples/api/services.c' \$(pkg-config --cflags --libs svcc) -Wl,-rpath,'$lib' -o '$tmp/services' 2>>'$tmp/log'"
check "the example runs: services, owners, dependencies" \
    "'$tmp/services' '$tmp/elsewhere/catalogue.svc' >'$tmp/out' 2>>'$tmp/log' && grep -q '^libsvcc ' '$tmp/out' && grep -q 'owned by' '$tmp/out' && grep -q '  depends on ' '$tmp/out'"
check "the example links the shared library" "ldd '$tmp/services' | grep -q '$lib/libsvcc.so.0'"
printf 'catalogue c "C" {\n  version "1"\n  provider "P"\n}\nteam t { lead nobody }\n' >"$tmp/bad.svc"
check "the example prints diagnostics, exit 1" \
    "'$tmp/services' '$tmp/bad.svc' >'$tmp/out' 2>/dev/null; [ \$? -eq 1 ] && grep -q \"bad.svc:5:15: error E0301: unknown person 'nobody'\" '$tmp/out'"
check "static linking works too" \
    "cc -std=c11 '$top/examples/api/services.c' -I'$tmp/prefix/include' '$lib/libsvcc.a' \$(pkg-config --libs-only-l --static svcc | sed 's/-lsvcc //') -o '$tmp/services-static' 2>>'$tmp/log' && '$tmp/services-static' '$tmp/elsewhere/catalogue.svc' | grep -q '^libsvcc '"

make -s -C "$top" BUILD="$tmp/build" PREFIX="$tmp/prefix" uninstall >>"$tmp/log" 2>&1
check "uninstall" "[ ! -e '$tmp/prefix/bin/svcc' ] && [ ! -e '$tmp/prefix/share/svcc' ] && [ ! -e '$lib/libsvcc.so' ] && [ ! -e '$tmp/prefix/include/svcc.h' ]"
[ "$fail" -eq 0 ] || cat "$tmp/log"
echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
