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

  it('installed from the .vsix, activates and hovers in restricted mode, as its manifest declares', async () => {
    await workbench?.close();
    workbench = await Workbench.start({ name: 'vsix-restricted', vsix: join(repoRoot(), 'alignment-notes.vsix'), restricted: true });
    // VS Code shows this status bar entry only while the workspace is untrusted.
    await workbench.page.locator('[id="status.workspaceTrust"], .statusbar-item:has-text("Restricted Mode")').first().waitFor({ timeout: 60_000 });
    await workbench.openNote('Course summary.md');
    await workbench.conceptCount().first().waitFor({ timeout: 60_000 });
    assert.match(await workbench.conceptCount().first().innerText(), /\d+ concepts/);
    await workbench.hover('**Governance**', 4, /Defined in/);
  });
});
