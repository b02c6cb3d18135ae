#!/usr/bin/env bash
# Enforces STYLE.md §3: domain/ and core/ stay pure; a module includes only other modules'
# api.hpp; Beast/Asio only in platform/http/*.cpp; sqlite3.h/libpq only in platform/db .cpp files;
# Mustache only in platform/web/renderer.cpp.
set -uo pipefail
cd "$(dirname "$0")/../src"
fail=0
report() { echo "layer rule: $*"; fail=1; }

# core/: the standard library and fmt (core/format.hpp) only.
while IFS= read -r line; do
    report "core may include only the standard library and core/: $line"
done < <(grep -nE '^#include' core/*.hpp core/*.cpp 2>/dev/null | grep -vE '#include <[a-z_]+>|#include "core/|#include <fmt/' )

# <module>/domain/: std, core/ and its own domain/.
for d in $(find . -type d -name domain -not -path './platform/*'); do
    mod=${d#./}; mod=${mod%/domain}
    while IFS= read -r line; do
        report "$mod/domain may include only <std>, core/ and $mod/domain/: $line"
    done < <(grep -nE '^#include' "$d"/*.hpp "$d"/*.cpp 2>/dev/null | grep -vE "#include <[a-z_]+>|#include \"core/|#include \"$mod/domain/")
done

# A module includes other modules only through their api.hpp. Its tests/ may also drive another
# module's services (e.g. demo's tests sign in with identity's LoginService to prove the printed
# logins work); production code may not.
for m in $(find . -mindepth 1 -maxdepth 1 -type d ! -name core ! -name platform ! -name app -printf '%f\n'); do
    while IFS= read -r line; do
        inc=$(sed -E 's/.*#include "([^"]+)".*/\1/' <<<"${line#*:*:}")
        other=${inc%%/*}
        if [ "$other" != "$m" ] && [ "$other" != "core" ] && [ "$other" != "platform" ] && [[ "$inc" != */api.hpp ]]; then
            report "$m includes $inc: only another module's api.hpp is allowed"
        fi
    done < <(grep -rnE '^#include "' "$m" 2>/dev/null | grep -v "^$m/tests/")
done

# Heavy or backend headers stay behind their adapters.
while IFS= read -r f; do
    case "$f" in platform/http/*.cpp|platform/http/tests/*) ;; *) report "$f includes Boost.Beast/Asio (only platform/http/*.cpp may)";; esac
done < <(grep -rlE '#include <boost/(beast|asio)' . | sed 's|^\./||')
while IFS= read -r f; do
    case "$f" in platform/db/*.cpp|platform/db/tests/*) ;; *) report "$f includes sqlite3.h or libpq-fe.h (only platform/db/*.cpp may)";; esac
done < <(grep -rlE '#include [<"](sqlite3|libpq-fe)\.h' . | sed 's|^\./||')
while IFS= read -r f; do
    case "$f" in platform/web/renderer.cpp) ;; *) report "$f includes kainjow/mustache.hpp (only platform/web/renderer.cpp may)";; esac
done < <(grep -rlE '#include <kainjow/' . | sed 's|^\./||')
# Headers use json_fwd.hpp, not the full nlohmann/json.hpp.
while IFS= read -r f; do
    report "$f includes <nlohmann/json.hpp> in a header (use <nlohmann/json_fwd.hpp>)"
done < <(grep -rlE '#include <nlohmann/json.hpp>' --include='*.hpp' . | grep -v '/tests/' | sed 's|^\./||')

[ $fail -eq 0 ] && echo "layer rules: ok"
exit $fail
