import { strict as assert } from 'node:assert';
import { escapeMarkdown, glossaryAnkiTsv, glossaryCsv, glossaryMarkdown } from '../../src/core/study/exportFormats';
import { exportGlossary, exportTags } from '../../src/core/study/fromIndex';
import { type GlossaryEntry, glossaryEntries, type SourceNamer } from '../../src/core/study/glossary';
import { fromSpreadsheetSafe, spreadsheetSafe } from '../../src/core/study/spreadsheetSafe';
import { htmlToText, parseDelimited, tagsIn } from './helpers/delimited';
import { ROOT, vault } from './helpers/vaultIndex';

/** Definitions written the awkward ways real notes write them, and some hostile ones. */
const NOTES = {
  'units/Unit 1.md': [
    '# Unit 1',
    '',
    '* **Debate, judged**: two models argue, "the judge" picks; then, a second round.',
    '* **=SUM(A1:A3)**: a term that looks like a formula.',
    '* **Tabbed**: columns\tseparated\tby tabs.',
    '* **Script kiddie**: writes <script>alert("x")</script> & <b>bold</b> tags; see <img src=x onerror=alert(1)>.',
    '* **Minus sign**: -1 is what the reward became.',
    '* **At sign**: @mentions in notes.',
    '* **Plus sign**: +1 to the reward.',
    '* **Amplified oversight:**',
    '  * How do we judge a single output?',
    '  * Break it into smaller questions.',
  ].join('\n'),
  'concepts/goal-drift.md': [
    '---',
    'type: concept',
    'tags: [failure-mode, long horizon]',
    '---',
    '',
    '# Goal Drift',
    '',
    '## Definitions',
    '- **[[sources/smith-2024|Smith 2024]]** (origin): "the goal changes over a long episode".',
    '- **[[sources/lee-2025]]**: drift measured as a rate, per 100 steps.',
  ].join('\n'),
};

const SOURCES: SourceNamer = {
  label: (note, line) => `${decodeURIComponent(note.slice(ROOT.length))}:${line + 1}`,
  href: (note, line) => `${note.slice(ROOT.length)}#L${line + 1}`,
};

/** What notes cannot hold (a note's text has its tabs and line breaks read as spaces) but a writer must survive all the same. */
const AWKWARD: GlossaryEntry = {
  id: 'awkward',
  term: 'Awkward "cell"',
  aliases: ['a, b', '-minus'],
  definitions: [
    { text: 'columns\tseparated\tby tabs,\r\nand "quoted"\nlines', note: `${ROOT}odd/na,me "x".md`, line: 0, attribution: 'Tab\tLabel' },
    { text: '=2+2', note: `${ROOT}odd/b.md`, line: 4 },
  ],
  tags: ['x'],
};

function entries(): GlossaryEntry[] {
  const index = vault(NOTES);
  return [...glossaryEntries(index.concepts(), (id) => exportTags(index, id)), AWKWARD];
}

