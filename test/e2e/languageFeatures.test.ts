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

  it('shows the number of indexed concepts in the status bar once active', async () => {
    const workbench = await developmentWorkbench();
    const text = await workbench.conceptCount().first().innerText();
    const count = Number(/(\d+)/.exec(text)?.[1]);
    assert.ok(count >= 25, `status bar says "${text}"`);
  });
});
