import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COSTLY_CHARS, costlyToAnalyse } from '../../src/core/notes/limits';
import { repoRoot } from '../../scripts/lib/paths';
import { hostileNote } from './helpers/hostileInline';

/** Every markdown file under a folder. */
function notesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => readFileSync(join(dir, name), 'utf8'));
}

describe('notes too costly to analyse on the thread that answers questions', () => {
  it('finds no note of either sample or of the Foam-shaped fixture vault costly, nor a glossary of ordinary length', () => {
    const notes = [...notesUnder(join(repoRoot(), 'samples')), ...notesUnder(join(repoRoot(), 'test', 'fixtures', 'foam-vault'))];
    assert.ok(notes.length >= 50, `${notes.length} sample and fixture notes`);
    assert.deepEqual(notes.filter(costlyToAnalyse).map((text) => text.slice(0, 40)), []);
    const glossary = '* **Reward hacking** (specification gaming): meeting the letter of an objective. [[Unit 1]](https://github.com/o/c/blob/main/Unit%201.md#a)\n';
    assert.equal(costlyToAnalyse(glossary.repeat(Math.floor(COSTLY_CHARS / glossary.length))), false);
  });

  it('finds a note costly when it is long, or short with inline syntax that makes the parser walk back', () => {
    assert.equal(costlyToAnalyse(`# Long\n\n${'A plain sentence about oversight. '.repeat(COSTLY_CHARS / 30)}`), true);
    assert.equal(costlyToAnalyse(`# Nested\n\n${'*a '.repeat(5_000)}\n`), true, 'RELIABILITY.md: 5,000 nested emphasis openers, 15 KB');
    assert.equal(costlyToAnalyse(hostileNote({ prefix: '[', pattern: '](x', times: 10_000 })), true);
    assert.equal(costlyToAnalyse(`# Few\n\n${'*a '.repeat(50)}\n`), false, 'fifty openers are ordinary emphasis');
  });
});
