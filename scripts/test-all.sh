#!/usr/bin/env bash
# Every test: type check, unit, conformance against the real systems, the built site end to end,
# and the size budget's figures. Stops at the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
# This run's own files, removed at the end (two runs at once never share a name).
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lvs-lab-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
echo "== type check";   npm run --silent check
echo "== unit tests";   npx vitest run --project unit
echo "== conformance";  npx vitest run --project conformance --no-file-parallelism
echo "== real kernel";  npx vitest run --project kernel --no-file-parallelism
echo "== build";        npx astro build >"$tmp/build.log" 2>&1 || { tail -50 "$tmp/build.log"; exit 1; }
echo "== end to end";   npx playwright test
echo "== size budget";  node bench/size.mjs
echo "== packets in flight"; node bench/packet-flight.mjs
# A short L4-vs-L7 run proves the measurement works on this machine; the committed figures come from a full run.
echo "== l4 vs l7 (short)"; node bench/l4-vs-l7/run.mjs --duration 2 --idle 50 --out "$tmp/l4l7.json"
