import { num, speed, withUnit } from './format';
import { COURSE, type Ratio, type Row, type TargetCheck } from './results';

/** A target on one row's value or p99 (medians on the project's 2-core machine). */
interface LimitTarget {
  readonly kind: 'limit';
  readonly target: string;
  /** Rows to try in order: the first one measured is checked. */
  readonly rows: readonly string[];
  readonly stat: 'value' | 'p99';
  readonly limit: number;
  /** The value must be at least the limit (a frame rate), not at most. */
  readonly atLeast?: boolean;
}

interface RatioTarget {
  readonly kind: 'ratio';
  readonly target: string;
  readonly baseline: string;
  readonly size: number;
  readonly atLeast: number;
  /** The corpus whose ratio is checked; the course notes when absent. */
  readonly corpus?: string;
}

type Target = LimitTarget | RatioTarget;

const TARGETS: readonly Target[] = [
  { kind: 'limit', target: '10,000 notes cold ≤ 3 s', rows: ['cold.10000'], stat: 'value', limit: 3000 },
  { kind: 'ratio', target: '10,000 cold ≥ 2× faster than the language service', baseline: 'language service', size: 10_000, atLeast: 2 },
  { kind: 'ratio', target: '10,000 cold ≥ 8× faster than remark-parse', baseline: 'remark-parse', size: 10_000, atLeast: 8 },
  { kind: 'limit', target: 'Warm start of 10,000 notes ≤ 0.7 s', rows: ['warm.10000'], stat: 'value', limit: 700 },
  { kind: 'limit', target: 'One edited note re-indexed (setNote + first query) ≤ 5 ms', rows: ['edit.query.10000'], stat: 'value', limit: 5 },
  { kind: 'limit', target: 'conceptAt p99 ≤ 1 ms (10,000 notes)', rows: ['conceptAt.10000'], stat: 'p99', limit: 1 },
  { kind: 'limit', target: 'Search p99 ≤ 16 ms at 3k terms', rows: ['search.3k'], stat: 'p99', limit: 16 },
  { kind: 'limit', target: 'Search p99 ≤ 50 ms at 30k terms', rows: ['search.30k'], stat: 'p99', limit: 50 },
  { kind: 'limit', target: 'Peak memory with 10,000 notes ≤ 350 MB (333.8 MiB)', rows: ['peakMemory.10000'], stat: 'value', limit: 350_000_000 / 2 ** 20 },
  { kind: 'limit', target: 'Activation ≤ 50 ms', rows: ['activation', 'activation.host'], stat: 'value', limit: 50 },
  { kind: 'limit', target: '.vsix ≤ 2 MB', rows: ['vsix'], stat: 'value', limit: 2_000_000 / 1024 },
];

/** Issue 14's targets, checked when the extension host's rows were measured. */
const HOST_TARGETS: readonly Target[] = [
  { kind: 'limit', target: 'Hover during a first index of 10,000 notes, until our answer: p99 ≤ 50 ms', rows: ['host.hover.10000'], stat: 'p99', limit: 50 },
  { kind: 'limit', target: 'Go to definition during a first index of 10,000 notes, until our answer: p99 ≤ 50 ms', rows: ['host.definition.10000'], stat: 'p99', limit: 50 },
  { kind: 'limit', target: 'Completion during a first index of 10,000 notes, until our answer: p99 ≤ 50 ms', rows: ['host.completion.10000'], stat: 'p99', limit: 50 },
  { kind: 'limit', target: 'No block of the host by our code over 50 ms: first index of 10,000 notes', rows: ['host.block.cold.10000'], stat: 'value', limit: 50 },
  { kind: 'limit', target: 'No block of the host by our code over 50 ms: cache save', rows: ['host.block.save.10000'], stat: 'value', limit: 50 },
  { kind: 'limit', target: 'No block of the host by our code over 50 ms: warm start and save', rows: ['host.block.warm.10000'], stat: 'value', limit: 50 },
];

/** Issue 16's concept map at 500 and 5,000 nodes, in the real VS Code. */
const MAP_TARGETS: readonly Target[] = [
  { kind: 'limit', target: 'Concept map first picture ≤ 1 s (500 nodes)', rows: ['conceptMap.firstPicture.500'], stat: 'value', limit: 1000 },
  { kind: 'limit', target: 'Concept map first picture ≤ 2.5 s (5,000 nodes)', rows: ['conceptMap.firstPicture.5000'], stat: 'value', limit: 2500 },
  { kind: 'limit', target: 'Concept map: no task > 100 ms after the first picture (500 nodes)', rows: ['conceptMap.longestTask.500'], stat: 'value', limit: 100 },
  { kind: 'limit', target: 'Concept map: no task > 100 ms after the first picture (5,000 nodes)', rows: ['conceptMap.longestTask.5000'], stat: 'value', limit: 100 },
  { kind: 'limit', target: 'Concept map pan and zoom ≥ 30 fps (500 nodes)', rows: ['conceptMap.fps.500'], stat: 'value', limit: 30, atLeast: true },
  { kind: 'limit', target: 'Concept map pan and zoom ≥ 15 fps (5,000 nodes)', rows: ['conceptMap.fps.5000'], stat: 'value', limit: 15, atLeast: true },
];

