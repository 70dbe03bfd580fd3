import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readFolder } from '../../src/cli/readNotes';
import { CourseIndex } from '../../src/core/index/courseIndex';

const REPO = join(__dirname, '..', '..', '..');

interface Expected {
  readonly concepts: readonly { term: string; aliases: readonly string[]; definitions: readonly string[] }[];
  readonly problems: readonly { file: string; line: number; code: string }[];
}

/** A vault indexed as the CLI indexes a folder: every note and attachment, with the folder as the workspace root. */
function indexVault(folder: string): CourseIndex {
  const index = new CourseIndex();
  index.setRoots([pathToFileURL(folder).href]);
  const { notes, files } = readFolder(folder);
  index.setFiles(files);
  for (const { uri, text } of notes) if (text !== undefined) index.setNote(uri, text);
  return index;
}

const byText = (a: string, b: string): number => a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);

/** What the model finds, in the shape of EXPECTED.json: definitions with words, by the note that holds them. */
function found(index: CourseIndex, folder: string): Expected {
  const path = (uri: string): string => relative(folder, fileURLToPath(uri)).split('\\').join('/');
  const concepts = index
    .concepts()
    .map((concept) => ({
      term: concept.term,
      aliases: [...concept.aliases].sort(byText),
      definitions: concept.definitions.filter((d) => d.text !== '').map((d) => path(d.note)).sort(),
    }))
    .sort((a, b) => byText(a.term, b.term));
  const problems = index
    .notes()
    .flatMap((note) => index.diagnostics(note).map((d) => ({ file: path(note), line: d.range.start.line + 1, code: d.code })))
    .sort((a, b) => byText(a.file, b.file) || a.line - b.line || byText(a.code, b.code));
  return { concepts, problems };
}

for (const vault of ['samples/alignment-vault', 'test/fixtures/foam-vault']) {
  describe(`The model on ${vault}`, () => {
    const folder = join(REPO, vault);
    const expected = JSON.parse(readFileSync(join(folder, 'EXPECTED.json'), 'utf8')) as Expected;
    const index = indexVault(folder);
    const actual = found(index, folder);

    it('finds exactly the concepts its EXPECTED.json lists, with their aliases and where each is defined', () => {
      const sorted = [...expected.concepts].map((c) => ({ ...c, aliases: [...c.aliases].sort(byText), definitions: [...c.definitions].sort() }));
      assert.deepEqual(actual.concepts, sorted.sort((a, b) => byText(a.term, b.term)));
    });

    it('reports exactly the problems its EXPECTED.json lists', () => {
      assert.deepEqual(actual.problems, [...expected.problems].sort((a, b) => byText(a.file, b.file) || a.line - b.line || byText(a.code, b.code)));
    });
  });
}