describe('glossary export', () => {
  it('sorts by term, case aside, and tags each concept with its front-matter tags as single words', () => {
    const list = entries().slice(0, -1);
    const terms = list.map((entry) => entry.term);
    assert.deepEqual(terms, [...terms].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    assert.deepEqual(list.find((entry) => entry.term === 'Goal Drift')?.tags, ['failure-mode', 'long_horizon']);
  });

  it('CSV: every cell parses back as written (commas, quotes, line breaks, tabs), formula-like cells with a leading quote', () => {
    const list = entries();
    const csv = glossaryCsv(list, SOURCES);
    const rows = parseDelimited(csv, ',');
    assert.deepEqual(rows[0], ['Term', 'Aliases', 'Definitions', 'Sources', 'Tags']);
    assert.equal(rows.length, list.length + 1);
    for (const [i, entry] of list.entries()) {
      const row = rows[i + 1] ?? [];
      assert.equal(row.length, 5);
      assert.equal(fromSpreadsheetSafe(row[0] ?? ''), entry.term);
      const definitions = entry.definitions.map((d) => (d.attribution ? `${d.attribution}: ${d.text}` : d.text)).join('\n');
      assert.equal(fromSpreadsheetSafe(row[2] ?? ''), definitions);
      assert.equal(row[3], entry.definitions.map((d) => SOURCES.label(d.note, d.line)).join('\n'));
      for (const cell of row) assert.ok(!/^[=+\-@]/.test(cell), `"${cell}" would be read as a formula`);
    }
    assert.ok(rows.some((row) => row[0] === "'=SUM(A1:A3)"));
    assert.equal(rows.find((row) => row[0] === 'Minus sign')?.[2], "'-1 is what the reward became.");
    assert.equal(rows.find((row) => row[0] === 'At sign')?.[2], "'@mentions in notes.");
    assert.equal(rows.find((row) => row[0] === 'Plus sign')?.[2], "'+1 to the reward.");
    const awkward = rows.find((row) => row[0] === 'Awkward "cell"');
    assert.deepEqual(awkward, ['Awkward "cell"', 'a, b; -minus', 'Tab\tLabel: columns\tseparated\tby tabs,\r\nand "quoted"\nlines\n=2+2', 'odd/na,me "x".md:1\nodd/b.md:5', 'x']);
    assert.match(csv, /"Debate, judged"/);
    assert.ok(csv.endsWith('\r\n'));
  });

  it('Anki TSV: header lines, four columns, HTML made only of our own tags, note HTML escaped, read back to the words', () => {
    const list = entries();
    const tsv = glossaryAnkiTsv(list, SOURCES);
    const lines = tsv.split('\n');
    assert.deepEqual(lines.slice(0, 4), ['#separator:tab', '#html:true', '#columns:Term\tDefinitions\tSources\tTags', '#tags column:4']);
    const rows = parseDelimited(lines.slice(4).join('\n'), '\t');
    assert.equal(rows.length, list.length);
    for (const [i, entry] of list.entries()) {
      const row = rows[i] ?? [];
      assert.equal(row.length, 4, `row ${i}: ${JSON.stringify(row)}`);
      for (const cell of row.slice(0, 3)) {
        assert.ok(tagsIn(fromSpreadsheetSafe(cell)).every((tag) => /^<\/?(ol|li|br)>$/.test(tag)), `only our tags in ${cell}`);
      }
      assert.equal(htmlToText(fromSpreadsheetSafe(row[0] ?? '')), entry.term);
      const definitions = fromSpreadsheetSafe(row[1] ?? '');
      const items = entry.definitions.length === 1 ? [definitions] : (definitions.match(/<li>(.*?)<\/li>/g) ?? []).map((li) => li.slice(4, -5));
      // HTML has one kind of line break: `<br>` reads back as \n.
      assert.deepEqual(items.map(htmlToText), entry.definitions.map((d) => (d.attribution ? `${d.attribution}: ${d.text}` : d.text).replace(/\r\n/g, "\n")));
      assert.deepEqual(row[3]?.split(' ').filter(Boolean), entry.tags);
    }
    const script = rows.find((row) => row[0] === 'Script kiddie');
    assert.match(script?.[1] ?? '', /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &lt;b&gt;bold&lt;\/b&gt;/);
    assert.ok(rows.some((row) => row[0] === "'=SUM(A1:A3)"), 'a formula-like term gets its quote');
    const awkward = rows.find((row) => row[0] === 'Awkward &quot;cell&quot;');
    assert.match(awkward?.[1] ?? '', /^<ol><li>Tab&#9;Label: columns&#9;separated&#9;by tabs,<br>and &quot;quoted&quot;<br>lines<\/li><li>=2\+2<\/li><\/ol>$/);
  });

  it('Markdown: one sorted glossary, aliases, source links; note HTML and markup show as text', () => {
    const list = entries();
    const md = glossaryMarkdown(list, SOURCES);
    const headings = [...md.matchAll(/^## (.*)$/gm)].map((match) => match[1]);
    assert.equal(headings.length, list.length);
    assert.match(md, /^## Goal Drift\n\n- Smith 2024: "the goal changes over a long episode"\. \(\[concepts\/goal-drift\.md:9\]\(<concepts\/goal-drift\.md#L9>\)\)$/m);
    assert.ok(!/(?<!\\)<(script|b|img|\/script)/.test(md), 'no raw HTML from the notes');
    assert.match(md, /writes \\<script\\>alert\("x"\)\\<\/script\\> \\& \\<b\\>bold\\<\/b\\> tags/);
    assert.equal(escapeMarkdown('1986. A year'), '1986\\. A year');
    assert.equal(escapeMarkdown('- a [link](x) *em* `code` | pipe'), '\\- a \\[link\\](x) \\*em\\* \\`code\\` \\| pipe');
  });

  it('JSON is the CLI\'s: every concept and the graph', () => {
    const index = vault(NOTES);
    const data = JSON.parse(exportGlossary(index, 'json', SOURCES)) as { concepts: { term: string }[]; graph: { nodes: unknown[] } };
    assert.equal(data.concepts.length, index.concepts().length);
    assert.ok(data.graph.nodes.length > 0);
  });

  it('spreadsheet safety: =, +, - and @ get a leading quote, and only they', () => {
    assert.deepEqual(['=1', '+1', '-1', '@a', 'a=1', "'=1", ''].map(spreadsheetSafe), ["'=1", "'+1", "'-1", "'@a", 'a=1', "'=1", '']);
    assert.deepEqual(["'=1", "'a", 'b'].map(fromSpreadsheetSafe), ['=1', "'a", 'b']);
  });
});
