/** One line of the results table. */
export interface Row {
  /** Stable key for the JSON and the targets: `cold.10000`, `search.30k`; `vault.cold.10000` for another corpus than the course notes. */
  readonly id: string;
  /** The corpus measured (`course`, `vault`...); absent for rows of no one corpus (the .vsix, VS Code). */
  readonly corpus?: string;
  readonly label: string;
  /** The headline figure (a median unless the label says otherwise); absent when not measured. */
  readonly value?: number;
  readonly unit: 'ms' | 'ms/MB' | 'MiB' | 'KiB' | 'fps';
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
  /** The corpus, once `ofCorpus` has tagged it. */
  readonly corpus?: string;
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

/** The course notes: the corpus of issue 6, whose row ids the targets name and which keep no prefix. */
export const COURSE = 'course';

/** A row's id without its corpus prefix: `cold.10000` for `vault.cold.10000`. */
export function baseId(row: Row): string {
  return row.corpus === undefined || row.corpus === COURSE ? row.id : row.id.slice(row.corpus.length + 1);
}

/** Rows and ratios measured on one corpus, tagged with it; ids gain its name unless it is the course corpus. */
export function ofCorpus(corpus: string, measured: { readonly rows?: readonly Row[]; readonly ratios?: readonly Ratio[] }): { rows: Row[]; ratios: Ratio[] } {
  return {
    rows: (measured.rows ?? []).map((row) => ({ ...row, corpus, id: corpus === COURSE ? row.id : `${corpus}.${row.id}` })),
    ratios: (measured.ratios ?? []).map((ratio) => ({ ...ratio, corpus })),
  };
}
