import { strict as assert } from 'node:assert';
import { packAnalysisJson, unpackAnalysisJson } from '../../src/core/index/packedAnalysis';
import { analyseNote } from '../../src/core/notes/analyseNote';
import { analyseNoteWithinLimits } from '../../src/core/notes/limits';
import type { NoteAnalysis } from '../../src/core/notes/noteAnalysis';
import { FOAM_VAULT, SAMPLE_COURSE, SAMPLE_VAULT, sampleNotes } from './helpers/sampleCourse';

/** A concept page of a vault in the shape of the samples: front matter, a definition, wikilinks of every form and a block id. */
const PAGE = [
  '---',
  'type: concept',
  'aliases: [Goal drift]',
  '---',
  '# Goal misgeneralisation',
  '',
  'A system keeps its **capabilities** out of distribution while its goal does not. ^core',
  '',
  '- Related: [[Inner misalignment]], [[concepts/mesa-optimiser|mesa-optimisers]], [[Sources/Langosco 2022#Results]]',
  '- Seen in: ![[figures/coinrun.png]] and [[#Examples]]',
  '',
  '## Examples',
  '',
  '| Agent | Link |',
  '| --- | --- |',
  '| CoinRun | [[CoinRun\\|the coin]] |',
  '',
].join('\n');

/** Unpacks `json`, counting how often the note had to be analysed afresh for its wikilinks. */
function unpackCounting(json: string, text: string): { analysis: NoteAnalysis | undefined; fresh: () => number } {
  let fresh = 0;
  const analysis = unpackAnalysisJson(json, text, () => {
    fresh++;
    return analyseNote(text);
  });
  return { analysis, fresh: () => fresh };
}

describe('packed analyses', () => {
  it('unpack equal to the analysis they were packed from, for every note of the course, the Obsidian vault and the Foam vault', () => {
    let links = 0;
    for (const root of [SAMPLE_COURSE, SAMPLE_VAULT, FOAM_VAULT]) {
      for (const [uri, text] of sampleNotes(root)) {
        const analysis = analyseNoteWithinLimits(text);
        links += analysis.wikiLinks.length;
        const { analysis: unpacked, fresh } = unpackCounting(packAnalysisJson(analysis, text), text);
        // The prose is not packed: a note read from the cache finds it again when asked (`proseRunsWithinLimits`).
        assert.deepEqual({ ...unpacked, prose: undefined }, { ...analysis, prose: undefined }, uri);
        assert.equal(fresh(), 0, `${uri}: its wikilinks were analysed afresh`);
      }
    }
    assert.ok(links > 20, `only ${links} wikilinks to compare`);
  });

  it('put the wikilinks last, the first number saying where they start counted from the end', () => {
    const analysis = analyseNote(PAGE);
    const json = packAnalysisJson(analysis, PAGE);
    const length = Number(/^\[(\d+),/.exec(json)?.[1]);
    assert.deepEqual(JSON.parse(json.slice(json.length - length, -1)), JSON.parse(json).at(-1));
    assert.equal((JSON.parse(json.slice(json.length - length, -1)) as unknown[]).length, analysis.wikiLinks.length);
    assert.ok(analysis.wikiLinks.length >= 6, `${analysis.wikiLinks.length} wikilinks`);
  });

  it('leave the wikilinks as text until asked, and take the note analysed afresh for them when that text is malformed', () => {
    const analysis = analyseNote(PAGE);
    const json = packAnalysisJson(analysis, PAGE);
    // The same length, so the first number still finds the wikilinks: `false` (not an embed) becomes `0`.
    const broken = json.slice(0, json.lastIndexOf('false')) + '0    ' + json.slice(json.lastIndexOf('false') + 5);
    assert.equal(broken.length, json.length);
    const { analysis: unpacked, fresh } = unpackCounting(broken, PAGE);
    assert.ok(unpacked);
    assert.deepEqual(unpacked.definitions, analysis.definitions);
    assert.equal(fresh(), 0, 'the wikilinks were read before anything asked for them');
    assert.deepEqual(unpacked.wikiLinks, analysis.wikiLinks);
    assert.equal(fresh(), 1);
    assert.equal(unpacked.wikiLinks, unpacked.wikiLinks, 'read once');
    assert.equal(fresh(), 1);
  });

  it('read a text in another layout whole, and refuse one that is malformed', () => {
    const analysis = analyseNote(PAGE);
    const json = packAnalysisJson(analysis, PAGE);
    const parts = JSON.parse(json) as unknown[];
    const reformatted = JSON.stringify(parts, null, 1);
    const wrongLength = JSON.stringify([Number(parts[0]) + 2, ...parts.slice(1)]);
    for (const other of [reformatted, wrongLength]) {
      const { analysis: unpacked, fresh } = unpackCounting(other, PAGE);
      assert.deepEqual({ ...unpacked, prose: undefined }, { ...analysis, prose: undefined }, other.slice(0, 40));
      assert.equal(fresh(), 0);
    }
    const cut = json.slice(0, 40) + json.slice(60);
    for (const malformed of ['[1,2]', 'not json', JSON.stringify(parts.slice(0, 8)), JSON.stringify(parts.slice(1)), cut]) {
      assert.equal(unpackCounting(malformed, PAGE).analysis, undefined, malformed.slice(0, 40));
    }
  });
});
