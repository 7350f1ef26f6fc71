#!/usr/bin/env bash
# tests/layers/test_layers.sh
# The project keeps the layers of docs/architecture.md (check-layers.sh), and
# the checker finds each kind of break in a small tree made to break them
# (tests/layers/bad/), so a passing check means something.
set -u
here=$(cd "$(dirname "$0")" && pwd)
fails=0
out=$(bash "$here/check-layers.sh" "$here/bad")
[ $? -eq 1 ] || { echo "FAIL: the broken tree passed"; fails=1; }
for want in \
  'include/psorsim/low.h:3: includes <psorsim/high.h>: high (layer 1) is above low (layer 0)' \
  'include/psorsim/high.h:4: includes <yaml.h>: a public header may include only standard and psorsim headers' \
  'src/low/low.c:1: includes "high/high_impl.h": a private header of module high' \
  'src/high/high.c:3: includes "low/low_impl.h": a private header of module low' \
  'include guard LOW_SHARED_H is used by 2 headers' \
  'check-layers: 5 include(s) break'; do
  grep -qF "$want" <<<"$out" || { echo "FAIL: expected: $want"; fails=1; }
done
bash "$here/check-layers.sh" "$here/../.." || { echo "FAIL: the project breaks its layers"; fails=1; }
[ $fails -eq 0 ] && echo "layers: checker and project OK"
exit $fails
