import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/lib/paths';
import { notMeasured, type Row } from '../lib/results';

/** Builds the .vsix with `npm run package` (production bundles) and reports its size. */
export function packageVsix(): { row: Row; vsix?: string } {
  const root = repoRoot();
  const vsix = join(root, 'alignment-notes.vsix');
  const started = performance.now();
  const result = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0 || !existsSync(vsix)) {
    const tail = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-3).join(' / ');
    return { row: notMeasured('vsix', '.vsix size', 'KiB', `npm run package failed (exit ${String(result.status)}): ${tail}`) };
  }
  const files = /\((\d+) files?, /.exec(result.stdout)?.[1];
  return {
    row: {
      id: 'vsix',
      label: '.vsix size',
      value: statSync(vsix).size / 1024,
      unit: 'KiB',
      detail: `npm run package (production build) in ${seconds.toFixed(0)} s${files ? `; ${files} files` : ''}`,
    },
    vsix,
  };
}
