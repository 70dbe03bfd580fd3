import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '../../scripts/lib/paths';
import type { CorpusFile } from './files';

const FINGERPRINT = '.fingerprint';

/** Where generated corpora are written (gitignored by bench/.gitignore). */
export function corpusRoot(): string {
  return join(repoRoot(), 'bench', '.corpus');
}

/** `n1000`, `n10000-v30000`, `n1000-v5000-s7`: the folder name of a corpus, less its kind (corpora.ts adds it). */
export function corpusName(options: { readonly files: number; readonly vocab?: number; readonly seed: number }): string {
  return [`n${options.files}`, options.vocab === undefined || options.vocab === 3000 ? '' : `v${options.vocab}`, options.seed === 42 ? '' : `s${options.seed}`]
    .filter(Boolean)
    .join('-');
}

/** A hash of every path and text: equal fingerprints mean byte-identical corpora. */
export function fingerprint(files: readonly CorpusFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.path}\0${file.text}\0`);
  return hash.digest('hex');
}

/**
 * Writes a corpus's files to `corpusRoot()/name` unless the same bytes are already there; returns its folder.
 * A folder with another fingerprint (older generator, other options) is replaced whole.
 */
export function writeCorpus(name: string, files: readonly CorpusFile[]): { dir: string; written: boolean } {
  const dir = join(corpusRoot(), name);
  const expected = fingerprint(files);
  const marker = join(dir, FINGERPRINT);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === expected) return { dir, written: false };
  rmSync(dir, { recursive: true, force: true });
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
  writeFileSync(marker, expected);
  return { dir, written: true };
}
