import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { installDir } from '../../scripts/lib/offlineVsCode';
import { repoRoot } from '../../scripts/lib/paths';

export interface MachineFacts {
  readonly nproc: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly kernel: string;
  readonly node: string;
  readonly loadAverageAtStart: readonly number[];
  readonly git: string;
  readonly versions: Readonly<Record<string, string>>;
}

function cpuModel(): string {
  try {
    return /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function packageVersion(name: string, base = join(repoRoot(), 'node_modules')): string {
  const manifest = join(base, name, 'package.json');
  return existsSync(manifest) ? ((JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? '?') : 'absent';
}

/** The commit and how many files differ from it: the code measured is the working tree. */
function gitState(): string {
  try {
    const root = repoRoot();
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean).length;
    return changed > 0 ? `${commit} + ${changed} changed or new files` : commit;
  } catch {
    return 'unknown';
  }
}

export function machineFacts(): MachineFacts {
  const codeServer = join(installDir(), 'node_modules');
  return {
    nproc: availableParallelism(),
    cpuModel: cpuModel(),
    memoryGiB: totalmem() / 2 ** 30,
    kernel: release(),
    node: process.version,
    loadAverageAtStart: loadavg(),
    git: gitState(),
    versions: Object.fromEntries(
      [
        ...['unified', 'remark-parse', 'fuse.js', 'markdown-it', 'vscode-markdown-languageservice', 'vscode-languageserver-textdocument', 'vscode-uri'].map(
          (name) => [name, packageVersion(name)] as const,
        ),
        ['code-server', packageVersion('code-server', codeServer)] as const,
      ],
    ),
  };
}
