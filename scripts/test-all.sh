#!/usr/bin/env bash
# Every test: type check, unit, conformance against the real systems, the built site end to end,
# and the size budget's figures. Stops at the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
echo "== type check";   npm run --silent check
echo "== unit tests";   npx vitest run --project unit
echo "== conformance";  npx vitest run --project conformance --no-file-parallelism
echo "== build";        npx astro build >/tmp/lvs-lab-build.log 2>&1 || { tail -50 /tmp/lvs-lab-build.log; exit 1; }
echo "== end to end";   npx playwright test
echo "== size budget";  node bench/size.mjs
echo "== packets in flight"; node bench/packet-flight.mjs
