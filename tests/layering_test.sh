#!/usr/bin/env bash
# The layering rule, checked on the sources: sim <- models <- scenarios <- tools. A file may include
# its own folder and the folders below it, never one above; sim/ names no domain word. The build's
# include roots already refuse such an include; this test says which file and line broke the rule.
set -uo pipefail
src="$1"
cd "$src" || exit 2
failed=0
allowed() {  # allowed LAYER: the folders files of LAYER may include
  case "$1" in
    sim) echo "sim" ;;
    models) echo "sim models" ;;
    scenarios) echo "sim models scenarios" ;;
    tools) echo "sim models scenarios tools" ;;
  esac
}
for layer in sim models scenarios tools; do
  ok="$(allowed "$layer")"
  while IFS=: read -r file line text; do
    target="$(sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]+"([^/"]+)\/.*/\1/' <<<"$text")"
    case " $ok " in
      *" $target "*) ;;
      *)
        echo "layering: $file:$line: $layer includes $target/ ($text)"
        failed=$((failed + 1))
        ;;
    esac
  done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]+"[^"]+/' "$layer" --include='*.hpp' --include='*.cpp' --include='*.h')
done
# Domain words (whole words, any case) that must not appear in the engine.
words='SRs?|CSRs?|DCC|DSP|CSPs?|SMKI|suppliers?|meters?|throttl[a-z]*|forecasts?|alerts?'
if hits="$(grep -rniwE "$words" sim --include='*.hpp' --include='*.cpp')"; then
  echo "layering: sim/ names domain words:"
  echo "$hits"
  failed=$((failed + 1))
fi
[ "$failed" -eq 0 ] && echo "layering: every include follows sim <- models <- scenarios <- tools; sim/ has no domain words"
[ "$failed" -eq 0 ]
