/**
 * Whether two values of plain data (strings, numbers, booleans, arrays and plain objects of them) hold the same
 * data, whatever their identity and the order of their keys: what tells an analysis made again from an edited
 * note apart from the one before, part by part.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Readonly<Record<string, unknown>>;
  const right = b as Readonly<Record<string, unknown>>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => key in right && sameData(left[key], right[key]));
}
