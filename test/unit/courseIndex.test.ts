import { strict as assert } from 'node:assert';
import { CACHE_VERSION, cacheEntryTexts, cacheFileParts, cacheJson } from '../../src/core/index/analysisCache';
import { packAnalysisJson } from '../../src/core/index/packedAnalysis';
import { analyseNote } from '../../src/core/notes/analyseNote';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { FOAM_VAULT, SAMPLE_COURSE, SAMPLE_VAULT, sampleNotes, sampleRelative, sampleUri, withCursor } from './helpers/sampleCourse';

const SUMMARY = 'file:///course/Course%20summary.md';
const UNIT_1 = 'file:///course/units/Unit%201.md';

const summaryText = [
  '#### Key definitions',
  '',
  '* **Inner misalignment** (goal misgeneralisation): the model learns a goal that differs from the one we trained for.',
  '* **Misalignment**: any gap between what a system pursues and what we intended.',
  '* **Schemer**: a model that hides a misaligned goal while it is being evaluated.',
  '* **Polysemantic circuits**: circuits whose neurons mix features.',
  '  * **Polysemanticity**: one neuron, several features.',
  '',
  '#### Reinforcement Learning from Human Feedback (RLHF)',
  '',
  'RLHF trains a reward model from human preferences.',
].join('\n');

function indexWith(notes: Record<string, string>): CourseIndex {
  const index = new CourseIndex();
  for (const [note, text] of Object.entries(notes)) index.setNote(note, text);
  return index;
}

function sampleIndex(): CourseIndex {
  const index = new CourseIndex();
  for (const [uri, text] of sampleNotes()) index.setNote(uri, text);
  return index;
}

describe('CourseIndex: concepts', () => {
  it('lists concepts from every note, sorted by term, with parents and children', () => {
    const index = indexWith({ [SUMMARY]: summaryText });
    assert.deepEqual(
      index.concepts().map((concept) => concept.term),
      ['Inner misalignment', 'Misalignment', 'Polysemantic circuits', 'Polysemanticity', 'Reinforcement Learning from Human Feedback', 'Schemer'],
    );
    const circuits = index.conceptNamed('polysemantic circuits');
    assert.deepEqual(circuits?.children, [index.conceptNamed('polysemanticity')?.id]);
    assert.equal(index.conceptNamed('polysemanticity')?.parent, circuits?.id);
  });

  it('merges the same term defined in two notes into one concept with each definition and its source', () => {
    const index = indexWith({
      [SUMMARY]: summaryText,
      [UNIT_1]: '* **Inner Misalignment**: the learned objective generalises differently outside training.',
    });
    const concept = index.conceptNamed('inner misalignment');
    assert.deepEqual(concept?.definitions.map((definition) => definition.note), [SUMMARY, UNIT_1]);
    assert.equal(index.definitionsOf(concept?.id ?? '').length, 2);
  });

  it('indexes the sample course: at least 25 concepts, nothing from code', () => {
    const index = sampleIndex();
    const terms = index.concepts().map((concept) => concept.term);
    assert.ok(terms.length >= 25, `${terms.length} concepts`);
    for (const term of ['Inner misalignment', 'Schemer', 'Polysemanticity', 'Debate', 'Features', 'Reinforcement Learning from Human Feedback']) {
      assert.ok(terms.includes(term), term);
    }
    for (const term of ['NotAConcept', 'AlsoNotAConcept', 'InlineNotAConcept']) assert.ok(!terms.includes(term), term);
    assert.deepEqual(index.conceptNamed('inner misalignment')?.definitions.map((d) => sampleRelative(d.note)), [
      'Course summary.md',
      'units/Unit 1 - Losing control to AI.md',
    ]);
  });
});

