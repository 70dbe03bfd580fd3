import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ConceptNode, GroupNode } from '../../../src/core/concepts/conceptTree';
import { activateExtension } from '../helpers';

/** The sample vault with the sample course in `course/`: one Concepts view over both styles. */
describe('the Concepts view on a vault beside a course', () => {
  it('groups concept pages by front-matter type, glossary terms of other pages by theirs, and the course by unit; a page opens at its title', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('alignmentNotes.concepts.focus');
    const { provider } = api.conceptsView;
    const groups = (await provider.getChildren()).filter((node): node is GroupNode => node.kind === 'group');
    const labels = groups.map((node) => `${node.home.kind}:${node.home.label}`);
    for (const expected of ['unit:Unit 1', 'unit:Unit 4', 'type:concept', 'type:source']) assert.ok(labels.includes(expected), labels.join(', '));
    assert.ok(labels.indexOf('unit:Unit 1') < labels.indexOf('type:concept'), 'units first, then types');
    const concepts = groups.find((node) => node.home.label === 'concept');
    assert.ok(concepts);
    const rows = (await provider.getChildren(concepts)).filter((node): node is ConceptNode => node.kind === 'concept');
    const goalDrift = rows.find((node) => node.concept.term === 'Goal Drift');
    assert.ok(goalDrift, rows.map((node) => node.concept.term).join(', '));
    const item = provider.getTreeItem(goalDrift);
    assert.match(String(item.description), /^\d+ definitions?$/);
    const tooltip = provider.resolveTreeItem(item, goalDrift).tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString && tooltip.isTrusted === false);
    assert.match(tooltip.value, /concepts\/goal-drift\.md/);
    assert.ok(await api.conceptsView.open(goalDrift));
    const editor = vscode.window.activeTextEditor;
    assert.equal(vscode.workspace.asRelativePath(editor?.document.uri ?? vscode.Uri.parse('none:'), false), 'concepts/goal-drift.md');
    assert.match(editor?.document.lineAt(editor.selection.start.line).text ?? '', /^# Goal Drift/);
    // File commands act on the focused list's row: the editor takes the focus back for the tests after this one.
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  });
});
