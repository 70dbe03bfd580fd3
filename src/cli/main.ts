import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { COVERAGE_CODES } from '../core/coverage/coverageRules';
import { CourseIndex } from '../core/index/courseIndex';
import type { Diagnostic } from '../core/index/diagnostic';
import { GLOSSARY_FORMATS, type GlossaryFormat, isGlossaryFormat } from '../core/study/exportFormats';
import { exportGlossary } from '../core/study/fromIndex';
import type { SourceNamer } from '../core/study/glossary';
import { relativeHref, relativePath } from '../core/study/relativeHref';
import { analyseNotes } from './analyseNotes';
import { readFolder, type ReadNote } from './readNotes';

const USAGE = `Usage: alignment-notes <command> <folder> [options]

Commands:
  index <folder> [--json]                    index the notes and print counts and timings
  check <folder> [--coverage]                print each problem as file:line:col: severity: message [code];
                                             exit 1 when any error is found; --coverage adds the coverage
                                             hints (bold terms defined nowhere, concepts named nowhere
                                             else, cited units whose note has no headings)
  export <folder> --format F [--out FILE]    write the glossary: csv (a spreadsheet), tsv (Anki's text
                                             import), md (a Markdown glossary with source links), or json
                                             (the concepts and the concept graph)

Options:
  --threads N                                analyse on N worker threads besides the main thread
                                             (default 0: worth it with more than two cores)`;

class UsageError extends Error {}

interface Loaded {
  readonly index: CourseIndex;
  readonly notes: readonly ReadNote[];
  readonly readMs: number;
  readonly indexMs: number;
  readonly buildMs: number;
  /** Notes analysed on worker threads (`--threads`). */
  readonly onWorkerThreads: number;
}

async function load(folder: string, threads: number): Promise<Loaded> {
  const root = resolve(folder);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`not a folder: ${folder}`);
  let started = performance.now();
  const { notes, files } = readFolder(root);
  const readMs = performance.now() - started;
  const index = new CourseIndex();
  index.setRoots([pathToFileURL(root).href]);
  index.setFiles(files);
  started = performance.now();
  const readable = notes.filter((note): note is ReadNote & { text: string } => note.text !== undefined);
  const onWorkerThreads = await analyseNotes(index, readable, threads);
  const indexMs = performance.now() - started;
  started = performance.now();
  index.concepts();
  const buildMs = performance.now() - started;
  return { index, notes, readMs, indexMs, buildMs, onWorkerThreads };
}

function location(uri: string): string {
  return relative(process.cwd(), fileURLToPath(uri)) || '.';
}

function indexCommand(loaded: Loaded, json: boolean): number {
  const { index } = loaded;
  const concepts = index.concepts();
  const notes = index.notes();
  const counts = {
    notes: notes.length,
    unreadable: loaded.notes.filter((note) => note.error !== undefined).length,
    concepts: concepts.length,
    definitions: concepts.reduce((sum, concept) => sum + concept.definitions.length, 0),
    // Counted as written: resolving where each leads is `check`'s work, not the index's.
    citations: notes.reduce((sum, note) => sum + (index.analysisOf(note)?.citations.length ?? 0), 0),
  };
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  const timings = { readMs: round(loaded.readMs), indexMs: round(loaded.indexMs), conceptsMs: round(loaded.buildMs) };
  if (json) {
    console.log(JSON.stringify({ ...counts, onWorkerThreads: loaded.onWorkerThreads, timings }, null, 2));
  } else {
    console.log(
      `${counts.notes} notes, ${counts.concepts} concepts, ${counts.definitions} definitions, ${counts.citations} citations` +
        (counts.unreadable > 0 ? `, ${counts.unreadable} unreadable` : ''),
    );
    console.log(`read ${timings.readMs.toFixed(0)} ms, parse and index ${timings.indexMs.toFixed(0)} ms, concepts ${timings.conceptsMs.toFixed(0)} ms`);
  }
  return 0;
}

function checkCommand(loaded: Loaded, coverage: boolean): number {
  const unreadable: Diagnostic[] = loaded.notes
    .filter((note) => note.error !== undefined)
    .map((note) => ({
      note: note.uri,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 'error' as const,
      code: 'note-unreadable' as const,
      message: `cannot read this note: ${note.error ?? ''}`,
    }));
  const codes = new Set(coverage ? COVERAGE_CODES : []);
  // Each note's problems are written as they come, a thousand lines at a time, and then dropped: kept for the whole
  // run (82,000 on 10,000 course notes, each with up to ten related places), they cost more in garbage collection
  // than they took to find.
  let problems = 0;
  let errors = 0;
  const lines: string[] = [];
  const write = (note: string, found: readonly Diagnostic[]): void => {
    const place = location(note);
    for (const d of found) {
      lines.push(`${place}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message} [${d.code}]\n`);
      if (lines.length === 1000) process.stdout.write(lines.splice(0).join(''));
      if (d.severity === 'error') errors++;
    }
    problems += found.length;
  };
  for (const d of unreadable) write(d.note, [d]);
  for (const note of loaded.index.notes()) write(note, loaded.index.diagnostics(note, codes));
  if (lines.length > 0) process.stdout.write(lines.join(''));
  console.error(`${problems} problems (${errors} errors) in ${loaded.index.noteCount} notes`);
  return errors > 0 ? 1 : 0;
}

/** Sources as paths from the exported folder (`units/Unit 1.md:12`); Markdown links lead there from the output file's folder. */
function sourceNamer(root: string, out: string | undefined): SourceNamer {
  const folder = pathToFileURL(root).href;
  const from = pathToFileURL(out ? dirname(resolve(out)) : root).href;
  return {
    label: (note, line) => `${relativePath(folder, note)}:${line + 1}`,
    href: (note, line) => `${relativeHref(from, note)}#L${line + 1}`,
  };
}

function exportFormat(format: string | undefined): GlossaryFormat {
  if (format === undefined || !isGlossaryFormat(format)) throw new UsageError(`export needs --format ${GLOSSARY_FORMATS.join('|')}`);
  return format;
}

function exportCommand(loaded: Loaded, folder: string, format: string | undefined, out: string | undefined): number {
  const data = exportGlossary(loaded.index, exportFormat(format), sourceNamer(resolve(folder), out));
  if (out) writeFileSync(out, data);
  else process.stdout.write(data.endsWith('\n') ? data : `${data}\n`);
  return 0;
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  return value;
}

/**
 * `--threads N` as a count of worker threads besides the main thread. None by default: on two cores a worker
 * saved 8% of the time of `index` on 10,000 notes for a third more CPU and 60 MiB more memory (docs/PERFORMANCE.md).
 */
function threadsOption(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d{1,3}$/.test(value)) throw new UsageError(`--threads needs a whole number, not ${value}`);
  return Number(value);
}

/** Runs one CLI command; returns the exit code (2 for a usage error). */
export async function main(args: string[]): Promise<number> {
  const [command, folder] = args;
  if (command === undefined || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  try {
    if (!['index', 'check', 'export'].includes(command)) throw new UsageError(`unknown command: ${command}`);
    if (folder === undefined) throw new UsageError(`${command} needs a folder`);
    if (command === 'export') exportFormat(option(args, '--format'));
    const loaded = await load(folder, threadsOption(option(args, '--threads')));
    if (command === 'index') return indexCommand(loaded, args.includes('--json'));
    if (command === 'check') return checkCommand(loaded, args.includes('--coverage'));
    return exportCommand(loaded, folder, option(args, '--format'), option(args, '--out'));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`alignment-notes: ${error.message}\n\n${USAGE}`);
    return 2;
  }
}
