import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, eventually, inWorkspace, openNote, positionOf, sampleNote, SUMMARY, type Target, targets, UNIT_1, UNIT_2 } from './helpers';

async function headingLine(path: readonly string[], heading: string): Promise<number> {
  const document = await openNote(path);
  return positionOf(document, heading).line;
}

describe('go to definition and citation', () => {
  before(activateExtension);

  it('F12 on a term goes to each of its definitions', async () => {
    const document = await openNote(UNIT_2);
    const found = await vscode.commands.executeCommand<Target[]>('vscode.executeDefinitionProvider', document.uri, positionOf(document, 'inner misalignment', 3));
    assert.deepEqual(targets(found), ['Course summary.md:14', 'units/Unit 1 - Losing control to AI.md:47']);
  });

  it('F12 on a citation goes to the cited heading in the local unit note, whatever the URL folder is called', async () => {
    const document = await openNote(SUMMARY);
    const found = await vscode.commands.executeCommand<Target[]>('vscode.executeDefinitionProvider', document.uri, positionOf(document, '[[Unit 1]]', 3));
    const line = await headingLine(UNIT_1, '## What is AI alignment?');
    assert.deepEqual(targets(found), [`units/Unit 1 - Losing control to AI.md:${line + 1}`]);
  });

  it('makes citation labels Ctrl+clickable with a tooltip: the local heading, else the URL', async () => {
    const document = await openNote(SUMMARY);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri, 100);
    const ours = links.filter((link) => link.tooltip?.startsWith('Open ') || link.tooltip?.startsWith('No local copy'));
    assert.equal(ours.length, 46);
    const first = ours.find((link) => link.range.start.line === positionOf(document, '[[Unit 1]]').line);
    assert.match(first?.target?.toString() ?? '', inWorkspace(String.raw`^<folder>/.*Unit%201%20-%20Losing%20control%20to%20AI\.md#L\d+$`));
    assert.match(first?.tooltip ?? '', /^Open "What is AI alignment\?" in units\/Unit 1 - Losing control to AI\.md$/);
    const unit5 = ours.find((link) => link.range.start.line === positionOf(document, 'Unit%205%3A').line);
    assert.equal(unit5?.target?.scheme, 'https', unit5?.tooltip);
    assert.match(unit5?.tooltip ?? '', /^No local copy: open https:\/\/github\.com\/.*Unit%205/);
  });

  it('Shift+F12 lists every occurrence of the concept across the workspace', async () => {
    const document = await openNote(UNIT_2);
    const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, positionOf(document, 'inner misalignment', 3));
    const places = targets(found);
    assert.ok(places.includes('Course summary.md:14'), places.join(', '));
    assert.ok(places.some((p) => p.startsWith('units/Unit 2')), places.join(', '));
    assert.ok(places.length >= 4, places.join(', '));
  });

  it('"Go to Citation" from a citation opens the unit note at the cited heading', async () => {
    const document = await openNote(SUMMARY);
    const editor = await vscode.window.showTextDocument(document);
    const at = positionOf(document, '[[Unit 1]]', 3);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('alignmentNotes.goToCitation');
    const line = await headingLine(UNIT_1, '## What is AI alignment?');
    const active = await eventually('the unit note to open', () =>
      vscode.window.activeTextEditor?.document.uri.toString() === sampleNote(...UNIT_1).toString() ? vscode.window.activeTextEditor : undefined,
    );
    assert.equal(active.selection.active.line, line);
  });

  it('"Go to Citation" from a term opens the unit its definition cites', async () => {
    const document = await openNote(SUMMARY);
    const editor = await vscode.window.showTextDocument(document);
    const at = positionOf(document, '**Governance**', 4);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('alignmentNotes.goToCitation');
    await eventually('the unit note to open', () =>
      vscode.window.activeTextEditor?.document.uri.toString() === sampleNote(...UNIT_1).toString() ? true : undefined,
    );
  });
});
