import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/lib/paths';
import { Workbench } from './workbench';

describe('the packaged extension', function () {
  let workbench: Workbench | undefined;
  after(async () => workbench?.close());

  it('installs from the .vsix and activates on a markdown note', async () => {
    const vsix = join(repoRoot(), 'alignment-notes.vsix');
    assert.ok(existsSync(vsix), `${vsix} is missing: npm run package builds it`);
    workbench = await Workbench.start({ name: 'vsix', vsix });
    await workbench.openNote('Course summary.md');
    await workbench.conceptCount().first().waitFor({ timeout: 60_000 });
    const text = await workbench.conceptCount().first().innerText();
    assert.match(text, /\d+ concepts/);
    await workbench.hover('**Governance**', 4, /Defined in/);
  });
});
