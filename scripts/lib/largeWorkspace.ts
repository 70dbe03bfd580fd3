import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateCorpus } from '../../bench/corpus/generate';
import { largeNotes } from './largeSize';


/** What a course repository holds besides notes: each kind is listed by the file search and must be left alone. */
const OTHER_KINDS: readonly { readonly folder: string; readonly name: (i: number) => string; readonly body: (i: number) => string }[] = [
  { folder: 'assets/images', name: (i) => `figure-${i}.png`, body: (i) => `\u0089PNG\r\n\u001a\n${'\u0000'.repeat(i % 64)}` },
  { folder: 'code/src', name: (i) => `module${i}.ts`, body: (i) => `export const value${i} = ${i};\n// **Not a term**: code, not a note.\n` },
  { folder: 'data', name: (i) => `row-${i}.json`, body: (i) => JSON.stringify({ id: i, text: '* **Not a term**: data.' }) },
  { folder: 'node_modules/some-package/docs', name: (i) => `README-${i}.md`, body: (i) => `* **Excluded term ${i}**: under node_modules, never indexed.\n` },
  { folder: 'notes-text', name: (i) => `draft-${i}.txt`, body: (i) => `* **Plain text ${i}**: a .txt file is no note.\n` },
];

/**
 * Writes the large workspace into `dir` (issue 7: 50,000 files): the benchmark's seeded corpus of 10,000 notes
 * (the users' format; `largeNotes()`) and four times as many other files in folders of 1,000, some of them
 * markdown under node_modules (excluded by default).
 */
export function writeLargeWorkspace(dir: string): void {
  const notes = largeNotes();
  const corpus = generateCorpus({ files: notes, vocab: 3000, seed: 42 });
  for (const file of corpus.files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
  const made = new Set<string>();
  for (let i = 0; i < 4 * notes; i++) {
    const kind = OTHER_KINDS[i % OTHER_KINDS.length];
    if (!kind) continue;
    const folder = join(dir, kind.folder, `part-${Math.floor(i / 1000)}`);
    if (!made.has(folder)) mkdirSync(folder, { recursive: true });
    made.add(folder);
    writeFileSync(join(folder, kind.name(i)), kind.body(i));
  }
}
