import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { assertRankedFirst, itemLabelled, kindOf, labelOf, ourItemsAt, rangeOf, withTyped } from '../completionItems';
import { activateExtension, openNote, positionOf } from '../helpers';

const SANDBAGGING = ['concepts', 'sandbagging.md'];
const COURSE_SUMMARY = ['course', 'Course summary.md'];
/** The end of a paragraph of `concepts/sandbagging.md`, where the tests type their links. */
const PARAGRAPH_END = 'is not sandbagging.';

/** Types `typed` at the end of the sandbagging page's first paragraph and asks for items with the cursor after `cursorAfter`. */
async function typedInSandbagging(typed: string, cursorAfter: string, trigger: string, body: (items: vscode.CompletionItem[], document: vscode.TextDocument) => void): Promise<void> {
  const document = await openNote(SANDBAGGING);
  const end = positionOf(document, PARAGRAPH_END, PARAGRAPH_END.length);
  await withTyped(document, end, typed, async () => {
    body(await ourItemsAt(document, end.translate(0, typed.indexOf(cursorAfter) + cursorAfter.length), trigger), document);
  });
}

/** Completing links in a vault, whose pages use wikilinks, beside a course, whose notes cite units. */
describe('completion of links in a vault', () => {
  before(activateExtension);

  it('after [[ in a vault page ranks the vault’s notes first as wikilinks, then the course’s citations', async () => {
    await typedInSandbagging(' See [[]]', '[[', '[', (items, document) => {
      assertRankedFirst(items, 'wikilink');
      const goalDrift = itemLabelled(items, 'goal-drift', 'wikilink');
      assert.equal(goalDrift.insertText, '[[goal-drift]]');
      assert.equal(goalDrift.detail, 'Alignment Notes · concepts/goal-drift.md');
      assert.equal(document.getText(rangeOf(goalDrift)), '[[]]', 'the auto-closed ]] must be replaced too');
      assert.equal(itemLabelled(items, 'Unit 1 - Losing control to AI', 'wikilink').insertText, '[[Unit 1 - Losing control to AI]]');
      itemLabelled(items, 'Unit 1 › What is AI alignment?', 'citation');
      assert.ok(!items.some((item) => labelOf(item) === 'sandbagging'), 'the page offers a link to itself');
    });
  });

  it('after [[page# offers that page’s headings, by their text', async () => {
    await typedInSandbagging(' See [[rlhf#]]', '#', '#', (items, document) => {
      assert.deepEqual(items.map(labelOf), ['RLHF', 'The three steps', 'Why the KL term', 'Relationships']);
      const heading = itemLabelled(items, 'Why the KL term');
      assert.equal(heading.insertText, '[[rlhf#Why the KL term]]');
      assert.equal(document.getText(rangeOf(heading)), '[[rlhf#]]');
    });
  });

  it('after [[page#^ offers that page’s block ids, each with its paragraph', async () => {
    await typedInSandbagging(' See [[findings/selective-sandbagging-on-wmdp#^]]', '#^', '^', (items) => {
      assert.deepEqual(items.map(labelOf), ['^wmdp-result']);
      const [block] = items;
      assert.equal(block?.insertText, '[[findings/selective-sandbagging-on-wmdp#^wmdp-result]]');
      assert.match(String(block?.documentation), /^When prompted to, GPT-4 and Claude 3 Opus answered/);
    });
  });

  it('after ![[ offers wikilinks only: a citation makes no embed', async () => {
    await typedInSandbagging(' ![[]]', '[[', '[', (items, document) => {
      assert.ok(items.length > 0 && items.every((item) => kindOf(item) === 'wikilink'), items.map(labelOf).slice(0, 5).join(', '));
      const item = itemLabelled(items, 'goal-drift');
      assert.equal(document.getText(rangeOf(item)), '[[]]', 'the ! stays');
    });
  });

  it('offers nothing of ours after a # or ^ outside a wikilink', async () => {
    await typedInSandbagging(' #tag and x^', '#', '#', (items) => assert.deepEqual(items.map(labelOf), []));
    await typedInSandbagging(' #tag and x^', 'x^', '^', (items) => assert.deepEqual(items.map(labelOf), []));
  });

  it('after [[ in a course note of the same workspace ranks the units’ citations first and still offers wikilinks', async () => {
    const document = await openNote(COURSE_SUMMARY);
    const end = positionOf(document, 'honest answer was.', 'honest answer was.'.length);
    await withTyped(document, end, ' See [[]]', async () => {
      const items = await ourItemsAt(document, end.translate(0, ' See [['.length), '[');
      assertRankedFirst(items, 'citation');
      assert.match(String(itemLabelled(items, 'Unit 1 › What is AI alignment?', 'citation').insertText), /^\[\[Unit 1\]\]\(https:\/\/github\.com\/.*#what-is-ai-alignment\)$/);
      assert.equal(itemLabelled(items, 'goal-drift', 'wikilink').insertText, '[[goal-drift]]');
    });
  });

  it('after [[ in an unsaved note ranks wikilinks first, as most of the workspace’s notes use them', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'See [[' });
    const items = await ourItemsAt(document, document.lineAt(0).range.end, '[');
    assertRankedFirst(items, 'wikilink');
    assert.equal(itemLabelled(items, 'selective-sandbagging-on-wmdp', 'wikilink').insertText, '[[selective-sandbagging-on-wmdp]]');
  });
});
