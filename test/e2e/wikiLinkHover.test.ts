import { strict as assert } from 'node:assert';
import { sampleVaultDir } from '../../scripts/lib/paths';
import { Workbench } from './workbench';

/**
 * The sample vault in a VS Code of its own: with the course in the same workspace, the course's terms would
 * join the vault's (its "Inner misalignment" among them) and change what the course's hovers show.
 */
describe('wikilink hovers in the sample vault in the browser', function () {
  let workbench: Workbench;

  before(async function () {
    this.timeout(180_000);
    workbench = await Workbench.start({ name: 'vault', development: true, folder: sampleVaultDir() });
    await workbench.openNote('reward-hacking.md');
    // The hover needs the vault indexed: the status bar counts its concepts once it is.
    await workbench.conceptCount().first().waitFor({ timeout: 60_000 });
  });

  after(async () => workbench?.close());

  it('hovering [[concepts/goal-misgeneralisation]] on the Reward Hacking page previews that concept page: its title, aliases and definition', async () => {
    const text = await workbench.hover('[[concepts/goal-misgeneralisation]]', 15, /Goal Misgeneralisation/);
    assert.match(text, /Objective robustness failure/);
    assert.match(text, /competently pursues a goal other than the intended one/);
    assert.match(text, /Concept page concepts\/goal-misgeneralisation\.md/);
    assert.doesNotMatch(text, /Reward Hacking/, 'the preview is of the linked page, not of the page the link is on');
    await workbench.screenshot('hover-wikilink-concept');
  });

  it('hovering [[concepts/rlhf#Why the KL term]] previews that section: the page title, the heading and its first lines', async () => {
    // The start of the link only: its words may wrap onto the next screen line.
    const text = await workbench.hover('[[concepts/rlhf#', 4, /RLHF › Why the KL term/);
    assert.match(text, /Without the second term the policy wanders/);
    assert.match(text, /concepts\/rlhf\.md/);
    assert.doesNotMatch(text, /Fine-tuning a pretrained model/, 'the section, not the page\'s definition');
  });
});
