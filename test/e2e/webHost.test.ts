import { strict as assert } from 'node:assert';
import { Workbench } from './workbench';

/**
 * What a student sees in a browser-only VS Code (vscode.dev, github.dev), where extensions run in the web
 * worker extension host: the extension forced there with the user setting that does it, in a VS Code of its own.
 */
describe('the extension in the web worker extension host, in the browser', function () {
  let workbench: Workbench;

  before(async function () {
    this.timeout(180_000);
    workbench = await Workbench.start({ name: 'web', development: true, settings: { 'remote.extensionKind': { 'alignment-notes.alignment-notes': ['web'] } } });
    await workbench.openNote('Unit 2 - What makes aligning AI difficult.md');
    await workbench.conceptCount().first().waitFor({ timeout: 60_000 });
  });

  after(async () => workbench?.close());

  it('counts the concepts, says in its log that it runs in the web worker extension host, and shows a definition on hover', async () => {
    assert.match(await workbench.conceptCount().first().innerText(), /\d+ concepts/);
    await workbench.runCommand('Alignment Notes: Show Log');
    // The Output panel's editor writes spaces as no-break spaces: `\s` matches both.
    const log = workbench.page.locator('.panel .monaco-editor', { hasText: /Alignment\sNotes\sactivated/ }).first();
    await log.waitFor({ timeout: 30_000 });
    assert.match(await log.innerText(), /web\sworker\sextension\shost/);
    const text = await workbench.hover('inner misalignment', 6, /Inner misalignment/);
    assert.match(text, /goal misgeneralisation/);
    assert.match(text, /Defined in/);
    await workbench.screenshot('web-host-hover');
  });
});
