import { CORPUS_KINDS, type CorpusKind } from '../corpus/corpora';

/** The bench's command-line options: `npm run bench -- --sizes 100,1000 --skip-vscode`. */
export interface BenchOptions {
  /** The corpora to measure, in CORPUS_KINDS order. */
  readonly corpora: readonly CorpusKind[];
  readonly sizes: readonly number[];
  readonly seed: number;
  readonly skipVsCode: boolean;
  readonly skipBrowser: boolean;
  readonly skipVsix: boolean;
  /** Only the concept map's rows at 500 and 5,000 nodes (two VS Code sessions), no corpus. */
  readonly mapOnly: boolean;
  /** The concept map's sizes to measure (500, 5,000 or both). */
  readonly mapSizes: readonly number[];
  /** Only the extension host's rows (the large-workspace suite at 1,000 and 10,000 notes), no corpus. */
  readonly hostOnly: boolean;
  /** Where the JSON results go (relative to the repository root). */
  readonly out: string;
}

export const USAGE = `Usage: npm run bench -- [options]

  --corpus NAME[,NAME]     corpora to measure: ${CORPUS_KINDS.join(', ')} (default: all);
                           the 30,000-term search, the .vsix and VS Code rows need course
  --sizes 100,1000,10000   corpus sizes to index, for every corpus (default: all three); rows that need
                           10,000 notes are measured on the largest size given and their targets shown as n/a
  --seed 42                corpus and query seed
  --skip-vscode            do not start VS Code (no activation, no concept map)
  --skip-browser           start VS Code for activation, but do not open the concept map
  --map-only               only the concept map at 500 and 5,000 nodes in VS Code (first picture,
                           longest task after it, frame rate while panning and zooming)
  --map-sizes 500,5000     the concept map's sizes to measure (default: both)
  --host-only              only the extension host's figures: the large-workspace suite in VS Code at the
                           sizes of 1,000 notes or more (hover latency during the first index, the longest
                           blocks of the host's loop by our code)
  --skip-vsix              do not run npm run package (the .vsix size is not measured; VS Code then
                           loads the extension from the repository)
  --out FILE               JSON results (default bench/results/latest.json)`;

/** The concept map's sizes the bench knows (issue 16's targets). */
export const MAP_SIZES: readonly number[] = [500, 5000];

export class UsageError extends Error {}

function value(args: readonly string[], at: number, name: string): string {
  const next = args[at + 1];
  if (next === undefined || next.startsWith('--')) throw new UsageError(`${name} needs a value`);
  return next;
}

export function parseArgs(args: readonly string[]): BenchOptions | 'help' {
  let corpora: readonly string[] = CORPUS_KINDS;
  let sizes: number[] = [100, 1000, 10_000];
  let seed = 42;
  let out = 'bench/results/latest.json';
  let mapSizes: readonly number[] = MAP_SIZES;
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--sizes') {
      sizes = value(args, i++, arg).split(',').map((size) => Number(size.trim()));
      if (sizes.some((size) => !Number.isInteger(size) || size < 10)) throw new UsageError('--sizes takes note counts of at least 10, like 100,1000');
    } else if (arg === '--corpus') {
      corpora = value(args, i++, arg).split(',').map((name) => name.trim());
      const unknown = corpora.filter((name) => !(CORPUS_KINDS as readonly string[]).includes(name));
      if (unknown.length > 0) throw new UsageError(`unknown corpus ${unknown.join(', ')}; the corpora are ${CORPUS_KINDS.join(', ')}`);
    } else if (arg === '--seed') {
      seed = Number(value(args, i++, arg));
      if (!Number.isInteger(seed)) throw new UsageError('--seed takes an integer');
    } else if (arg === '--map-sizes') {
      mapSizes = value(args, i++, arg).split(',').map((size) => Number(size.trim()));
      if (mapSizes.some((size) => !MAP_SIZES.includes(size))) throw new UsageError(`--map-sizes takes ${MAP_SIZES.join(' and/or ')}`);
    } else if (arg === '--out') out = value(args, i++, arg);
    else if (['--skip-vscode', '--skip-browser', '--skip-vsix', '--map-only', '--host-only'].includes(arg)) flags.add(arg);
    else throw new UsageError(`unknown option ${arg}`);
  }
  return {
    corpora: CORPUS_KINDS.filter((kind) => corpora.includes(kind)),
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    seed,
    skipVsCode: flags.has('--skip-vscode'),
    skipBrowser: flags.has('--skip-browser'),
    skipVsix: flags.has('--skip-vsix'),
    mapOnly: flags.has('--map-only'),
    mapSizes,
    hostOnly: flags.has('--host-only'),
    out,
  };
}
