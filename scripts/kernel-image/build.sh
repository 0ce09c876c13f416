#!/usr/bin/env bash
# Builds the real kernel the site runs in the reader's browser (v86, an x86 emulator in WebAssembly):
# Debian 12's own i386 kernel, the modules IPVS, veth, IPIP, iptables and conntrack need, busybox,
# ipvsadm, iproute2, iptables and a trimmed Python 3.11 (so the browser runs test/kernel/guest's own
# scripts), all from Debian's i386 packages; then boots it once in v86 under Node and saves the
# machine's state after boot, so a reader's "start" restores a running machine instead of booting.
#
#   bash scripts/kernel-image/build.sh [--if-missing] [--soft]
#
# Output in public/kernel/ (served by the site itself, fetched only when a reader asks):
#   state.bin.zst   the saved machine (zstd, which v86 reads directly)
#   bios.bin, vgabios.bin   SeaBIOS, which v86 needs to build the machine it restores into
#   manifest.json   every Debian package used, with its source package and version (GPL), and checksums
# Nothing is installed on this machine: apt runs with a private state directory under .cache/.
# --if-missing: do nothing when public/kernel/manifest.json exists and names this script's inputs.
# --soft: on failure, warn and exit 0 (the site then says the kernel was not built with it).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=scripts/kernel-image
out=public/kernel
work=$(realpath -m "${KERNEL_IMAGE_WORK:-.cache/kernel-image}")
if_missing=0 soft=0
for a in "$@"; do
  case "$a" in
    --if-missing) if_missing=1 ;;
    --soft) soft=1 ;;
    *) echo "build.sh: unknown option $a (use --if-missing, --soft)" >&2; exit 2 ;;
  esac
