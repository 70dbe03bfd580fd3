import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownItInstance } from 'markdown-it';
import type { CourseIndex } from '../../src/core/index/courseIndex';
import { analyseNoteWhole } from '../../src/core/notes/analyseNote';
import { analyseNoteWithinLimits } from '../../src/core/notes/limits';
import { scanWikiLink } from '../../src/core/parse/wikiLink/scan';
import { extendPreview, type PreviewHost } from '../../src/core/render/preview/previewPlugin';
import { relativeHref } from '../../src/core/render/preview/relativeHref';
import { isPreviewLinkContext, PREVIEW_LINK_SECTION } from '../../src/shared/previewLinkContext';
import { coreReading, LINK_READING_FIXTURES, previewReading } from '../fixtures/linkReadings';
import { ROOT, vault } from './helpers/vaultIndex';

const HOST: PreviewHost = { enabled: () => true, maxDefinitionLength: () => 600, displayPath: (note) => note.replace(ROOT, '') };

/** A markdown-it as VS Code's preview configures it (HTML on, linkify on), with the preview plugin. */
function previewOf(index: CourseIndex, host: PreviewHost = HOST): MarkdownItInstance {
  return extendPreview(new MarkdownIt({ html: true, linkify: true }), index, host);
}

/** The `data-vscode-context` of each element of rendered HTML that has one, parsed, with the element's text. */
function linkContexts(html: string): { context: unknown; text: string }[] {
  return [...html.matchAll(/<(a|span) [^>]*data-vscode-context="([^"]*)"[^>]*>(.*?)<\/\1>/g)].map(([, , value, text]) => ({
    context: JSON.parse((value ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as unknown,
    text: (text ?? '').replace(/<[^>]*>/g, ''),
  }));
}

function render(md: MarkdownItInstance, text: string, note?: string): string {
  return md.render(text, note === undefined ? {} : { currentDocument: ROOT + note });
}

/** The tooltip element of a rendered page for a term's `aria-describedby`. */
function tooltipFor(html: string, term: string): string {
  const id = new RegExp(`aria-describedby="([^"]+)">${term}</span>`).exec(html)?.[1];
  assert.ok(id, `no marked term "${term}" in ${html}`);
  const tip = new RegExp(`<div class="an-tooltip" role="tooltip" id="${id}" hidden>.*?</div>`, 's').exec(html)?.[0];
  assert.ok(tip, `no tooltip ${id}`);
  return tip;
}

const NOTES = {
  'Course summary.md': [
    '# Summary',
    '',
    '* **Schemer**: a model that performs well only as a strategy, to pursue its own goals later [[Unit 1]](https://github.com/org/course/blob/main/Unit-1.md#open-questions).',
    '* **Reward model** (preference model): a network trained to predict human ratings.',
    '',
    'Telling schemers apart is hard; the reward model helps little. See `Schemer` in code.',
    '',
    '## Schemer notes',
    '',
    'A [Schemer link](https://example.com) and [[concepts/goal-drift|goal drift]] and [[concepts/goal-drift#Definition]] and [[nowhere]].',
  ].join('\n'),
  'units/Unit-1.md': '# Unit 1\n\n## Open questions\n\nDo schemers exist?\n',
  'concepts/goal-drift.md': '---\ntype: concept\n---\n# Goal drift\n\n## Definition\n\nGoals that shift during a long episode.\n\n## Open questions\n\nHow to measure it.\n',
  'hostile.md': '* **Payload**: <script>alert(1)</script> <img src=x onerror=alert(2)> [click me](javascript:alert(3)) "quoted" & more.\n',
};

