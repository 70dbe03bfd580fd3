/**
 * Levenshtein distance if it is at most `max`, else `max + 1`. Only the diagonal band of width 2·max+1 is
 * computed and the rows stop as soon as all exceed `max`, so a far-off name costs little.
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  const over = max + 1;
  if (Math.abs(a.length - b.length) > max) return over;
  if (a === b) return 0;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = Math.min(j, over);
  for (let i = 1; i <= a.length; i++) {
    const low = Math.max(1, i - max);
    const high = Math.min(b.length, i + max);
    current[0] = Math.min(i, over);
    if (low > 1) current[low - 1] = over;
    let rowMin = low > 1 ? over : (current[0] ?? over);
    for (let j = low; j <= high; j++) {
      const substitution = (previous[j - 1] ?? over) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const value = Math.min(over, (previous[j] ?? over) + 1, (current[j - 1] ?? over) + 1, substitution);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (high < b.length) current[high + 1] = over;
    if (rowMin > max) return over;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length] ?? over, over);
}
