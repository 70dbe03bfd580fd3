/**
 * Pushes apart nodes whose discs (plus `gap`) overlap, moving only those not `fixed`, until none do or
 * `rounds` passes are done. A grid of cells the size of the largest disc keeps a pass near O(n).
 * Returns how many overlapping pairs the last pass found (0: none left).
 */
export function separate(
  x: Float32Array | Float64Array,
  y: Float32Array | Float64Array,
  radius: ArrayLike<number>,
  fixed: ArrayLike<number>,
  gap: number,
  rounds = 60,
): number {
  const n = x.length;
  let largest = 1;
  for (let i = 0; i < n; i++) largest = Math.max(largest, (radius[i] ?? 0) + gap);
  const cell = 2 * largest;
  let found = 0;
  for (let round = 0; round < rounds; round++) {
    const cells = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const key = `${Math.floor((x[i] ?? 0) / cell)},${Math.floor((y[i] ?? 0) / cell)}`;
      const members = cells.get(key);
      if (members) members.push(i);
      else cells.set(key, [i]);
    }
    found = 0;
    for (let i = 0; i < n; i++) {
      const cx = Math.floor((x[i] ?? 0) / cell);
      const cy = Math.floor((y[i] ?? 0) / cell);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (const j of cells.get(`${cx + dx},${cy + dy}`) ?? []) {
            if (j <= i) continue;
            const min = (radius[i] ?? 0) + (radius[j] ?? 0) + gap;
            let ddx = (x[j] ?? 0) - (x[i] ?? 0);
            let ddy = (y[j] ?? 0) - (y[i] ?? 0);
            let distance = Math.hypot(ddx, ddy);
            if (distance >= min) continue;
            found++;
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
    if (found === 0) return 0;
  }
  return found;
}
