/**
 * VRRP timers. keepalived's default is VRRPv2 (RFC 3768), where Skew_Time = (256 − Priority) / 256
 * seconds whatever the advertisement interval; VRRPv3 (RFC 5798) scales it by the interval. Measured
 * on keepalived 2.2.7 with advert_int 1: priority 150 became MASTER 3.41 s after start (3 × 1 + 106/256),
 * and a priority-100 backup took over 0.61 s after the master's graceful stop (156/256).
 */
export function skewTime(priority: number, advertInt: number, version: 2 | 3): number {
  const base = (256 - priority) / 256;
  return version === 3 ? base * advertInt : base;
}

export function masterDownInterval(priority: number, advertInt: number, version: 2 | 3): number {
  return 3 * advertInt + skewTime(priority, advertInt, version);
}
