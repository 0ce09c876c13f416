/**
 * One visual language for the hosts every lab draws: the same glyph for the same role in the packet
 * player, the landing demo and the election lab, and in their legends. Shape tells the role (so it
 * does not rest on colour); colour is left to state (MASTER, dropped…).
 */
export type Role = 'client' | 'router' | 'director' | 'rs';

/** An SVG path centred on 0,0 that fits a circle of radius r. */
export function rolePath(role: Role, r = 18): string {
  const f = (n: number) => Math.round(n * 100) / 100;
  switch (role) {
    case 'client':
      return `M${-r},0a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
    case 'router':
      return `M0,${-r}L${r},0L0,${r}L${-r},0Z`;
    case 'director': {
      const pts = Array.from({ length: 6 }, (_, i) => {
        const a = (Math.PI / 3) * i;
        return `${f(r * Math.cos(a))},${f(r * Math.sin(a))}`;
      });
      return `M${pts.join('L')}Z`;
    }
    case 'rs': {
      const s = f(r * 0.85);
      return `M${-s},${-s}H${s}V${s}H${-s}Z`;
    }
  }
}

/** The role of a node of the packet topology or the demo (`rs1`, `rs2` are real servers). */
export const roleOf = (id: string): Role => (id === 'client' || id === 'router' || id === 'director' ? id : 'rs');