describe('CourseIndex: occurrences', () => {
  it('finds the concept under the cursor, longest match first, in any case', () => {
    const { text, position } = withCursor(`${summaryText}\n\nUnit 2 argues that inner misal$$CURSOR$$ignment is hard to detect.`);
    const index = indexWith({ [SUMMARY]: text });
    const hit = index.conceptAt(SUMMARY, position);
    assert.equal(hit?.id, index.conceptNamed('Inner misalignment')?.id);
    assert.deepEqual(hit?.range, { start: { line: 12, character: 19 }, end: { line: 12, character: 37 } });
  });

  it('finds aliases, plurals, possessives and acronyms, but not inside code or URLs', () => {
    const index = indexWith({ [SUMMARY]: summaryText });
    const at = (marked: string): string | undefined => {
      const { text, position } = withCursor(marked);
      index.setNote(UNIT_1, text);
      const hit = index.conceptAt(UNIT_1, position);
      return hit && index.concept(hit.id)?.term;
    };
    assert.equal(at('This is goal misgen$$CURSOR$$eralization again.'), 'Inner misalignment');
    assert.equal(at('Debate may not catch sche$$CURSOR$$mers.'), 'Schemer');
    assert.equal(at("RL$$CURSOR$$HF's reward model."), 'Reinforcement Learning from Human Feedback');
    assert.equal(at('Lower-case rl$$CURSOR$$hf is not the acronym.'), undefined);
    assert.equal(at('Code `sche$$CURSOR$$mer` is not prose.'), undefined);
    assert.equal(at('A [link](https://x.org/sche$$CURSOR$$mer) URL.'), undefined);
    assert.equal(at('A mis$$CURSOR$$alignment story.'), 'Misalignment');
  });

  it('lists every occurrence of a concept across the workspace', () => {
    const index = indexWith({ [SUMMARY]: summaryText, [UNIT_1]: 'Schemers again: a schemer hides.\n\n```\nschemer\n```' });
    const found = index.occurrencesOf(index.conceptNamed('schemer')?.id ?? '');
    assert.deepEqual(
      found.map((o) => [o.note, o.range.start.line, o.range.start.character]),
      [
        [SUMMARY, 4, 4],
        [UNIT_1, 0, 0],
        [UNIT_1, 0, 18],
      ],
    );
  });
});

