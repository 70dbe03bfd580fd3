import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { assertRankedFirst, itemLabelled, labelOf, ourItemsAt, rangeOf, withTyped } from './completionItems';
import { activateExtension, positionOf, sampleNote } from './helpers';

async function untitledNote(content: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument({ language: 'markdown', content });
}

/** The end of the document: where the tests' notes leave the cursor. */
function endOf(document: vscode.TextDocument): vscode.Position {
  return document.lineAt(document.lineCount - 1).range.end;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 100) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const UNIT_1_ALIGNMENT = 'Unit 1 › What is AI alignment?';

describe('completion', () => {
  before(activateExtension);

  it('suggests a defined term while typing prose, with its first definition as untrusted documentation', async () => {
    const document = await untitledNote('Training can go wrong through inner misal');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, endOf(document));
    assert.equal(list.isIncomplete, true, 'the term list must be asked again as the prefix grows');
    const item = itemLabelled(await ourItemsAt(document, endOf(document)), 'Inner misalignment');
    assert.equal(item.detail, 'Alignment Notes · defined in Course summary.md');
    const documentation = item.documentation;
    assert.ok(documentation instanceof vscode.MarkdownString, 'no markdown documentation');
    assert.notEqual(documentation.isTrusted, true);
    assert.notEqual(documentation.supportHtml, true);
    const text = documentation.value.replace(/&nbsp;/g, ' ');
    assert.match(text, /internalised a different goal/);
    assert.match(text, /goal misgeneralisation/, 'the aliases are shown');
  });

  it('replaces the words of the term already typed and keeps the case they were typed in', async () => {
    const document = await untitledNote('Training can go wrong through inner misal');
    const item = itemLabelled(await ourItemsAt(document, endOf(document)), 'Inner misalignment');
    assert.equal(item.insertText, 'inner misalignment');
    assert.equal(document.getText(rangeOf(item)), 'inner misal');
  });

  it('suggests aliases and finds a term from a misspelt prefix', async () => {
    const document = await untitledNote('Models that are schemr or show goal misgen');
    const aliasItem = itemLabelled(await ourItemsAt(document, endOf(document)), 'goal misgeneralisation');
    assert.match(aliasItem.detail ?? '', /Inner misalignment/, 'an alias item names its concept');
    assert.equal(document.getText(rangeOf(aliasItem)), 'goal misgen');
    const typo = await ourItemsAt(document, positionOf(document, 'schemr', 6));
    assert.equal(document.getText(rangeOf(itemLabelled(typo, 'Schemer'))), 'schemr');
  });

  it('waits for two letters before suggesting terms', async () => {
    const document = await untitledNote('A model that is a s');
    assert.deepEqual(await ourItemsAt(document, endOf(document)), []);
  });

  it('suggests no terms inside an inline code span or a code fence', async () => {
    const document = await untitledNote('Prose about sche and `sche` here.\n\n```\nsche\n```\n');
    assert.ok((await ourItemsAt(document, positionOf(document, 'sche', 4))).length > 0, 'no terms in prose, so the test proves nothing');
    assert.deepEqual(await ourItemsAt(document, positionOf(document, '`sche', 5)), [], 'terms offered in an inline code span');
    assert.deepEqual(await ourItemsAt(document, positionOf(document, '\nsche\n', 5)), [], 'terms offered in a code fence');
  });

  it('after [[ in Course summary.md ranks citations first, reusing the URL the summary already cites the unit with, and offers wikilinks after them', async () => {
    const document = await vscode.workspace.openTextDocument(sampleNote('Course summary.md'));
    const end = positionOf(document, 'honest answer was.', 'honest answer was.'.length);
    await withTyped(document, end, ' See [[]]', async () => {
      const cursor = end.translate(0, ' See [['.length);
      const items = await ourItemsAt(document, cursor, '[');
      const item = itemLabelled(items, UNIT_1_ALIGNMENT);
      assert.equal(
        item.insertText,
        '[[Unit 1]](https://github.com/alignment-notes/course-notes/blob/main/AI-Alignment-Fast-Track/Unit%201%3A%20Losing%20control%20to%20AI.md#what-is-ai-alignment)',
      );
      assert.equal(document.getText(rangeOf(item)), '[[]]', 'the auto-closed ]] must be replaced too');
      itemLabelled(items, 'Unit 4 - Understanding how AI systems think', 'citation');
      assert.ok(!items.some((candidate) => labelOf(candidate).startsWith('Course summary')), 'the note offers a link to itself');
      assertRankedFirst(items, 'citation');
      const wikiLink = itemLabelled(items, 'Unit 1 - Losing control to AI', 'wikilink');
      assert.equal(wikiLink.insertText, '[[Unit 1 - Losing control to AI]]');
      assert.equal(document.getText(rangeOf(wikiLink)), '[[]]');
    });
  });

  it('after [[ follows the URL folder that the note’s other citations share', async () => {
    const document = await untitledNote(
      'Earlier: [[Unit 2]](https://github.com/org/repo/blob/main/Folder/Unit%202%3A%20What%20makes%20aligning%20AI%20difficult%3F.md#when-the-reward-sign-flipped).\n\nSee [[',
    );
    const items = await ourItemsAt(document, endOf(document), '[');
    assert.equal(
      itemLabelled(items, UNIT_1_ALIGNMENT).insertText,
      '[[Unit 1]](https://github.com/org/repo/blob/main/Folder/Unit%201%20-%20Losing%20control%20to%20AI.md#what-is-ai-alignment)',
    );
    assert.equal(
      itemLabelled(items, 'Unit 2 › A plain explanation of RLHF').insertText,
      '[[Unit 2]](https://github.com/org/repo/blob/main/Folder/Unit%202%3A%20What%20makes%20aligning%20AI%20difficult%3F.md#a-plain-explanation-of-rlhf)',
    );
  });

  it('after [[ in an unsaved note of a course ranks citations first, with a relative, percent-encoded link', async () => {
    const document = await untitledNote('See [[');
    const items = await ourItemsAt(document, endOf(document), '[');
    const item = itemLabelled(items, UNIT_1_ALIGNMENT);
    assert.equal(item.insertText, '[[Unit 1]](units/Unit%201%20-%20Losing%20control%20to%20AI.md#what-is-ai-alignment)');
    assert.equal(document.getText(rangeOf(item)), '[[');
    assert.equal(itemLabelled(items, 'Unit 1 - Losing control to AI', 'citation').insertText, '[[Unit 1]](units/Unit%201%20-%20Losing%20control%20to%20AI.md)');
    assertRankedFirst(items, 'citation');
    assert.equal(
      itemLabelled(items, 'Course summary › Key definitions').insertText,
      '[[Course summary]](Course%20summary.md#key-definitions)',
      'a note not named Unit N is cited by its file name',
    );
  });

  it('offers nothing when alignmentNotes.completion.enabled is false', async () => {
    const document = await untitledNote('Training can go wrong through inner misal\n\nSee [[');
    const term = positionOf(document, 'inner misal', 'inner misal'.length);
    assert.ok((await ourItemsAt(document, term)).length > 0, 'no terms while enabled, so the test proves nothing');
    const config = vscode.workspace.getConfiguration('alignmentNotes');
    const previous = config.inspect<boolean>('completion.enabled')?.globalValue;
    try {
      await config.update('completion.enabled', false, vscode.ConfigurationTarget.Global);
      await until(() => vscode.workspace.getConfiguration('alignmentNotes').get('completion.enabled') === false, 'the setting to apply');
      assert.deepEqual(await ourItemsAt(document, term), [], 'terms offered while disabled');
      assert.deepEqual(await ourItemsAt(document, endOf(document), '['), [], 'citations offered while disabled');
    } finally {
      await config.update('completion.enabled', previous, vscode.ConfigurationTarget.Global);
    }
  });
});
