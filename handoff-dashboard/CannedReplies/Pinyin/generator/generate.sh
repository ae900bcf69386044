#!/usr/bin/env bash
# Regenerates ../PinyinInitialsTable.cs from the npm package pinyin-pro (MIT licence).
# The package is installed into a throw-away folder so no node_modules lands in the project.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
npm install --prefix "$work" --no-save --no-audit --no-fund --loglevel=error pinyin-pro@3.29.4 >/dev/null
NODE_PATH="$work/node_modules" node "$here/generate.cjs" > "$here/../PinyinInitialsTable.cs"
echo "wrote $(wc -c < "$here/../PinyinInitialsTable.cs") bytes to PinyinInitialsTable.cs"
