/** Room between two nodes' discs in a large map's force layout, in model units (a detailed map keeps more). */
export const FORCE_NODE_GAP = 2;

/** The most a crowd is spread out in one step when pushing pairs apart cannot part it. */
const MAX_SPREAD = 1.5;

/**
 * One pass over every overlapping pair, pushing each apart (only the nodes not `fixed`); a grid of cells
 * the size of the largest disc keeps it near O(n). Returns the pairs found and the largest factor by which
 * a pair's distance falls short (needed / actual).
 */
function pass(x: Float64Array | Float32Array, y: Float64Array | Float32Array, radius: ArrayLike<number>, fixed: ArrayLike<number>, gap: number, cell: number): { found: number; shortBy: number } {
  const n = x.length;
  const cells = new Map<number, number[]>();
  const keyOf = (cx: number, cy: number): number => cx * 1_000_003 + cy;
  for (let i = 0; i < n; i++) {
    const key = keyOf(Math.floor((x[i] ?? 0) / cell), Math.floor((y[i] ?? 0) / cell));
    const members = cells.get(key);
    if (members) members.push(i);
    else cells.set(key, [i]);
  }
  let found = 0;
  let shortBy = 1;
  for (let i = 0; i < n; i++) {
    const cx = Math.floor((x[i] ?? 0) / cell);
    const cy = Math.floor((y[i] ?? 0) / cell);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of cells.get(keyOf(cx + dx, cy + dy)) ?? []) {
          if (j <= i) continue;
          const min = (radius[i] ?? 0) + (radius[j] ?? 0) + gap;
          let ddx = (x[j] ?? 0) - (x[i] ?? 0);
          let ddy = (y[j] ?? 0) - (y[i] ?? 0);
          let distance = Math.hypot(ddx, ddy);
          if (distance >= min) continue;
          found++;
          shortBy = Math.max(shortBy, min / Math.max(distance, 1e-6));
          if (distance < 1e-6) {
            // Same place: part them along a direction that depends on the pair, so it is deterministic.
            const angle = ((i * 7 + j * 13) % 360) * (Math.PI / 180);
            ddx = Math.cos(angle);
            ddy = Math.sin(angle);
            distance = 1;
          }
          const push = (min - distance) / distance;
          const iMoves = fixed[i] ? 0 : fixed[j] ? 1 : 0.5;
          const jMoves = fixed[j] ? 0 : fixed[i] ? 1 : 0.5;
          x[i] = (x[i] ?? 0) - ddx * push * iMoves;
          y[i] = (y[i] ?? 0) - ddy * push * iMoves;
          x[j] = (x[j] ?? 0) + ddx * push * jMoves;
          y[j] = (y[j] ?? 0) + ddy * push * jMoves;
        }
      }
    }
  }
  return { found, shortBy };
}

/**
 * Pushes apart nodes whose discs (plus `gap`) overlap, moving only those not `fixed`, until none do.
 * Pushing pairs apart settles a few overlaps in a few passes, but in a crowd (a dense hub of a large map) it
 * only passes the overlap on to the neighbours; so when `rounds` passes leave some and no node is fixed,
 * the whole drawing is spread out from its middle by what the worst pair lacks (at most 1.5 times at once),
 * which parts every pair short by less, and the passes go on. Returns how many overlapping pairs the last
 * pass found (0: none left).
 */
export function separate(
  x: Float32Array | Float64Array,
  y: Float32Array | Float64Array,
  radius: ArrayLike<number>,
  fixed: ArrayLike<number>,
  gap: number,
  rounds = 30,
): number {
  const n = x.length;
  let largest = 1;
  for (let i = 0; i < n; i++) largest = Math.max(largest, (radius[i] ?? 0) + gap);
  const cell = 2 * largest;
  const anyFixed = Array.prototype.some.call(fixed, (flag: number) => flag !== 0);
  let found = 0;
  for (let spread = 0; spread < 4; spread++) {
    let shortBy = 1;
    for (let round = 0; round < rounds; round++) {
      ({ found, shortBy } = pass(x, y, radius, fixed, gap, cell));
      if (found === 0) return 0;
    }
    if (anyFixed) return found;
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) {
      mx += (x[i] ?? 0) / n;
      my += (y[i] ?? 0) / n;
    }
    const factor = Math.min(MAX_SPREAD, shortBy * 1.001);
    for (let i = 0; i < n; i++) {
      x[i] = mx + ((x[i] ?? 0) - mx) * factor;
      y[i] = my + ((y[i] ?? 0) - my) * factor;
    }
  }
  return pass(x, y, radius, fixed, gap, cell).found;
}
