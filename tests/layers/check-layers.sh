#!/usr/bin/env bash
# tests/layers/check-layers.sh [SOURCE_DIR]
# Checks the include graph of src/ and include/psorsim/ against the module
# layers declared in docs/architecture.md (the ```layers block):
#   - a file may include public headers of its own layer or lower ones;
#   - a module's private headers (any header under src/<module>/ that is not
#     declared `internal`) are included only by that module's own files;
#   - a declared internal interface is included only from the same layer or
#     higher ones;
#   - a public header includes only standard headers and other public headers;
#   - no two headers share an include guard.
# Prints one line per violation ("FILE:LINE: includes X: why") and exits 1 if
# there is any. tests/ and tools/ are not checked: tests may include private
# headers on purpose.
set -u +o posix
top=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
spec=$top/docs/architecture.md
[ -r "$spec" ] || { echo "check-layers: cannot read $spec" >&2; exit 2; }

declare -A layer_of_module owner_of_public internal_iface
# The ```layers block: "LAYER MODULE: public.h ... [| internal dir/x.h ...]"
while IFS= read -r line; do
  line=${line%%#*}
  [ -n "${line// /}" ] || continue
  lay=${line%% *}; rest=${line#* }; mod=${rest%%:*}; decl=${rest#*:}
  pub=${decl%%|*}; int=""; [[ $decl == *"|"* ]] && int=${decl#*|}
  layer_of_module[$mod]=$lay
  for h in $pub; do owner_of_public[$h]=$mod; done
  for h in $int; do [ "$h" = internal ] || internal_iface[$h]=$mod; done
done < <(awk '/^```layers/{on=1; next} /^```/{on=0} on' "$spec")
[ -n "${!layer_of_module[*]}" ] || { echo "check-layers: no \`\`\`layers block in $spec" >&2; exit 2; }

fails=0
fail() { echo "$1"; fails=$((fails + 1)); }

check_file() { # path relative to top, module of the file (or "public:<module>")
  local rel=$1 mod=$2 pubfile=0 n=0 inc mylayer
  [[ $mod == public:* ]] && { pubfile=1; mod=${mod#public:}; }
  mylayer=${layer_of_module[$mod]:-}
  [ -n "$mylayer" ] || { fail "$rel: module '$mod' has no layer in docs/architecture.md"; return; }
  while IFS= read -r l; do
    n=$((n + 1))
    [[ $l =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*([\<\"])([^\>\"]+)[\>\"] ]] || continue
    local kind=${BASH_REMATCH[1]} path=${BASH_REMATCH[2]}
    if [ "$kind" = "<" ]; then
      if [[ $path == psorsim/* ]]; then
        local h=${path#psorsim/} owner=${owner_of_public[${path#psorsim/}]:-}
        if [ -z "$owner" ]; then fail "$rel:$n: includes <$path>: not a declared public header"; continue; fi
        [ "${layer_of_module[$owner]}" -le "$mylayer" ] ||
          fail "$rel:$n: includes <$path>: $owner (layer ${layer_of_module[$owner]}) is above $mod (layer $mylayer)"
        : "$h"
      elif [ $pubfile = 1 ] && [[ ! $path =~ ^(stddef|stdint|stdio|stdlib|stdbool|stdarg|limits|float|math|string|time)\.h$ ]]; then
        fail "$rel:$n: includes <$path>: a public header may include only standard and psorsim headers"
      fi
      continue
    fi
    [ $pubfile = 1 ] && { fail "$rel:$n: includes \"$path\": a public header includes no private header"; continue; }
    # resolve "x.h" next to the file, or "module/x.h" from src/
    local target
    if [ -e "$top/$(dirname "$rel")/$path" ]; then
      target=$(realpath --relative-to="$top/src" "$top/$(dirname "$rel")/$path")
    else
      target=$path
    fi
    local tmod=${target%%/*}
    [ "$tmod" = "$mod" ] && continue # a module's own headers
    local imod=${internal_iface[$target]:-}
    if [ -z "$imod" ]; then
      fail "$rel:$n: includes \"$path\": a private header of module $tmod"
    elif [ "${layer_of_module[$imod]}" -gt "$mylayer" ]; then
      fail "$rel:$n: includes \"$path\": internal interface of $imod (layer ${layer_of_module[$imod]}) is above $mod (layer $mylayer)"
    fi
  done <"$top/$rel"
}

for f in "$top"/include/psorsim/*.h; do
  h=$(basename "$f")
  owner=${owner_of_public[$h]:-}
  if [ -z "$owner" ]; then fail "include/psorsim/$h: public header owned by no module in docs/architecture.md"; continue; fi
  check_file "include/psorsim/$h" "public:$owner"
done
while IFS= read -r f; do
  rel=${f#"$top"/}
  mod=${rel#src/}; mod=${mod%%/*}
  check_file "$rel" "$mod"
done < <(find -L "$top/src" -name '*.[ch]' | sort)

# every header has its own include guard
while read -r count guard; do
  [ "$count" -gt 1 ] && fail "include guard $guard is used by $count headers"
done < <(find -L "$top/src" "$top/include" -name '*.h' -exec sed -n '0,/^#ifndef /s/^#ifndef \([A-Za-z0-9_]*\).*/\1/p' {} \; |
  sort | uniq -c)

if [ $fails -gt 0 ]; then
  echo "check-layers: $fails include(s) break the layers of docs/architecture.md"
  exit 1
fi
echo "check-layers: $(find -L "$top/src" "$top/include" -name '*.[ch]' | wc -l) files keep the layers"
