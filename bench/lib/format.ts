import type { Row } from './results';

/** A figure with about three significant digits and thousands separators: 0.0123, 4.56, 78.9, 1,234. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : abs >= 0.1 ? 3 : 4;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

export function withUnit(value: number, unit: Row['unit']): string {
  if (unit === 'ms' && value >= 10_000) return `${num(value / 1000)} s`;
  return `${num(value)} ${unit}`;
}

/** `8.3× faster` or `1.6× slower`. */
export function speed(ratio: number): string {
  return ratio >= 1 ? `${num(ratio)}× faster` : `${num(1 / ratio)}× slower`;
}
