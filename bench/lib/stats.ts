/** Order statistics of timing samples. */
export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

function sorted(samples: readonly number[]): number[] {
  return [...samples].sort((a, b) => a - b);
}

/** The value below which `q` of the samples fall (nearest rank): p99 of 10,000 samples is the 9,900th. */
export function quantile(samples: readonly number[], q: number): number {
  const values = sorted(samples);
  if (values.length === 0) return Number.NaN;
  const rank = Math.min(values.length, Math.max(1, Math.ceil(q * values.length)));
  return values[rank - 1] ?? Number.NaN;
}

/** The median; the mean of the two middle values for an even count. */
export function median(samples: readonly number[]): number {
  const values = sorted(samples);
  if (values.length === 0) return Number.NaN;
  const middle = values.length >> 1;
  return values.length % 2 === 1 ? (values[middle] ?? Number.NaN) : ((values[middle - 1] ?? 0) + (values[middle] ?? 0)) / 2;
}

export function summarize(samples: readonly number[]): Summary {
  const values = sorted(samples);
  return {
    n: values.length,
    median: median(values),
    p99: quantile(values, 0.99),
    min: values[0] ?? Number.NaN,
    max: values.at(-1) ?? Number.NaN,
    mean: values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length),
  };
}
