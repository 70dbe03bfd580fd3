import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, eventually, hoversAt, hoverText, positionOf, sampleNote, withSetting } from './helpers';

const encoder = new TextEncoder();

async function hoverOn(document: vscode.TextDocument, text: string): Promise<string> {
  return hoverText(await hoversAt(document, positionOf(document, text, 2)));
}

describe('live updates', () => {
  before(activateExtension);

  it('updates hovers after an unsaved edit to a definition, without a save', async () => {
    const definitions = await vscode.workspace.openTextDocument({ language: 'markdown', content: '* **Corrigibility**: accepting correction.' });
    const prose = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Is corrigibility stable?' });
    // A note just opened goes to a worker, which may have to start first (it stops after 30 s idle): the definition
    // is in the other note's hovers once its analysis is back, as in the rename test below.
    await eventually('the definition in the hover', async () => ((await hoverOn(prose, 'corrigibility')).includes('accepting correction') ? true : undefined), 10_000);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(definitions.uri, new vscode.Range(0, 20, 0, 42), 'letting humans shut it down.');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await eventually('the new definition in the hover', async () => ((await hoverOn(prose, 'corrigibility')).includes('letting humans shut it down') ? true : undefined), 10_000);
  });

  it('follows a term renamed letter by letter, hovering between keystrokes: the new name answers, the old one no longer does', async () => {
    const definitions = await vscode.workspace.openTextDocument({ language: 'markdown', content: '* **Shutdown problem**: resisting being switched off.' });
    const prose = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Is the shutdown puzzle the shutdown problem?' });
    await eventually('the old name in a hover', async () => ((await hoverOn(prose, 'shutdown problem')).includes('resisting being switched off') ? true : undefined), 10_000);
    // `problem` becomes `puzzle` as typed: one edit a keystroke, a question after each (the index changes in place).
    const start = positionOf(definitions, 'problem');
    const erase = new vscode.WorkspaceEdit();
    erase.delete(definitions.uri, new vscode.Range(start, start.translate(0, 'problem'.length)));
    assert.ok(await vscode.workspace.applyEdit(erase));
    for (const [i, letter] of [...'puzzle'].entries()) {
      const typed = new vscode.WorkspaceEdit();
      typed.insert(definitions.uri, start.translate(0, i), letter);
      assert.ok(await vscode.workspace.applyEdit(typed));
      await hoversAt(prose, positionOf(prose, 'shutdown', 2));
    }
    assert.equal(definitions.getText(), '* **Shutdown puzzle**: resisting being switched off.');
    await eventually('the new name in a hover', async () => ((await hoverOn(prose, 'shutdown puzzle')).includes('resisting being switched off') ? true : undefined), 10_000);
    assert.doesNotMatch(await hoverOn(prose, 'shutdown problem'), /resisting being switched off/);
  });

  it('indexes a note created on disk, and forgets it when another program deletes it', async () => {
    const created = sampleNote('units', 'Unit 8 - On disk.md');
    const prose = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Instrumental convergence and a treacherous turn.' });
    await vscode.workspace.fs.writeFile(created, encoder.encode('# Unit 8\n\n* **Treacherous turn**: behaving well until strong enough not to.\n'));
    await eventually('the new note to be indexed', async () => ((await hoverOn(prose, 'treacherous')).includes('Unit 8 - On disk.md') ? true : undefined), 10_000);
    await vscode.workspace.fs.delete(created);
    await eventually('the deleted note to be forgotten', async () => ((await hoverOn(prose, 'treacherous')).includes('Defined in') ? undefined : true), 10_000);
  });

  it('follows a note renamed and then deleted in VS Code', async () => {
    const created = sampleNote('units', 'Unit 9 - Extra.md');
    const renamed = sampleNote('units', 'Unit 9 - Renamed.md');
    const prose = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'A mesa-optimiser may emerge.' });
    await vscode.workspace.fs.writeFile(created, encoder.encode('# Unit 9\n\n* **Mesa-optimiser**: a learned model that is itself an optimiser.\n'));
    try {
      await eventually('the new note to be indexed', async () => ((await hoverOn(prose, 'mesa-optimiser')).includes('Unit 9 - Extra.md') ? true : undefined), 10_000);
      const rename = new vscode.WorkspaceEdit();
      rename.renameFile(created, renamed);
      assert.ok(await vscode.workspace.applyEdit(rename));
      await eventually('the rename to be followed', async () => ((await hoverOn(prose, 'mesa-optimiser')).includes('Unit 9 - Renamed.md') ? true : undefined), 10_000);
      const remove = new vscode.WorkspaceEdit();
      remove.deleteFile(renamed);
      assert.ok(await vscode.workspace.applyEdit(remove));
      await eventually('the deleted note to be forgotten', async () => ((await hoverOn(prose, 'mesa-optimiser')).includes('Defined in') ? undefined : true), 10_000);
    } finally {
      for (const uri of [created, renamed]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });

  it('follows the exclude setting', async () => {
    const prose = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Weak-to-strong generalisation again.' });
    const defined = async (): Promise<boolean> => (await hoverOn(prose, 'to-strong')).includes('Defined in');
    assert.equal(await defined(), true);
    await withSetting('exclude', ['**/Course summary.md', '**/units/**'], async () => {
      await eventually('the excluded notes to be dropped', async () => ((await defined()) ? undefined : true), 10_000);
    });
    await eventually('the notes to come back', async () => ((await defined()) ? true : undefined), 10_000);
  });

  it('follows a citation mapping from a URL prefix to a folder', async () => {
    const a = sampleNote('copies', 'a', 'Unit 5 - Governance.md');
    const b = sampleNote('copies', 'b', 'Unit 5 - Governance.md');
    const create = new vscode.WorkspaceEdit();
    for (const uri of [a, b]) create.createFile(uri, { contents: encoder.encode('# Unit 5\n\n## Compute governance\n\nTracking chips.\n') });
    assert.ok(await vscode.workspace.applyEdit(create));
    const summary = await vscode.workspace.openTextDocument(sampleNote('Course summary.md'));
    const at = positionOf(summary, 'Unit%205%3A');
    const line = summary.lineAt(at.line).text;
    const position = new vscode.Position(at.line, line.lastIndexOf('[[Unit 5]]') + 3);
    const target = async (): Promise<string> => {
      const found = await vscode.commands.executeCommand<vscode.LocationLink[]>('vscode.executeDefinitionProvider', summary.uri, position);
      return vscode.workspace.asRelativePath(found[0]?.targetUri ?? vscode.Uri.parse('none:'), false);
    };
    try {
      await eventually('the copies to be indexed', async () => ((await target()) === 'copies/a/Unit 5 - Governance.md' ? true : undefined), 10_000);
      await withSetting('citationMappings', { 'https://github.com/alignment-notes/course-notes/blob/main/AI-Alignment-Fast-Track/': 'copies/b' }, async () => {
        await eventually('the mapping to apply', async () => ((await target()) === 'copies/b/Unit 5 - Governance.md' ? true : undefined), 10_000);
      });
    } finally {
      const remove = new vscode.WorkspaceEdit();
      remove.deleteFile(sampleNote('copies'), { recursive: true });
      await vscode.workspace.applyEdit(remove);
    }
    const api = await activateExtension();
    await eventually('the deleted folder to be forgotten', () => (api.index.notes().some((note) => note.includes('/copies/')) ? undefined : true), 10_000);
  });
});
