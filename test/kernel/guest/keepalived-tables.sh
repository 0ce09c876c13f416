# Sourced by the guest: for every $WORK/in/ka-N.conf, real keepalived in a network namespace of its
# own (dummy eth0 and eth1, as the corpus configs name them), run until it has built its IPVS table,
# then ipvsadm's views of that table into $WORK/out/ka-N.{ln,th,save,log}. Eight at a time.
ka_start() {
  n=$1
  ip netns add "ka$n"
  ip -n "ka$n" link set lo up
  for d in eth0 eth1; do ip -n "ka$n" link add $d type dummy; ip -n "ka$n" link set $d up; done
  ip -n "ka$n" addr add 192.168.200.2/24 dev eth0
  ip -n "ka$n" addr add 10.0.0.1/24 dev eth1
  ip netns exec "ka$n" keepalived -n -l -D -f "$WORK/in/ka-$n.conf" -p "$TMPDIR/ka$n.pid" -c "$TMPDIR/ka$n-c.pid" -r "$TMPDIR/ka$n-r.pid" > "$WORK/out/ka-$n.log" 2>&1 &
  echo $! > "$TMPDIR/ka$n.main"
}
ka_collect() {
  n=$1
  for i in $(seq 40); do grep -q 'Startup complete\|Stopped' "$WORK/out/ka-$n.log" && break; sleep 0.1; done
  sleep ${KA_SETTLE:-0.3}
  ip netns exec "ka$n" ipvsadm -Ln > "$WORK/out/ka-$n.ln" 2>&1
  ip netns exec "ka$n" ipvsadm -Ln --thresholds > "$WORK/out/ka-$n.th" 2>&1
  ip netns exec "ka$n" ipvsadm -S -n > "$WORK/out/ka-$n.save" 2>&1
  kill "$(cat "$TMPDIR/ka$n.main")" 2>/dev/null
  wait "$(cat "$TMPDIR/ka$n.main")" 2>/dev/null
  ip netns del "ka$n"
}
batch=""
for f in "$WORK"/in/ka-*.conf; do
  n=${f##*/ka-}; n=${n%.conf}
  ka_start "$n"; batch="$batch $n"
  if [ $(echo $batch | wc -w) -ge 8 ]; then for b in $batch; do ka_collect $b; done; batch=""; fi
done
for b in $batch; do ka_collect $b; done
