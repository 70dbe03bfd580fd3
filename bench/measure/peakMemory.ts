import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { count, num } from '../lib/format';
import { notMeasured, type Row } from '../lib/results';

/** Peak memory of a fresh Node that runs only the cold index of `folder`. */
export function peakMemoryRows(size: number, folder: string, bundles: string): Row[] {
  const child = spawnSync(process.execPath, ['--expose-gc', join(bundles, 'peakMemory.js'), folder], { encoding: 'utf8' });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  let data: Record<string, number>;
  try {
    data = JSON.parse(line) as Record<string, number>;
  } catch {
    const reason = `the child process failed (exit ${String(child.status)}): ${child.stderr.trim().split('\n').slice(-2).join(' / ')}`;
    return [notMeasured(`peakMemory.${size}`, `Peak memory, ${count(size)} notes`, 'MiB', reason)];
  }
  const n = (key: string): number => data[key] ?? Number.NaN;
  return [
    {
      id: `peakMemory.${size}`,
      label: `Peak memory (max RSS), ${count(size)} notes, cold index in a fresh process`,
      value: n('maxRssMB'),
      unit: 'MiB',
      samples: 1,
      detail: `process.resourceUsage().maxRSS; after the index, with gc: RSS ${num(n('rssAfterGcMB'))} MiB, heap ${num(n('heapUsedAfterGcMB'))} MiB`,
    },
    {
      id: `coldFresh.${size}`,
      label: `Cold index, ${count(size)} notes, first run in a fresh process (JIT cold)`,
      value: n('coldMs'),
      unit: 'ms',
      samples: 1,
      detail: `read ${num(n('readMs'))}, setNote ${num(n('setNoteMs'))}, first concepts() ${num(n('buildMs'))} ms; one run`,
    },
  ];
}