describe('Markdown preview: reading view', () => {
  describe('the wikilink reading agrees with the core', () => {
    for (const { name, text } of LINK_READING_FIXTURES) {
      it(`reads wikilinks and citations as the core does: ${name}`, () => {
        const html = render(previewOf(vault({})), text);
        const core = coreReading(analyseNoteWithinLimits(text));
        assert.ok(core.length > 0 || name.startsWith('no wikilink'), 'a fixture should hold links');
        assert.deepEqual(previewReading(html), core);
      });
    }

    it('fails when the readings disagree (a changed target is seen)', () => {
      const html = render(previewOf(vault({})), 'See [[a]].').replace('&quot;a&quot;', '&quot;b&quot;');
      assert.notDeepEqual(previewReading(html), coreReading(analyseNoteWithinLimits('See [[a]].')));
    });

    it('scans wikilinks as remark reads them, on generated lines of brackets, bars, hashes and escapes', () => {
      const alphabet = fc.constantFrom('[', ']', '|', '\\', '#', '^', '!', '(', ')', ' ', 'a', 'b', '`', '\n');
      fc.assert(
        fc.property(fc.array(alphabet, { maxLength: 24 }).map((chars) => chars.join('')), (text) => {
          const source = `x ${text}`;
          const expected = analyseNoteWhole(source).wikiLinks.map(({ target, heading, block, label, embed }) => ({ target, heading, block, label, embed }));
          const md = previewOf(vault({}));
          const actual = previewReading(render(md, source)).flatMap((reading) =>
            reading.kind === 'wikilink' ? [{ target: reading.target, heading: reading.heading, block: reading.block, label: reading.label, embed: reading.embed }] : [],
          );
          assert.deepEqual(actual, expected, JSON.stringify(source));
        }),
        { seed: 19, numRuns: 600 },
      );
    });

    it('scans the fields of one wikilink, bounded by the end it is given', () => {
      assert.deepEqual(scanWikiLink('![[n#A#B\\|x]]', 0, 13, () => false), { target: 'n', heading: 'A#B', label: 'x', embed: true, end: 13 });
      assert.equal(scanWikiLink('[[n]]', 0, 4, () => false), undefined);
      assert.equal(scanWikiLink('[[n]][r]', 0, 8, (label) => label === 'r'), undefined);
    });
  });

  describe('rendering', () => {
    const index = vault(NOTES);
    const md = previewOf(index);
    const html = render(md, NOTES['Course summary.md'], 'Course summary.md');

    it('marks terms in prose as focusable elements described by a tooltip holding the definition as text', () => {
      assert.match(html, /<span class="an-term" tabindex="0" data-concept="[^"]+" aria-describedby="alignment-notes-tip-\d+">schemers<\/span>/);
      const tip = tooltipFor(html, 'schemers');
      assert.match(tip, /<span class="an-tooltip-term">Schemer<\/span>/);
      assert.match(tip, /performs well only as a strategy/);
      assert.match(tip, /Course summary\.md:3/);
      assert.match(tooltipFor(html, 'reward model'), /\(preference model\)/);
    });

    it('does not mark a definition\'s own term, code, link text or headings', () => {
      assert.match(html, /<strong>Schemer<\/strong>:/);
      assert.match(html, /<code>Schemer<\/code>/);
      assert.match(html, /<a href="https:\/\/example.com">Schemer link<\/a>/);
      assert.match(html, /<h2>Schemer notes<\/h2>/);
      assert.equal((html.match(/role="tooltip"/g) ?? []).length, 2, 'one tooltip per concept');
    });

    it('leads a citation to the local note at its heading, a wikilink to its note and heading, and marks broken ones', () => {
      assert.match(html, /<a href="\.\/units\/Unit-1\.md#open-questions" data-href="\.\/units\/Unit-1\.md#open-questions" class="an-citation" title="Unit 1 › Open questions — units\/Unit-1\.md"/);
      assert.match(html, /<a class="an-wikilink" [^>]*href="\.\/concepts\/goal-drift\.md" [^>]*>goal drift<\/a>/);
      assert.match(html, /<a class="an-wikilink" [^>]*href="\.\/concepts\/goal-drift\.md#definition" [^>]*>concepts\/goal-drift#Definition<\/a>/);
      assert.match(html, /<span class="an-wikilink an-broken" [^>]*>nowhere<span class="an-broken-mark"> \(not found\)<\/span><\/span>/);
    });

    it('leads a citation written by reference, [[Unit 1]][u1], to the local note at its heading', () => {
      const page = render(md, 'Schemers [[Unit 1]][u1].\n\n[u1]: https://github.com/org/course/blob/main/Unit-1.md#open-questions\n', 'Course summary.md');
      assert.match(page, /<a href="\.\/units\/Unit-1\.md#open-questions" data-href="\.\/units\/Unit-1\.md#open-questions" class="an-citation" title="Unit 1 › Open questions — units\/Unit-1\.md"/);
    });

    it('gives each citation, wikilink and embed that leads to a note the context of the preview\'s "Open to the Side" menu: the note and its heading\'s line', () => {
      const page = render(md, `${NOTES['Course summary.md']}\n\n![[concepts/goal-drift#Open questions]]\n\n[[Unit 9]](https://github.com/org/course/blob/main/Unit%209.md).\n`, 'Course summary.md');
      const found = linkContexts(page);
      assert.deepEqual(found.map(({ text, context }) => [text, context]), [
        ['[Unit 1]', { webviewSection: PREVIEW_LINK_SECTION, alignmentNotesNote: `${ROOT}units/Unit-1.md`, alignmentNotesLine: 2 }],
        ['goal drift', { webviewSection: PREVIEW_LINK_SECTION, alignmentNotesNote: `${ROOT}concepts/goal-drift.md`, alignmentNotesLine: 0 }],
        ['concepts/goal-drift#Definition', { webviewSection: PREVIEW_LINK_SECTION, alignmentNotesNote: `${ROOT}concepts/goal-drift.md`, alignmentNotesLine: 5 }],
        ['Goal drift › Open questionsHow to measure it.', { webviewSection: PREVIEW_LINK_SECTION, alignmentNotesNote: `${ROOT}concepts/goal-drift.md`, alignmentNotesLine: 9 }],
      ]);
      assert.ok(found.every(({ context }) => isPreviewLinkContext(context)));
    });

    it('accepts only a well-formed link context: a note link\'s own section, a URI and a line', () => {
      const good = { webviewSection: PREVIEW_LINK_SECTION, alignmentNotesNote: 'file:///n.md', alignmentNotesLine: 3, webview: 'markdown.preview' };
      assert.ok(isPreviewLinkContext(good));
      for (const forged of [undefined, 'file:///n.md', [], { ...good, webviewSection: 'image' }, { ...good, alignmentNotesNote: '' }, { ...good, alignmentNotesNote: 7 }, { ...good, alignmentNotesLine: -1 }, { ...good, alignmentNotesLine: 1.5 }, { ...good, alignmentNotesNote: `file:///${'x'.repeat(5000)}` }]) {
        assert.equal(isPreviewLinkContext(forged), false, JSON.stringify(forged)?.slice(0, 80));
      }
    });

    it('falls back to the URL for a citation without a local copy', () => {
      const external = render(md, 'See [[Unit 9]](https://github.com/org/course/blob/main/Unit%209.md#x).', 'Course summary.md');
      assert.match(external, /<a href="https:\/\/github.com\/org\/course\/blob\/main\/Unit%209.md#x" data-href="https:\/\/github.com[^"]*" class="an-citation an-external"/);
    });

    it('shows an embed\'s title and definition, or the first lines of its section, as text', () => {
      const page = render(md, '![[concepts/goal-drift]]\n\n![[concepts/goal-drift#Open questions]]\n', 'Course summary.md');
      assert.match(page, /<span class="an-embed" [^>]*role="note" aria-label="Embedded: Goal drift"><a class="an-embed-title"[^>]*>Goal drift<\/a><span class="an-embed-body">Goals that shift during a long episode\.<\/span><\/span>/);
      assert.match(page, />Goal drift › Open questions<\/a><span class="an-embed-body">How to measure it\.<\/span>/);
    });

    it('renders a hostile definition as text in its tooltip: no script, no image, no javascript: link', () => {
      const page = render(md, 'The payload term.', 'Course summary.md');
      const tip = tooltipFor(page, 'payload');
      assert.match(tip, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &lt;img src=x onerror=alert\(2\)&gt; click me &quot;quoted&quot; &amp; more\./);
      assert.doesNotMatch(page, /<script|<img|javascript:/i);
    });

    it('renders like plain markdown-it when turned off', () => {
      const off = previewOf(vault(NOTES), { ...HOST, enabled: () => false });
      const plain = new MarkdownIt({ html: true, linkify: true });
      const text = 'Telling schemers apart: see [[Unit 1]](https://github.com/org/course/blob/main/Unit%201.md#open-questions).';
      assert.equal(render(off, text, 'Course summary.md'), plain.render(text));
    });
  });

  it('links notes by relative paths, across folders and from the same one', () => {
    assert.equal(relativeHref('file:///c/a/x.md', 'file:///c/b/Unit%201.md', 'intro'), '../b/Unit%201.md#intro');
    assert.equal(relativeHref('file:///c/a/x.md', 'file:///c/a/y.md'), './y.md');
    assert.equal(relativeHref(undefined, 'file:///c/a/y.md', 'L3'), 'file:///c/a/y.md#L3');
  });
});