function checkLimit(target: LimitTarget, rows: readonly Row[]): TargetCheck {
  const row = target.rows.map((id) => rows.find((candidate) => candidate.id === id)).find((candidate) => candidate?.[target.stat] !== undefined);
  const measured = row?.[target.stat];
  if (!row || measured === undefined) {
    const reason = rows.find((candidate) => candidate.id === target.rows[0])?.notMeasured ?? 'not run at this size';
    return { target: target.target, measured: 'not measured', gap: reason };
  }
  const via = row.id === target.rows[0] ? '' : ` (${row.label})`;
  const pass = target.atLeast ? measured >= target.limit : measured <= target.limit;
  const headroom = target.atLeast ? measured / target.limit : target.limit / Math.max(measured, 1e-9);
  return {
    target: target.target,
    measured: `${withUnit(measured, row.unit)}${target.stat === 'p99' ? ' p99' : ''}${via}`,
    pass,
    gap: pass
      ? `${num(headroom)}× headroom`
      : target.atLeast
        ? `short by ${withUnit(target.limit - measured, row.unit)} (${num(measured / target.limit)}× the target)`
        : `over by ${withUnit(measured - target.limit, row.unit)} (${num(measured / target.limit)}× the limit)`,
  };
}

function checkRatio(target: RatioTarget, ratios: readonly Ratio[]): TargetCheck {
  const corpus = target.corpus ?? COURSE;
  const ratio = ratios.find((candidate) => candidate.corpus === corpus && candidate.baseline === target.baseline && candidate.size === target.size);
  if (!ratio) return { target: target.target, measured: 'not measured', gap: 'not run at this size' };
  const pass = ratio.speedup >= target.atLeast;
  return {
    target: target.target,
    measured: speed(ratio.speedup),
    pass,
    gap: pass
      ? `${num(ratio.speedup / target.atLeast)}× beyond the target`
      : `needs ${num(target.atLeast / ratio.speedup)}× more speed (ours ≤ ${withUnit(ratio.baselineMs / target.atLeast, 'ms')})`,
  };
}

/**
 * Issue 13's targets, on every corpus: whole processes at 10,000 notes (the CLI's `index` and `check`, the
 * language service's and the reference reading's), and the in-process rows of warm start, edits and hover.
 */
function corpusTargets(corpus: string): Target[] {
  const id = (base: string): string => (corpus === COURSE ? base : `${corpus}.${base}`);
  const limit = (target: string, row: string, stat: LimitTarget['stat'], value: number): LimitTarget => ({ kind: 'limit', target: `${corpus}: ${target}`, rows: [id(row)], stat, limit: value });
  const ratio = (target: string, baseline: string, atLeast: number): RatioTarget => ({ kind: 'ratio', target: `${corpus}: ${target}`, baseline, size: 10_000, atLeast, corpus });
  return [
    limit('10,000 notes, whole `index` process ≤ 2.5 s', 'process.index.10000', 'value', 2500),
    ratio('`index` ≥ 2.5× faster than the language service (processes)', 'language service (process)', 2.5),
    ratio('`index` ≥ 10× faster than the reference reading (processes)', 'reference reading (process)', 10),
    limit('`check` of 10,000 notes ≤ 3.5 s', 'process.check.10000', 'value', 3500),
    limit('warm start ≤ 0.5 s', 'warm.10000', 'value', 500),
    limit('one edited note re-indexed and the next question answered, p99 ≤ 5 ms', 'edit.query.10000', 'p99', 5),
    limit('one term renamed (a letter typed into it) and the next question answered, p99 ≤ 5 ms', 'rename.query.10000', 'p99', 5),
    limit('hover (conceptAt) p99 ≤ 1 ms', 'conceptAt.10000', 'p99', 1),
    limit('peak memory of the `index` process ≤ 300 MB (286.1 MiB)', 'process.peakMemory.10000', 'value', 300_000_000 / 2 ** 20),
  ];
}

/**
 * Issue 6's targets when the course notes were measured, then issue 13's for every corpus measured, then
 * issue 16's concept map when its rows were measured.
 */
export function checkTargets(rows: readonly Row[], ratios: readonly Ratio[], corpora: readonly string[]): TargetCheck[] {
  const map = rows.some((row) => row.id.startsWith('conceptMap.')) ? MAP_TARGETS : [];
  const host = rows.some((row) => row.id.startsWith('host.')) ? HOST_TARGETS : [];
  const targets = [...(corpora.includes(COURSE) ? TARGETS : []), ...corpora.flatMap(corpusTargets), ...map, ...host];
  return targets.map((target) => (target.kind === 'limit' ? checkLimit(target, rows) : checkRatio(target, ratios)));
}
