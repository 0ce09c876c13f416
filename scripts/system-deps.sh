#!/usr/bin/env bash
# Installs the Debian packages the tests run against, when they are missing:
# Chromium (end-to-end tests), keepalived (the config and VRRP oracle), nftables (hook traces),
# iproute2 (network namespaces), nginx, its stream module and wrk (the L4-vs-L7 benchmark).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v keepalived >/dev/null 2>&1 || [ -x /usr/sbin/keepalived ] || need+=(keepalived)
command -v nft >/dev/null 2>&1 || [ -x /usr/sbin/nft ] || need+=(nftables)
command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || need+=(iproute2)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
# A real kernel with IPVS for test/kernel: user-mode Linux, its module loader, ipvsadm, legacy iptables, tcpdump.
[ -x /usr/bin/linux.uml ] || need+=(user-mode-linux)
command -v modprobe >/dev/null 2>&1 || [ -x /usr/sbin/modprobe ] || need+=(kmod)
command -v ipvsadm >/dev/null 2>&1 || [ -x /usr/sbin/ipvsadm ] || need+=(ipvsadm)
[ -x /usr/sbin/iptables-legacy ] || need+=(iptables)
command -v tcpdump >/dev/null 2>&1 || [ -x /usr/bin/tcpdump ] || need+=(tcpdump)
[ -x /usr/bin/python3 ] || need+=(python3)
# The client of test/kernel/ipvsadm's traffic scripts (the simulated console answers as Debian 12's curl 7.88).
[ -x /usr/bin/curl ] || need+=(curl)
# The browser's kernel image (scripts/kernel-image/build.sh): Debian's i386 packages unpacked and packed again.
command -v zstd >/dev/null 2>&1 || need+=(zstd)
command -v cpio >/dev/null 2>&1 || need+=(cpio)
command -v readelf >/dev/null 2>&1 || need+=(binutils)
[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || need+=(debian-archive-keyring)
# ipvsadm -L names ports from /etc/services, as the site's console does.
[ -f /etc/services ] || need+=(netbase)
# nginx-light has no stream (L4 proxy) module built in; Debian ships it as a loadable module.
[ -f /usr/lib/nginx/modules/ngx_stream_module.so ] || need+=(libnginx-mod-stream)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "system-deps: missing ${need[*]}; run as root or install them with apt-get" >&2
  exit 1
fi
echo "system-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
# The tests start their own keepalived and nginx, in namespaces of their own. Packages must not start theirs:
# Debian's own switch for that is a policy-rc.d that refuses (exit 101) while they install. Nothing running is
# stopped, and a policy-rc.d the machine already has is left as it is.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\n# lvs-lab system-deps: no daemon starts while the test packages install\nexit 101\n' > "$policy"
  chmod +x "$policy"
  trap 'rm -f "$policy"' EXIT
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
