import { strict as assert } from 'node:assert';
import { developmentWorkbench } from './session';

describe('language features in the browser', function () {
  it('shows the definition of "inner misalignment" when hovering it in a unit note', async () => {
    const workbench = await developmentWorkbench();
    await workbench.openNote('Unit 2 - What makes aligning AI difficult.md');
    const text = await workbench.hover('inner misalignment', 6, /Inner misalignment/);
    assert.match(text, /goal misgeneralisation/);
    assert.match(text, /Defined in/);
    await workbench.screenshot('hover-inner-misalignment');
  });

  it('shows the number of indexed concepts in the status bar once active', async () => {
    const workbench = await developmentWorkbench();
    const text = await workbench.conceptCount().first().innerText();
    const count = Number(/(\d+)/.exec(text)?.[1]);
    assert.ok(count >= 25, `status bar says "${text}"`);
  });
});
