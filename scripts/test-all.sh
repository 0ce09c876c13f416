#!/usr/bin/env bash
# Every test: type check, unit, conformance against the real systems, the built site end to end
# (also built under a sub-path, and offline), and the gates that fail CI: JavaScript budget,
# packets in flight, Lighthouse on every page. Stops at the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
# This run's own files, removed at the end (two runs at once never share a name).
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lvs-lab-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# The real kernel the site runs in the browser, built from Debian's packages (public/kernel; about a minute):
# rebuilt on every run, so what CI tests is what the script makes.
echo "== kernel image"; bash scripts/kernel-image/build.sh
echo "== type check";   npm run --silent check
echo "== unit tests";   npx vitest run --project unit
echo "== conformance";  npx vitest run --project conformance --no-file-parallelism
echo "== real kernel";  npx vitest run --project kernel --no-file-parallelism
echo "== build";        npx astro build >"$tmp/build.log" 2>&1 || { tail -50 "$tmp/build.log"; exit 1; }
echo "== end to end";   npx playwright test --project=site
# The real kernel in the page, on its own: its machine keeps real time, and the CPU is all its own here.
echo "== end to end: the real kernel"; npx playwright test --project=kernel
echo "== gates fail when broken"; npx vitest run --project gates
echo "== size budget";  node bench/size.mjs
echo "== packets in flight"; node bench/packet-flight.mjs
echo "== typing in the playground"; node bench/playground-typing.mjs
echo "== real kernel in the browser"; node bench/kernel.mjs
echo "== lighthouse";   node bench/lighthouse.mjs
# The site served from a sub-path (/lvs-lab/): every page, its links, the labs and offline reading.
echo "== sub-path build"
LVS_BASE=/lvs-lab/ npx astro build --outDir "$tmp/dist-base" >"$tmp/build-base.log" 2>&1 || { tail -50 "$tmp/build-base.log"; exit 1; }
E2E_DIST="$tmp/dist-base" E2E_BASE=/lvs-lab/ npx playwright test site.spec offline.spec player.spec playground.spec netfilter.spec operating.spec
# Short L4-vs-L7 runs prove the measurement works, on this kernel (no IPVS here) and inside the kernel lab's
# user-mode Linux with real IPVS; the committed figures come from a full kernel-lab run (5 repeats).
echo "== l4 vs l7 (short)"; node bench/l4-vs-l7/run.mjs --duration 2 --idle 50 --repeats 1 --out "$tmp/l4l7.json"
echo "== l4 vs l7 in the kernel lab (short)"; npx tsx bench/l4-vs-l7/kernel-lab.ts --duration 1 --idle 20 --repeats 2 --out "$tmp/l4l7-kernel.json"
