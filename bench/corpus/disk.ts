import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '../../scripts/lib/paths';
import type { Corpus, CorpusOptions } from './generate';

const FINGERPRINT = '.fingerprint';

/** Where generated corpora are written (gitignored by bench/.gitignore). */
export function corpusRoot(): string {
  return join(repoRoot(), 'bench', '.corpus');
}

/** `n1000`, `n10000-v30000`, `n1000-v5000-s7`: the folder name of a corpus. */
export function corpusName(options: CorpusOptions): string {
  return [`n${options.files}`, options.vocab === 3000 ? '' : `v${options.vocab}`, options.seed === 42 ? '' : `s${options.seed}`]
    .filter(Boolean)
    .join('-');
}

/** A hash of every path and text: equal fingerprints mean byte-identical corpora. */
export function fingerprint(corpus: Corpus): string {
  const hash = createHash('sha256');
  for (const file of corpus.files) hash.update(`${file.path}\0${file.text}\0`);
  return hash.digest('hex');
}

/**
 * Writes a corpus under `corpusRoot()` unless the same bytes are already there; returns its folder.
 * A folder with another fingerprint (older generator, other options) is replaced whole.
 */
export function writeCorpus(corpus: Corpus): { dir: string; written: boolean } {
  const dir = join(corpusRoot(), corpusName(corpus.options));
  const expected = fingerprint(corpus);
  const marker = join(dir, FINGERPRINT);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === expected) return { dir, written: false };
  rmSync(dir, { recursive: true, force: true });
  for (const file of corpus.files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
  writeFileSync(marker, expected);
  return { dir, written: true };
}
