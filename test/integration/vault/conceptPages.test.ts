import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, hoversAt, hoverText, inWorkspace, openNote, positionOf, type Target, targets } from '../helpers';

const COINRUN = ['findings', 'coinrun-agents-go-right.md'];
const REWARD_HACKING = ['concepts', 'reward-hacking.md'];
const COURSE_UNIT_2 = ['course', 'units', 'Unit 2 - What makes aligning AI difficult.md'];

/**
 * The sample vault and the sample course in one workspace: concept pages are concepts wherever their name
 * is written, and names written in either style join one concept.
 */
describe('concept pages in a vault, beside a course', () => {
  before(activateExtension);

  it('hovers a concept page title mentioned in prose without a link: title, aliases, its definitions with their sources', async () => {
    const document = await openNote(COINRUN);
    const text = hoverText(await hoversAt(document, positionOf(document, 'looks like reward hacking', 12)));
    assert.match(text, /\*\*Reward Hacking\*\* · _Specification gaming_/);
    assert.match(text, /\*\*sources\/krakovna-et-al-2020\*\*/, 'an attributed definition names its source');
    assert.match(text, inWorkspace(String.raw`Concept page \[concepts/reward-hacking\.md:9\]\(<folder>/[^)]*reward-hacking\.md#L9\)`));
  });

  it('F12 from that prose mention opens the concept page at its title, and the course glossary\'s definition of the same term', async () => {
    const document = await openNote(COINRUN);
    const found = await vscode.commands.executeCommand<Target[]>('vscode.executeDefinitionProvider', document.uri, positionOf(document, 'looks like reward hacking', 12));
    const page = await openNote(REWARD_HACKING);
    const title = positionOf(page, '# Reward Hacking').line;
    assert.deepEqual(
      targets(found),
      [`concepts/reward-hacking.md:${title + 1}`, 'course/Course summary.md:15'],
    );
  });

  it('joins the course glossary and the vault: RLHF from a unit note, the course summary, a source page and the RLHF concept page', async () => {
    const document = await openNote(COURSE_UNIT_2);
    const text = hoverText(await hoversAt(document, positionOf(document, '**RLHF:**', 3)));
    assert.match(text, /^\*\*Reinforcement Learning from Human Feedback\*\* · _RLHF_/);
    assert.match(text, /\* Raters compare pairs of answers/, 'the unit note\'s nested bullets, as a list');
    assert.match(text, /Defined in \[course\/Course summary\.md:28\]/);
    assert.match(text, /Concept page \[concepts\/rlhf\.md:\d+\]/);
  });

  it('does not make relation labels or bold source links concepts', async () => {
    const api = await activateExtension();
    const terms = api.index.concepts().map((concept) => concept.term);
    for (const noise of ['Related to', 'Builds on', 'Distinct from', 'See also']) assert.ok(!terms.includes(noise), noise);
    assert.ok(!terms.some((term) => term.includes('[[')), terms.join(', '));
  });
});