describe('CourseIndex: citations', () => {
  it('resolves a citation under the cursor to the local unit note and heading', () => {
    const index = sampleIndex();
    const summary = sampleUri('Course summary.md');
    const citations = index.citationsIn(summary);
    const first = citations[0];
    assert.ok(first);
    const found = index.citationAt(summary, first.citation.range.start);
    assert.equal(found?.resolution.kind, 'local');
    if (found?.resolution.kind !== 'local') return;
    assert.equal(sampleRelative(found.resolution.note), 'units/Unit 1 - Losing control to AI.md');
    assert.equal(found.resolution.heading?.text, 'What is AI alignment?');
  });

  it('resolves the missing anchor approximately and Unit 5 to its URL', () => {
    const index = sampleIndex();
    const resolutions = index.citationsIn(sampleUri('Course summary.md')).map((c) => c.resolution);
    const approximate = resolutions.filter((r) => r.kind === 'local' && r.approximate);
    assert.equal(approximate.length, 1);
    assert.equal(approximate[0]?.kind === 'local' ? approximate[0].heading?.text : '', 'What failure looks like');
    const external = resolutions.filter((r) => r.kind === 'external');
    assert.equal(external.length, 1);
    assert.match(external[0]?.kind === 'external' ? external[0].url : '', /Unit%205%3A%20Governance\.md#compute-governance$/);
  });

  it('follows a user mapping from a URL prefix to a folder', () => {
    const index = indexWith({
      [SUMMARY]: '[[Unit 1]](https://example.org/course/Unit%201.md#intro)',
      'file:///elsewhere/Unit%201.md': '# Intro\n',
    });
    assert.equal(index.citationsIn(SUMMARY)[0]?.resolution.kind, 'external');
    index.setCitationMappings([{ urlPrefix: 'https://example.org/course/', folder: 'file:///elsewhere/' }]);
    const resolution = index.citationsIn(SUMMARY)[0]?.resolution;
    assert.equal(resolution?.kind === 'local' ? resolution.note : resolution?.kind, 'file:///elsewhere/Unit%201.md');
  });
});

describe('CourseIndex: search, graph and diagnostics', () => {
  it('finds terms despite typos: "resilience" finds "Resiliance"', () => {
    const index = sampleIndex();
    const terms = index.search('resilience').map((result) => result.concept.term);
    assert.ok(terms.includes('Resiliance'), terms.join(', '));
    assert.ok(terms.includes('Resilience'), terms.join(', '));
    assert.equal(index.search('sychophant')[0]?.concept.term, 'Sycophant');
    assert.deepEqual(index.search('   '), []);
  });

  it('builds a typed, deterministic concept graph', () => {
    const build = (): ReturnType<CourseIndex['graph']> => sampleIndex().graph();
    const graph = build();
    assert.deepEqual(graph, build());
    const kinds = new Set(graph.edges.map((edge) => edge.kind));
    assert.deepEqual([...kinds].sort(), ['cites', 'mentions', 'parent']);
    const index = sampleIndex();
    const concepts = graph.nodes.filter((node) => node.kind === 'concept');
    assert.equal(concepts.length, index.concepts().length);
    const circuits = index.conceptNamed('polysemantic circuits')?.id;
    const polysemanticity = index.conceptNamed('polysemanticity')?.id;
    assert.ok(graph.edges.some((e) => e.kind === 'parent' && e.source === circuits && e.target === polysemanticity));
    assert.equal(graph.nodes.find((node) => node.label === 'Debate')?.cluster, 'Unit 3', 'a concept clusters by the unit it cites');
    assert.equal(graph.nodes.find((node) => node.label === 'Saint')?.cluster, 'Key definitions', 'else by its section');
    assert.ok(graph.nodes.every((node) => node.degree === graph.edges.filter((e) => e.source === node.id || e.target === node.id).length));
  });

  it('reports the sample course problems as diagnostics with codes', () => {
    const index = sampleIndex();
    const summary = sampleUri('Course summary.md');
    const codes = index.diagnostics(summary).map((d) => d.code);
    assert.equal(codes.filter((code) => code === 'citation-anchor-not-found').length, 1);
    assert.equal(codes.filter((code) => code === 'citation-no-local-copy').length, 1);
    assert.ok(codes.includes('definition-conflict'));
    assert.ok(codes.includes('likely-misspelt-duplicate'));
    const anchor = index.diagnostics(summary).find((d) => d.code === 'citation-anchor-not-found');
    assert.equal(anchor?.severity, 'warning');
    assert.equal(anchor?.replacement, 'what-failure-looks-like');
    assert.match(anchor?.message ?? '', /closest is "What failure looks like"/);
  });

  it('counts every other wording of a term in a conflict, lists the first ten as related places, and none that say the same', () => {
    const index = new CourseIndex();
    const wordings = Array.from({ length: 15 }, (_, i) => `a tendency to act within bound number ${i}.`);
    wordings.forEach((words, i) => index.setNote(`file:///notes/Week%20${i}.md`, `# Week ${i}\n\n* **Myopia**: ${words}\n`));
    // The same words in other case and punctuation, and a citation label, say the same thing: no conflict.
    index.setNote('file:///notes/Copy.md', `# Copy\n\n* **Myopia**: A tendency to act, within bound number 0 [[Week 0]](https://example.org/w0).\n`);
    const conflict = (note: string) => index.diagnostics(note).find((d) => d.code === 'definition-conflict');
    const first = conflict('file:///notes/Week%200.md');
    assert.equal(first?.message, '"Myopia" is also defined in 14 other places with different words.');
    // Related places come in the concept's order of definitions: by note URI.
    const others = Array.from({ length: 14 }, (_, i) => `file:///notes/Week%20${i + 1}.md`).sort();
    assert.deepEqual(first?.related?.map((r) => r.note), others.slice(0, 10));
    assert.equal(conflict('file:///notes/Copy.md')?.message, '"Myopia" is also defined in 14 other places with different words.');
    assert.ok(!conflict('file:///notes/Copy.md')?.related?.some((r) => r.note.endsWith('Week%200.md')));
    assert.equal(conflict('file:///notes/Week%205.md')?.message, '"Myopia" is also defined in 15 other places with different words.');
  });
});

describe('CourseIndex: incremental updates and the cache', () => {
  it('equals an index built from scratch after adds, edits, renames and removes', () => {
    const notes = sampleNotes();
    const index = new CourseIndex();
    for (const [uri, text] of notes) index.setNote(uri, text);
    const [first, second, third] = notes;
    assert.ok(first && second && third);
    index.setNote(first[0], `${first[1]}\n* **Corrigibility**: willingness to be corrected or shut down.`);
    index.removeNote(second[0]);
    index.renameNote(third[0], 'file:///moved/Unit%20X.md');
    index.setNote('file:///moved/new.md', '* **Mesa-optimiser**: a learned optimiser inside a model.');
    const scratch = new CourseIndex();
    scratch.setNote(first[0], `${first[1]}\n* **Corrigibility**: willingness to be corrected or shut down.`);
    for (const [uri, text] of notes.slice(3)) scratch.setNote(uri, text);
    scratch.setNote('file:///moved/Unit%20X.md', third[1]);
    scratch.setNote('file:///moved/new.md', '* **Mesa-optimiser**: a learned optimiser inside a model.');
    assert.deepEqual(index.concepts(), scratch.concepts());
    assert.deepEqual(index.graph(), scratch.graph());
    for (const note of scratch.notes()) assert.deepEqual(index.occurrencesIn(note), scratch.occurrencesIn(note));
  });

  it('tells listeners which notes changed, and not when the text is the same', () => {
    const index = new CourseIndex();
    const seen: string[][] = [];
    index.onDidChange((change) => seen.push([...change.notes]));
    index.setNote(SUMMARY, summaryText);
    index.setNote(SUMMARY, summaryText);
    index.removeNote(SUMMARY);
    assert.deepEqual(seen, [[SUMMARY], [SUMMARY]]);
  });

  it('warm-starts from an exported cache through JSON, and refuses one of another version', () => {
    const cold = sampleIndex();
    const cache = JSON.parse(JSON.stringify(cold.exportCache())) as unknown;
    const warm = new CourseIndex();
    assert.equal(warm.importCache(cache), true);
    for (const [uri, text] of sampleNotes()) warm.setNote(uri, text);
    assert.deepEqual(warm.concepts(), cold.concepts());
    assert.equal(new CourseIndex().importCache({ version: 0, entries: [] }), false);
  });

  it('writes each cache line as the JSON of its entry, packed again only for a note whose text changed', () => {
    const index = sampleIndex();
    const entryOf = (line: string): { note: string; hash: string; analysis: unknown } => JSON.parse(line) as { note: string; hash: string; analysis: unknown };
    const first = [...index.cacheLines()];
    for (const line of first) {
      const { note, hash } = entryOf(line);
      const text = index.textOf(note) ?? '';
      assert.equal(line, JSON.stringify({ note, hash, analysis: JSON.parse(packAnalysisJson(analyseNote(text), text)) as unknown }));
    }
    const [unit] = first.map(entryOf);
    assert.ok(unit && first.length > 1);
    index.setNote(unit.note, '# Unit 1\n\n* **Corrigibility**: accepting correction.\n');
    const second = [...index.cacheLines()].map(entryOf);
    const edited = second.find((entry) => entry.note === unit.note);
    assert.notEqual(edited?.hash, unit.hash);
    assert.match(JSON.stringify(edited?.analysis), /Corrigibility/);
    assert.deepEqual(
      second.filter((entry) => entry.note !== unit.note),
      first.map(entryOf).filter((entry) => entry.note !== unit.note),
    );
  });

  it('warm-starts from the cache file\'s lines as the extension reads them, and saves the same lines again, for the course, the Obsidian vault and the Foam vault', () => {
    for (const root of [SAMPLE_COURSE, SAMPLE_VAULT, FOAM_VAULT]) {
      const notes = sampleNotes(root);
      const cold = new CourseIndex();
      for (const [uri, text] of notes) cold.setNote(uri, text);
      const lines = [...cold.cacheLines()];
      const read = [...(cacheEntryTexts(new TextEncoder().encode(cacheJson(lines))) ?? [])];
      assert.ok(read.length === lines.length && read.every((line) => line !== undefined), root);
      const warm = new CourseIndex();
      assert.equal(warm.importCacheLines(read), true, root);
      for (const [uri, text] of notes) {
        assert.ok(warm.isAnalysed(text), uri);
        warm.setNote(uri, text);
      }
      assert.deepEqual(warm.concepts(), cold.concepts(), root);
      for (const [uri] of notes) {
        assert.deepEqual(warm.occurrencesIn(uri), cold.occurrencesIn(uri), uri);
        assert.deepEqual(warm.wikiLinksIn(uri), cold.wikiLinksIn(uri), uri);
      }
      assert.ok(notes.some(([uri]) => cold.occurrencesIn(uri).length > 0), `${root}: no occurrences to compare`);
      assert.deepEqual(warm.mentionCounts(), cold.mentionCounts(), root);
      assert.deepEqual([...warm.cacheLines()], lines, root);
    }
  });

  it('says whether its notes are those of the imported cache, each as it was there, so that a save can be skipped', () => {
    const notes = sampleNotes(SAMPLE_VAULT);
    const cold = new CourseIndex();
    for (const [uri, text] of notes) cold.setNote(uri, text);
    const lines = [...cold.cacheLines()];
    const [first, second] = notes;
    assert.ok(first && second);
    const warm = new CourseIndex();
    assert.equal(warm.holdsImportedCache(), false, 'nothing imported');
    assert.ok(warm.importCacheLines(lines));
    for (const [uri, text] of notes.slice(1)) warm.setNote(uri, text);
    assert.equal(warm.holdsImportedCache(), false, 'a note of the cache is missing');
    warm.setNote(first[0], first[1]);
    assert.equal(warm.holdsImportedCache(), true);
    warm.setNote(first[0], `${first[1]}\nEdited.\n`);
    assert.equal(warm.holdsImportedCache(), false, 'a note was edited');
    warm.setNote(first[0], first[1]);
    assert.equal(warm.holdsImportedCache(), true, 'the edit was undone');
    warm.setNote('file:///elsewhere/new.md', '# New\n');
    assert.equal(warm.holdsImportedCache(), false, 'a note the cache does not hold');
    warm.removeNote('file:///elsewhere/new.md');
    assert.equal(warm.holdsImportedCache(), true);
    warm.renameNote(second[0], 'file:///elsewhere/moved.md');
    assert.equal(warm.holdsImportedCache(), false, 'a note was moved');
    // The whole-file import says the same.
    const whole = new CourseIndex();
    assert.ok(whole.importCache(cold.exportCache()));
    for (const [uri, text] of notes) whole.setNote(uri, text);
    assert.equal(whole.holdsImportedCache(), true);
  });

  it('does not hold the imported cache once an entry read from it turns out malformed, and packs that note afresh', () => {
    const notes = sampleNotes(SAMPLE_VAULT);
    const cold = new CourseIndex();
    for (const [uri, text] of notes) cold.setNote(uri, text);
    const lines = [...cold.cacheLines()];
    const linked = lines.findIndex((line) => line.includes('false,['));
    assert.ok(linked >= 0, 'no note with a wikilink');
    const note = notes.find(([uri]) => lines[linked]?.includes(JSON.stringify(uri)))?.[0] ?? '';
    // The same length, so the wikilinks are still found where the first number says: `false` (no embed) becomes `0    `.
    const broken = lines.map((line, i) => (i === linked ? line.replace(/false,\[(?=[^[]*\]\]\]\}$)/, '0    ,[') : line));
    assert.notEqual(broken[linked], lines[linked]);
    const warm = new CourseIndex();
    assert.ok(warm.importCacheLines(broken));
    for (const [uri, text] of notes) warm.setNote(uri, text);
    assert.equal(warm.holdsImportedCache(), true, 'the wikilinks are read only when asked for');
    assert.deepEqual(warm.wikiLinksIn(note), cold.wikiLinksIn(note));
    assert.equal(warm.holdsImportedCache(), false);
    assert.deepEqual([...warm.cacheLines()], lines, 'the malformed entry is packed afresh');
    const other = new CourseIndex();
    assert.ok(other.importCacheLines(lines.map((line, i) => (i === 0 ? line.replace('"analysis":[', '"analysis":[oops,') : line))));
    for (const [uri, text] of notes) other.setNote(uri, text);
    assert.equal(other.holdsImportedCache(), false, 'an entry that does not parse');
  });

  it('analyses afresh a note whose cached analysis is malformed, and refuses a cache with a line that is no entry', () => {
    const cold = sampleIndex();
    const lines = [...cold.cacheLines()];
    // Still an entry line, but its analysis is not JSON, and another's is JSON of the wrong shape.
    const broken = lines.map((line, i) => (i === 0 ? line.replace('"analysis":[', '"analysis":[oops,') : i === 1 ? line.replace(/"analysis":\[.*\]\}$/, '"analysis":[1,2]}') : line));
    const warm = new CourseIndex();
    assert.equal(warm.importCacheLines(broken), true);
    for (const [uri, text] of sampleNotes()) warm.setNote(uri, text);
    assert.deepEqual(warm.concepts(), cold.concepts());
    assert.deepEqual([...warm.cacheLines()], lines, 'the malformed entries are packed afresh at the next save');
    for (const bad of [['{"note":"a"}'], [...lines, 'not json'], [lines[0]?.slice(0, -1) ?? '']]) {
      const refused = new CourseIndex();
      assert.equal(refused.importCacheLines(bad), false);
      assert.ok(sampleNotes().every(([, text]) => !refused.isAnalysed(text)), 'nothing restored from a refused cache');
    }
  });

  it('writes the cache an entry a line (as the extension does, in slices), which reads back whole or a line at a time', () => {
    const index = sampleIndex();
    const whole = index.exportCache();
    assert.ok(whole.entries.length > 1);
    const texts = [...index.cacheLines()];
    const written = cacheJson(texts);
    const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
    const read = (text: string): unknown[] | undefined => {
      const lines = cacheEntryTexts(bytes(text));
      return lines && [...lines].map((line) => (line === undefined ? undefined : (JSON.parse(line) as unknown)));
    };
    assert.deepEqual(JSON.parse(written), JSON.parse(JSON.stringify(whole)));
    assert.deepEqual(read(written), JSON.parse(JSON.stringify(whole.entries)));
    for (const empty of [cacheJson([]), cacheJson(['{"note":"a"}'])]) assert.deepEqual(read(empty), (JSON.parse(empty) as { entries: unknown[] }).entries);
    // Anything else is read whole, or not at all: an older layout, another version; a file cut short ends broken.
    assert.equal(cacheEntryTexts(bytes(JSON.stringify(whole))), undefined);
    assert.equal(cacheEntryTexts(bytes(written.replace(`"version":${CACHE_VERSION}`, '"version":1'))), undefined);
    assert.equal(read(written.slice(0, Math.floor(written.length / 2)))?.at(-1), undefined);
    assert.equal(read(written.slice(0, written.lastIndexOf('\n')))?.at(-1), undefined);
    assert.equal(read(`${written.slice(0, written.lastIndexOf('\n'))}\n{"note":"b"}\n]}`)?.at(-1), undefined, 'an entry without its comma before another');
  });

  it('writes the cache in parts of at most one entry, its analysis text as kept, and reads it back a line at a time, never the whole file in one step', () => {
    const index = sampleIndex();
    const texts = [...index.cacheLines()];
    const pieces = [...index.cacheLinePieces()];
    assert.deepEqual(pieces.map((line) => line.join('')), texts);
    const parts = [...cacheFileParts(pieces)];
    // The head; each entry's separator (none before the first), its head, its analysis's JSON text and its tail; the
    // file's tail: a host encodes each in its own step, and the analysis's text is never copied into a line first.
    assert.equal(parts.length, 1 + (texts.length - 1) + 3 * texts.length + 1);
    assert.deepEqual([parts[2], parts[6]], [pieces[0]?.[1], pieces[1]?.[1]], 'each analysis text a part of its own');
    const longest = Math.max(...texts.map((text) => text.length));
    assert.ok(parts.every((part) => part.length <= longest), 'no part holds more than one entry');
    assert.equal(parts.join(''), cacheJson(texts));
    assert.equal([...cacheFileParts(texts)].join(''), cacheJson(texts), 'whole lines give the same file');
    // Reading: the first entries come before the rest of the file is decoded, so bytes after them are not read yet.
    const file = new TextEncoder().encode(parts.join(''));
    assert.ok(texts.length >= 3);
    const broken = new Uint8Array(file);
    // Garbage from the third entry on (after the second's `,\n`).
    broken.fill(0xff, new TextEncoder().encode(`${parts[0] ?? ''}${texts[0] ?? ''},\n${texts[1] ?? ''},\n`).length);
    const lines = cacheEntryTexts(broken);
    assert.ok(lines, 'the head is whole');
    const [first, second] = lines;
    assert.deepEqual([first, second], [texts[0], texts[1]]);
  });

  it('uses a cached analysis instead of parsing when the text is unchanged', () => {
    const index = indexWith({ [SUMMARY]: summaryText });
    const cache = index.exportCache();
    const entry = cache.entries[0];
    assert.ok(entry);
    const [linksLength, headings, citations, [first], problem, page, blocks, complexParagraphs, wikiLinks] = entry.analysis;
    assert.ok(first);
    const doctored = { ...cache, entries: [{ ...entry, analysis: [linksLength, headings, citations, [[...first].fill('Only in the cache', 0, 1)], problem, page, blocks, complexParagraphs, wikiLinks] }] };
    const warm = new CourseIndex();
    assert.equal(warm.importCache(doctored), true);
    warm.setNote(SUMMARY, summaryText);
    assert.deepEqual(warm.concepts().map((concept) => concept.term), ['Only in the cache']);
    warm.setNote(SUMMARY, `${summaryText}
`);
    assert.ok(warm.concepts().length > 1, 'changed text is parsed again');
  });

  it('forgets the analysis of a note renamed over, once no note has its text', () => {
    const index = new CourseIndex();
    index.setNote('file:///c/a.md', '* **Alpha**: first.\n');
    index.setNote('file:///c/b.md', '* **Beta**: second.\n');
    index.renameNote('file:///c/a.md', 'file:///c/b.md');
    assert.equal(index.isAnalysed('* **Beta**: second.\n'), false, 'b.md was replaced');
    assert.equal(index.isAnalysed('* **Alpha**: first.\n'), true);
    index.removeNote('file:///c/b.md');
    assert.equal(index.isAnalysed('* **Alpha**: first.\n'), false);
    assert.deepEqual(index.concepts(), []);
  });

  it('refuses a cache of another version or shape, and analyses afresh a note whose cached entry is malformed', () => {
    assert.equal(new CourseIndex().importCache({ version: CACHE_VERSION - 1, entries: [] }), false);
    assert.equal(new CourseIndex().importCache('garbage'), false);
    assert.equal(new CourseIndex().importCache({ version: CACHE_VERSION, entries: 'no' }), false);
    assert.equal(new CourseIndex().importCache({ version: CACHE_VERSION, entries: [{ note: 1 }] }), false);
    assert.equal(new CourseIndex().importCache({ version: CACHE_VERSION, entries: [{ note: 'x', hash: 'y', analysis: 'not packed' }] }), false);
    const fresh = indexWith({ [SUMMARY]: summaryText });
    const good = fresh.exportCache().entries[0];
    assert.ok(good);
    const [, , , definitions] = good.analysis;
    const withPart = (part: number, value: unknown): unknown[] => good.analysis.map((old, i) => (i === part ? value : old));
    for (const broken of [
      withPart(3, [['term', 'not aliases']]),
      withPart(3, definitions.map((d) => [...d].fill(99, 7, 8))), // a parent after itself
      withPart(3, definitions.map((d) => [...d].fill([999], 10, 11))), // a citation that is not there
      withPart(1, [['t', 1, 's', [0, 0, 'x', 1]]]),
      good.analysis.slice(1), // the layout of the last version
    ]) {
      const warm = new CourseIndex();
      assert.equal(warm.importCache({ version: CACHE_VERSION, entries: [{ note: SUMMARY, hash: good.hash, analysis: broken }] }), true);
      warm.setNote(SUMMARY, summaryText);
      assert.deepEqual(warm.concepts(), fresh.concepts(), JSON.stringify(broken).slice(0, 80));
    }
  });

  it('keeps terms named like Object.prototype members apart from the prototype', () => {
    const index = indexWith({ [SUMMARY]: '* **constructor**: odd but allowed.\n* **\\_\\_proto\\_\\_**: also allowed.\n\nA constructor and a toString.' });
    assert.deepEqual(index.concepts().map((concept) => concept.term).sort(), ['__proto__', 'constructor']);
    assert.equal(index.concept('toString'), undefined);
    assert.equal(index.conceptNamed('toString'), undefined);
  });
});

