/** One line of the results table. */
export interface Row {
  /** Stable key for the JSON and the targets: `cold.10000`, `search.30k`. */
  readonly id: string;
  readonly label: string;
  /** The headline figure (a median unless the label says otherwise); absent when not measured. */
  readonly value?: number;
  readonly unit: 'ms' | 'ms/MB' | 'MiB' | 'KiB';
  readonly p99?: number;
  /** How many timed samples the headline figure summarises. */
  readonly samples?: number;
  /** Method and breakdown, one short line. */
  readonly detail: string;
  /** Why the row has no value. */
  readonly notMeasured?: string;
  readonly extra?: Readonly<Record<string, number | string | boolean>>;
}

/** A baseline measured in the same run, and how much faster (or slower) we are. */
export interface Ratio {
  readonly size: number;
  readonly baseline: string;
  readonly baselineMs: number;
  readonly oursMs: number;
  /** baselineMs / oursMs: above 1 means we are faster. */
  readonly speedup: number;
}

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  /** Undefined when the row was not measured (or not at the size the target names). */
  readonly pass?: boolean;
  readonly gap: string;
}

export function notMeasured(id: string, label: string, unit: Row['unit'], reason: string): Row {
  return { id, label, unit, detail: '', notMeasured: reason };
}
