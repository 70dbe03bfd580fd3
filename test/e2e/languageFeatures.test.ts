import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleCourseDir } from '../../scripts/lib/paths';
import { developmentWorkbench } from './session';

/** The 1-based line of a heading in a sample note, read from the file itself. */
function headingLine(note: string, heading: string): number {
  const lines = readFileSync(join(sampleCourseDir(), note), 'utf8').split('\n');
  const index = lines.indexOf(heading);
  if (index < 0) throw new Error(`${heading} not in ${note}`);
  return index + 1;
}

describe('language features in the browser', function () {
  it('shows the definition of "inner misalignment" when hovering it in a unit note', async () => {
    const workbench = await developmentWorkbench();
    await workbench.openNote('Unit 2 - What makes aligning AI difficult.md');
    const text = await workbench.hover('inner misalignment', 6, /Inner misalignment/);
    assert.match(text, /goal misgeneralisation/);
    assert.match(text, /Defined in/);
    await workbench.screenshot('hover-inner-misalignment');
  });

  it('F12 on a [[Unit 1]] citation in the summary opens the unit note at the cited heading', async () => {
    const workbench = await developmentWorkbench();
    await workbench.openNote('Course summary.md');
    await workbench.clickText('[[Unit 1]]', 4);
    await workbench.page.keyboard.press('F12');
    const expected = headingLine('units/Unit 1 - Losing control to AI.md', '## What is AI alignment?');
    for (let attempt = 0; attempt < 50; attempt++) {
      if ((await workbench.activeTab()).includes('Unit 1 - Losing control to AI.md') && (await workbench.cursorLine()) === expected) break;
      await workbench.page.waitForTimeout(200);
    }
    assert.match(await workbench.activeTab(), /Unit 1 - Losing control to AI\.md/);
    assert.equal(await workbench.cursorLine(), expected);
    await workbench.screenshot('go-to-citation');
  });

  it('colours definition terms and citation labels with the injection grammar', async () => {
    const workbench = await developmentWorkbench();
    await workbench.openNote('Course summary.md');
    await workbench.reveal('**Governance**');
    // Monaco renders each token as a span whose mtk class is its theme colour.
    const classes = await workbench.page.evaluate(() => {
      // With word wrap one note line spans several rendered lines: look at all of them.
      const spans = [...document.querySelectorAll('.editor-instance .view-line span > span')];
      const text = (span: Element): string => (span.textContent ?? '').replace(/\u00a0/g, ' ');
      const colour = (span: Element | undefined): string => /mtk\d+/.exec(span?.className ?? '')?.[0] ?? 'missing';
      const term = spans.findIndex((span) => text(span) === 'Governance');
      return {
        marker: colour(spans[term - 1]),
        term: colour(spans[term]),
        label: colour(spans.find((span) => text(span) === 'Unit 1')),
        prose: colour(spans.find((span) => text(span).includes('the rules'))),
      };
    });
    assert.notEqual(classes.term, 'missing', 'the term is one token of its own');
    assert.notEqual(classes.label, 'missing', 'the citation label is one token of its own');
    assert.notEqual(classes.term, classes.prose, 'the term is coloured unlike the prose');
    assert.notEqual(classes.term, classes.marker, 'the term is coloured unlike its bold markers, as plain bold text would be');
    assert.notEqual(classes.label, classes.prose, 'the citation label is coloured unlike the prose');
  });

  it('shows the number of indexed concepts in the status bar once active', async () => {
    const workbench = await developmentWorkbench();
    await workbench.openNote('Course summary.md'); // shown while a markdown editor is active
    await workbench.conceptCount().first().waitFor({ timeout: 60_000 });
    const text = await workbench.conceptCount().first().innerText();
    const count = Number(/(\d+)/.exec(text)?.[1]);
    assert.ok(count >= 25, `status bar says "${text}"`);
  });

  it('links to the log from the status bar entry’s tooltip', async () => {
    const workbench = await developmentWorkbench();
    await workbench.openNote('Course summary.md');
    await workbench.conceptCount().first().hover();
    const tooltip = workbench.page.locator('.monaco-hover', { hasText: 'Show the log' }).last();
    await tooltip.waitFor({ timeout: 15_000 });
    assert.match(await tooltip.innerText(), /\d+ concepts in \d+ notes/);
    const link = tooltip.locator('a', { hasText: 'Show the log' });
    await link.click();
    // The Output panel opens on the extension's log, which says how the notes were indexed.
    // Monaco draws spaces as no-break spaces, which \s matches.
    await workbench.page.locator('.part.panel .view-line', { hasText: /Indexed\s\d+\snotes/ }).first().waitFor({ timeout: 15_000 });
    await workbench.page.keyboard.press('Escape');
  });
});