describe('CourseIndex: bad input', () => {
  it('answers questions about unknown notes and impossible positions with nothing, never an exception', () => {
    const index = indexWith({ [SUMMARY]: summaryText });
    const far = { line: 1e9, character: 1e9 };
    const negative = { line: -5, character: -1 };
    assert.equal(index.conceptAt('file:///nope.md', far), undefined);
    assert.doesNotThrow(() => index.conceptAt(SUMMARY, far));
    assert.doesNotThrow(() => index.conceptAt(SUMMARY, negative));
    assert.equal(index.citationAt('file:///nope.md', far), undefined);
    assert.deepEqual(index.occurrencesOf('no such id'), []);
    assert.deepEqual(index.definitionsOf('no such id'), []);
    assert.deepEqual(index.diagnostics('file:///nope.md'), []);
    assert.doesNotThrow(() => index.removeNote('file:///nope.md'));
    assert.doesNotThrow(() => index.renameNote('file:///nope.md', SUMMARY));
    assert.deepEqual(index.search('x'.repeat(100_000)), []);
  });

  it('indexes hostile text without throwing and keeps the other notes working', () => {
    const index = indexWith({ [SUMMARY]: summaryText });
    const hostile = [
      `[[Unit 1]](https://github.com/o/r/blob/main/Unit%E0%A4%A.md#%E0%A4%A)`,
      `* **<img src=x onerror=alert(1)>**: a term made of HTML.`,
      '\uFEFF# BOM heading\r\n* **CRLF term**: text\r\rlone CR',
      '>'.repeat(2_000) + ' deep',
      '[' .repeat(10_000),
      '* **a** (' + Array.from({ length: 1_000 }, (_, i) => `alias${i}`).join(', ') + '): many aliases.',
    ];
    hostile.forEach((text, i) => assert.doesNotThrow(() => index.setNote(`file:///hostile/${i}.md`, text)));
    assert.doesNotThrow(() => index.graph());
    for (const note of index.notes()) assert.doesNotThrow(() => index.diagnostics(note));
    const { text, position } = withCursor('Schem$$CURSOR$$ers hide goals.');
    index.setNote(UNIT_1, text);
    assert.equal(index.concept(index.conceptAt(UNIT_1, position)?.id ?? '')?.term, 'Schemer');
  });
});

