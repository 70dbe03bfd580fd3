import type { CourseIndex } from '../../src/core/index/courseIndex';
import { count, num } from '../lib/format';
import type { Row } from '../lib/results';
import { type Summary, summarize } from '../lib/stats';
import { collectGarbage, timed } from '../lib/timing';
import { makeQueries, type QueryKind } from './queries';

export interface SearchRun {
  readonly concepts: number;
  /** The first `search()`: builds the search index. */
  readonly firstMs: number;
  readonly all: Summary;
  readonly byKind: Record<QueryKind, Summary>;
  /** Exact and misspelled queries whose first result is the term they were made from. */
  readonly topHit: { readonly exact: string; readonly misspelled: string };
  readonly resiliance: string;
}

/** Fuzzy search latency: one untimed build, 50 untimed warm-up queries, then `count` timed queries, one by one. */
export function measureSearch(index: CourseIndex, terms: readonly string[], count: number, seed: number, limit = 20): SearchRun {
  collectGarbage();
  const first = timed(() => index.search('alignment', limit));
  for (const query of makeQueries(terms, 50, seed + 1)) index.search(query.text, limit);
  const queries = makeQueries(terms, count, seed);
  const times: Record<QueryKind, number[]> = { exact: [], prefix: [], misspelled: [] };
  const hits = { exact: [0, 0], misspelled: [0, 0] };
  let resiliance = '(no query)';
  collectGarbage();
  for (const query of queries) {
    const { ms, result } = timed(() => index.search(query.text, limit));
    times[query.kind].push(ms);
    const top = result[0]?.concept.term;
    if (query.text === 'resiliance') resiliance = top ?? '(nothing)';
    if (query.kind !== 'prefix') {
      const tally = hits[query.kind];
      tally[1] = (tally[1] ?? 0) + 1;
      if (top?.toLowerCase() === query.term.toLowerCase()) tally[0] = (tally[0] ?? 0) + 1;
    }
  }
  const all = [...times.exact, ...times.prefix, ...times.misspelled];
  return {
    concepts: index.concepts().length,
    firstMs: first.ms,
    all: summarize(all),
    byKind: { exact: summarize(times.exact), prefix: summarize(times.prefix), misspelled: summarize(times.misspelled) },
    topHit: { exact: `${hits.exact[0]}/${hits.exact[1]}`, misspelled: `${hits.misspelled[0]}/${hits.misspelled[1]}` },
    resiliance,
  };
}

/** The results-table row of a search run. */
export function searchRow(id: string, run: SearchRun): Row {
  const kinds = (['exact', 'prefix', 'misspelled'] as const).map((kind) => `${kind} ${num(run.byKind[kind].median)}/${num(run.byKind[kind].p99)}`).join(', ');
  return {
    id,
    label: `Fuzzy search, ${count(run.concepts)} concepts (1,000 queries)`,
    value: run.all.median,
    p99: run.all.p99,
    unit: 'ms',
    samples: run.all.n,
    detail:
      `median/p99 by kind: ${kinds} ms; first search (builds its index) ${num(run.firstMs)} ms; top-1 right: exact ${run.topHit.exact}, ` +
      `misspelled ${run.topHit.misspelled}; "resiliance" → ${run.resiliance}`,
  };
}
