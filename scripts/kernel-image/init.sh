#!/bin/busybox sh
# The guest's init: mounts, the modules the site's experiments use, then the agent on the serial
# console (agent.sh), restarted if it ever exits. The site saves the machine right after this.
/bin/busybox --install -s /bin
export PATH=/sbin:/usr/sbin:/bin:/usr/bin HOME=/root
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /tmp
mkdir -p /run/netns
# Kernel messages would land in the middle of a script's output on the console.
dmesg -n 1
# crc32c first: libcrc32c (IPVS through nf_conntrack) needs it, a soft dependency busybox modprobe does not follow.
while read -r m; do modprobe "$m" || echo "init: modprobe $m failed"; done < /etc/modules
ip link set lo up
hostname director
# Warm Python once (its compiled modules land in the root, and so in the saved machine).
python3 -c 'import json, selectors, socket, struct, subprocess, threading, ctypes, time' || echo "init: python3 failed"
# Freed memory keeps what it held (the packed initramfs, for one): fill it with zeros once, so that the
# saved machine compresses to what is really in use.
mkdir -p /mnt/zero && mount -t tmpfs -o size=100% tmpfs /mnt/zero
free_mb=$(awk '/^MemFree:/ { print int($2 / 1024) - 12 }' /proc/meminfo)
dd if=/dev/zero of=/mnt/zero/z bs=1M count="$free_mb" 2>/dev/null
umount /mnt/zero
dmesg | grep -q "Initramfs unpacking failed" && echo "init: Initramfs unpacking failed (the root did not fit in memory)"
echo "@@READY@@"
while :; do /sbin/agent </dev/ttyS0 >/dev/ttyS0 2>&1; done