describe('CourseIndex: prose', () => {
  it('tells prose from code, HTML and link URLs', () => {
    const { text, position } = withCursor('Prose $$CURSOR$$here `code` [label](https://x.org/url).');
    const index = indexWith({ [SUMMARY]: text });
    assert.equal(index.inProse(SUMMARY, position), true);
    assert.equal(index.inProse(SUMMARY, { line: 0, character: text.indexOf('code') + 1 }), false);
    assert.equal(index.inProse(SUMMARY, { line: 0, character: text.indexOf('url') }), false);
    assert.equal(index.inProse(SUMMARY, { line: 0, character: text.indexOf('label') + 1 }), true);
    assert.equal(index.inProse('file:///nope.md', position), false);
  });
});

describe('CourseIndex: cited units', () => {
  it('lists the units a concept cites once per heading, titled with the local heading, else the label', () => {
    const index = sampleIndex();
    const titles = index.citedUnitsOf(index.conceptNamed('inner misalignment')?.id ?? '').map((unit) => unit.title);
    assert.deepEqual(titles, ['Unit 1 › Why alignment could be hard with modern deep learning']);
    const governance = index.citedUnitsOf(index.conceptNamed('compute governance')?.id ?? '');
    assert.deepEqual(governance.map((unit) => [unit.title, unit.resolution.kind]), [['Unit 5', 'external']]);
    assert.deepEqual(index.citedUnitsOf('no such id'), []);
  });
});
