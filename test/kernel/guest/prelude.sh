#!/bin/sh
# PID 1 of the user-mode kernel: the mounts and the module loader every guest script needs.
# The harness appends the test's own script after this prelude; WORK is the run's own folder
# on the host (the guest sees the host's files through hostfs) and the only place it writes.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export HOME="$WORK" TMPDIR="$WORK/tmp"
mkdir -p "$TMPDIR" "$WORK/out"
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t tmpfs t /run
mount -t tmpfs t /mnt
V=$(uname -r)
mkdir -p /mnt/lib/modules /run/netns
ln -s "/usr/lib/uml/modules/$V" "/mnt/lib/modules/$V"
printf '#!/bin/sh\nexec /usr/sbin/modprobe -d /mnt "$@"\n' > /mnt/modprobe
chmod +x /mnt/modprobe
echo /mnt/modprobe > /proc/sys/kernel/modprobe
modprobe() { /usr/sbin/modprobe -d /mnt "$@"; }
ip link set lo up
# Whatever the script does, the guest powers off, so the host's linux.uml exits.
trap 'poweroff -f' EXIT
guest_main() {