done
# The inputs' fingerprint: this script, the guest's files and test/kernel/guest's scripts it carries.
inputs=$(cat "$here"/* test/kernel/guest/*.py | sha256sum | cut -c1-16)
if [ "$if_missing" = 1 ] && [ -f "$out/manifest.json" ] && grep -q "\"inputs\": \"$inputs\"" "$out/manifest.json"; then
  echo "kernel image: up to date ($out)"; exit 0
fi
if [ "$soft" = 1 ]; then
  bash "$0" || { echo "kernel image: not built (above); the site builds without its real kernel" >&2; exit 0; }
  exit 0
fi
for t in apt-get dpkg-deb cpio gzip zstd depmod readelf node; do
  command -v "$t" >/dev/null || { echo "kernel image: needs $t (Debian: apt-get install apt dpkg cpio gzip zstd kmod binutils)" >&2; exit 1; }
done

# 1. Debian's i386 packages, through a private apt (the machine's own apt state is left alone).
apt_dir=$work/apt
mkdir -p "$apt_dir/state/lists/partial" "$apt_dir/cache/archives/partial" "$work/debs"
: > "$apt_dir/status"
# Debian 12 (bookworm) main: the same release as the user-mode kernel the test suite uses.
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror bookworm main" > "$apt_dir/sources.list"
apt_opts=(-o "Dir::State=$apt_dir/state" -o "Dir::State::status=$apt_dir/status" -o "Dir::Cache=$apt_dir/cache"
  -o "Dir::Etc::SourceList=$(realpath "$apt_dir/sources.list")" -o "Dir::Etc::SourceParts=/nonexistent"
  -o APT::Architecture=i386 -o APT::Architectures::=i386 -o Debug::NoLocking=1 -o APT::Sandbox::User=root -qq)
apt-get "${apt_opts[@]}" update
kernel_pkg=$(apt-cache "${apt_opts[@]}" depends linux-image-686 | sed -n 's/^ *Depends: \(linux-image-[0-9].*-686\)$/\1/p' | head -1)
[ -n "$kernel_pkg" ] || { echo "kernel image: linux-image-686 names no kernel package" >&2; exit 1; }
pkgs=("$kernel_pkg" busybox-static dash netbase seabios
  ipvsadm libnl-3-200 libnl-genl-3-200 libpopt0 libc6 libgcc-s1
  iproute2 libbpf1 libelf1 libmnl0 libcap2 libbsd0 libmd0 libselinux1 libpcre2-8-0 libtirpc3 libdb5.3 libxtables12 zlib1g
  libgssapi-krb5-2 libkrb5-3 libk5crypto3 libkrb5support0 libcom-err2 libkeyutils1 libssl3
  iptables libip4tc2 libip6tc2 libnftnl11 libnetfilter-conntrack3 libnfnetlink0
  python3.11-minimal libpython3.11-minimal libpython3.11-stdlib libexpat1 libffi8
  keepalived libsnmp40 libsensors5 libpci3 libudev1 libwrap0 libglib2.0-0 libmount1 libblkid1 libsystemd0 liblz4-1
  libzstd1 liblzma5 libgcrypt20 libgpg-error0 libnsl2 libperl5.36 libcrypt1 libgdbm6 libgdbm-compat4
  curl libcurl4 libbrotli1 libidn2-0 libldap-2.5-0 libnghttp2-14 libpsl5 librtmp1 libssh2-1 libunistring2 libsasl2-2
  libgnutls30 libhogweed6 libnettle8 libgmp10 libp11-kit0 libtasn1-6
  tcpdump libpcap0.8 libdbus-1-3 libibverbs1)
rm -f "$work/debs"/*.deb
(cd "$work/debs" && apt-get "${apt_opts[@]}" download "${pkgs[@]}")

# 2. Unpack them side by side (a sysroot to take files from).
sys=$work/sysroot
rm -rf "$sys" && mkdir -p "$sys"
for d in "$work/debs"/*.deb; do dpkg-deb -x "$d" "$sys"; done
kver=${kernel_pkg#linux-image-}

# 3. The guest's root: only what the guest runs, and the libraries those programs name (ELF NEEDED).
root=$work/root
rm -rf "$root" && mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,usr/lib,etc,proc,sys,dev,run,tmp,root,guest}
# Merged /usr, as Debian 12 has it: /lib/ld-linux.so.2 and /lib/modules resolve into /usr/lib.
ln -s usr/lib "$root/lib"
take() { # copies sysroot paths into the root, keeping symlinks
  for p in "$@"; do mkdir -p "$root/$(dirname "$p")"; cp -a "$sys/$p" "$root/$p"; done
}
take bin/busybox sbin/ipvsadm bin/ip usr/sbin/xtables-legacy-multi usr/bin/python3.11 usr/sbin/keepalived usr/bin/curl usr/bin/tcpdump
ln -s /bin/ip "$root/sbin/ip"
# sh is dash: busybox's own sh runs its applets first (busybox ip, with no netns), before iproute2's ip on PATH.
take bin/dash
ln -s dash "$root/bin/sh"
for t in iptables-legacy iptables-legacy-save iptables-legacy-restore; do ln -s xtables-legacy-multi "$root/usr/sbin/$t"; done
ln -s python3.11 "$root/usr/bin/python3"
libdir=usr/lib/i386-linux-gnu
take lib/ld-linux.so.2 "$libdir/xtables"
# Python: the interpreter's own library, trimmed to what the guest scripts import (and what that imports).
py=usr/lib/python3.11
mkdir -p "$root/$py"
(cd "$sys/$py" && tar --exclude=__pycache__ --exclude=test --exclude=tests --exclude=idlelib --exclude=tkinter \
  --exclude=turtledemo --exclude=ensurepip --exclude=lib2to3 --exclude=pydoc_data --exclude=distutils \
  --exclude=unittest --exclude=sqlite3 --exclude=curses --exclude=dbm --exclude=xmlrpc --exclude=email \
  --exclude=http --exclude=asyncio --exclude=multiprocessing --exclude=concurrent --exclude=xml --exclude=venv \
  --exclude=config-3.11-i386-linux-gnu --exclude='_sqlite3*' --exclude='_curses*' --exclude='_dbm*' \
  --exclude='_gdbm*' --exclude='_tkinter*' --exclude='_ssl*' --exclude='_hashlib*' --exclude='_test*' \
  --exclude='_codecs_[a-z][a-z].*' --exclude='_decimal*' --exclude='_crypt*' --exclude='crypt.py' --exclude='_uuid*' --exclude='nis.*' --exclude='_ctypes_test*' --exclude='ossaudiodev*' --exclude='audioop*' --exclude='_lzma*' --exclude='_bz2*' --exclude='readline*' \
  --exclude=site-packages --exclude=dist-packages -cf - .) | (cd "$root/$py" && tar -xf -)
# Every ELF file's NEEDED libraries, found in the sysroot, until nothing new is named.
need_libs() {
  local changed=1
  while [ "$changed" = 1 ]; do
    changed=0
    while read -r lib; do
      [ -e "$root/$libdir/$lib" ] || [ -e "$root/lib/$lib" ] && continue
      src=$(find "$sys/$libdir" "$sys/lib/i386-linux-gnu" "$sys/lib" -maxdepth 1 -name "$lib" 2>/dev/null | head -1)
      [ -n "$src" ] || { echo "kernel image: no package here has $lib" >&2; exit 1; }
      mkdir -p "$root/$libdir"
      cp -L "$src" "$root/$libdir/$lib"
      changed=1
    done < <(find "$root" -type f \( -perm -u+x -o -name '*.so*' \) -exec readelf -d {} + 2>/dev/null |
      sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u)
  done
}
need_libs
# The guest's own files, and test/kernel/guest's scripts, so that the browser runs the same experiments.
install -m 755 "$here/init.sh" "$root/init"
install -m 755 "$here/agent.sh" "$root/sbin/agent"
for g in replay-schedulers.py ipvsadm-scripts.py ipvsadm-live.py http-hello.py keepalived-pair.py tcp-exchange.py; do install -m 644 "test/kernel/guest/$g" "$root/guest/"; done
# tcpdump (Debian's build) drops to the user tcpdump once its capture is open.
printf 'root:x:0:0:root:/root:/bin/sh\ntcpdump:x:101:101::/nonexistent:/usr/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\ntcpdump:x:101:\n' > "$root/etc/group"
# Port and protocol names (ipvsadm -L without -n names ports as the console's simulation does).
cp "$sys/etc/services" "$sys/etc/protocols" "$root/etc/"

# 4. Kernel modules: the ones the guest loads, and what they depend on (modules.dep), nothing else.
moddir=lib/modules/$kver
depmod -b "$sys" "$kver"
wanted=(crc32c_generic ip_vs ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_lblc ip_vs_lblcr ip_vs_dh ip_vs_sh ip_vs_sed
  ip_vs_nq ip_vs_fo ip_vs_ovf ip_vs_mh veth ipip dummy bridge iptable_filter iptable_mangle iptable_nat
  iptable_raw iptable_security xt_mark xt_tcpudp xt_conntrack xt_ipvs xt_TRACE xt_LOG nf_log_syslog nf_nat af_packet)
mods=()
for m in "${wanted[@]}"; do
  line=$(modprobe -d "$sys" -S "$kver" --show-depends "$m" 2>/dev/null) || { echo "kernel image: no module $m in $kernel_pkg" >&2; exit 1; }
  while read -r kind path _; do [ "$kind" = insmod ] && mods+=("${path#"$sys"/}"); done <<< "$line"
done
for m in $(printf '%s\n' "${mods[@]}" | sort -u); do take "$m"; done
cp "$sys/$moddir"/modules.{order,builtin,builtin.modinfo} "$root/$moddir/" 2>/dev/null || true
depmod -b "$root" "$kver"
printf '%s\n' "${wanted[@]}" > "$root/etc/modules"

# 5. The initramfs, reproducibly: sorted names, one timestamp, no gzip name or time.
find "$root" -exec touch -h -d @0 {} +
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --reproducible --quiet -R 0:0) | gzip -n -9 > "$work/initrd.gz"
cp "$sys/boot/vmlinuz-$kver" "$work/bzImage"
mkdir -p "$out"
cp "$sys/usr/share/seabios/bios.bin" "$out/bios.bin"
cp "$sys/usr/share/seabios/vgabios-stdvga.bin" "$out/vgabios.bin"
# The emulator itself (npm's v86, BSD-2-Clause), served from here too: all of the machine under one folder,
# which the offline copy leaves out until a reader starts it.
cp node_modules/v86/build/libv86.mjs node_modules/v86/build/v86.wasm "$out/"

# 6. Boot it once in v86 and save the running machine.
# The machine's memory: the unpacked root (about 50 MB) lives in it, with the kernel and what the guest runs.
memory_mb=192
node "$here/snapshot.mjs" "$work/bzImage" "$work/initrd.gz" "$out/bios.bin" "$out/vgabios.bin" "$work/state.bin" "$memory_mb"
zstd -q -f -19 --long=27 -T0 "$work/state.bin" -o "$out/state.bin.zst" 2>/dev/null || zstd -q -f -19 "$work/state.bin" -o "$out/state.bin.zst"

# 7. The manifest: packages with their source packages (the GPL's "corresponding source" is Debian's, at these
#    versions), the kernel, and checksums of what is served.
{
  printf '{\n  "inputs": "%s",\n  "kernel": "%s",\n  "built": "%s",\n  "v86": "%s",\n  "memoryBytes": %d,\n  "packages": [\n' "$inputs" "$kver" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(node -p 'require("v86/package.json").version')" "$((memory_mb * 1024 * 1024))"
  first=1
  for d in "$work/debs"/*.deb; do
    IFS=$'\t' read -r p v src src_ver < <(dpkg-deb -W --showformat='${Package}\t${Version}\t${source:Package}\t${source:Version}\n' "$d")
    [ "$first" = 1 ] || printf ',\n'; first=0
    printf '    {"package": "%s", "version": "%s", "source": "%s", "sourceVersion": "%s"' "$p" "$v" "$src" "$src_ver"
    # The signed kernel's source package holds signatures only; the kernel's code is Debian's linux at this version.
    case "$src" in linux-signed-*) printf ', "codeSource": "linux", "codeSourceVersion": "%s"' "$v" ;; esac
    printf '}'
  done
  printf '\n  ],\n  "files": {\n'
  first=1
  for f in state.bin.zst bios.bin vgabios.bin libv86.mjs v86.wasm; do
    [ "$first" = 1 ] || printf ',\n'; first=0
    printf '    "%s": {"bytes": %d, "sha256": "%s"}' "$f" "$(stat -c %s "$out/$f")" "$(sha256sum "$out/$f" | cut -d' ' -f1)"
  done
  printf ',\n    "state.bin": {"bytes": %d}\n  },\n' "$(stat -c %s "$work/state.bin")"
  printf '  "initrd": {"bytes": %d, "sha256": "%s"}\n}\n' "$(stat -c %s "$work/initrd.gz")" "$(sha256sum "$work/initrd.gz" | cut -d' ' -f1)"
} > "$out/manifest.json"
echo "kernel image: $out (state $(stat -c %s "$out/state.bin.zst") bytes, initrd $(stat -c %s "$work/initrd.gz") bytes, $kernel_pkg)"
