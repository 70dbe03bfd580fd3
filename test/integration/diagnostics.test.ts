import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, eventually, openNote, positionOf, sampleNote, SUMMARY, withSetting } from './helpers';

function codes(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri).map((d) => String(d.code));
}

async function diagnosticsWith(uri: vscode.Uri, code: string, present = true): Promise<vscode.Diagnostic[]> {
  return eventually(`${code} ${present ? 'to appear' : 'to go'}`, () => {
    const found = vscode.languages.getDiagnostics(uri);
    return found.some((d) => d.code === code) === present ? found : undefined;
  });
}

describe('diagnostics', () => {
  before(activateExtension);

  it('reports the citation with no local copy, the missing anchor, conflicting definitions and a likely misspelling', async () => {
    const uri = sampleNote(...SUMMARY);
    const found = await diagnosticsWith(uri, 'citation-anchor-not-found');
    // The coverage hints are tested in conceptsView.test.ts.
    const problems = codes(uri).filter((code) => !code.startsWith('coverage-'));
    assert.deepEqual([...new Set(problems)].sort(), ['citation-anchor-not-found', 'citation-no-local-copy', 'definition-conflict', 'likely-misspelt-duplicate']);
    const anchor = found.find((d) => d.code === 'citation-anchor-not-found');
    assert.equal(anchor?.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(found.find((d) => d.code === 'citation-no-local-copy')?.severity, vscode.DiagnosticSeverity.Information);
    const conflict = found.find((d) => d.code === 'definition-conflict');
    assert.ok(conflict?.relatedInformation?.some((r) => r.location.uri.path.endsWith('Unit 1 - Losing control to AI.md')));
    assert.match(found.find((d) => d.code === 'likely-misspelt-duplicate')?.message ?? '', /"Resiliance" looks like "Resilience"/);
  });

  it('offers a quick fix that rewrites the anchor to the closest heading', async () => {
    const document = await openNote(SUMMARY);
    // In the active editor: VS Code saves a workspace edit at once to a note that is not (files.refactoring.autoSave).
    await vscode.window.showTextDocument(document);
    const anchor = (await diagnosticsWith(document.uri, 'citation-anchor-not-found')).find((d) => d.code === 'citation-anchor-not-found');
    assert.ok(anchor);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, anchor.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title.startsWith('Change the anchor to #what-failure-looks-like'));
    assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join('; ') || 'none'}; problems now: ${codes(document.uri).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    try {
      assert.match(document.getText(), /#what-failure-looks-like\)/);
      assert.doesNotMatch(document.getText(), /#what-failure-look-like\)/);
      await diagnosticsWith(document.uri, 'citation-anchor-not-found', false);
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    // The revert reaches this host's copy of the document a moment after the command resolves.
    await eventually('the note to be restored', () => (/#what-failure-look-like\)/.test(document.getText()) ? true : undefined));
  });

  it('shows the problems of every note, or with diagnostics.scope "openNotes" only of the notes open in editors', async () => {
    const note = sampleNote('units', 'Unit 7 - Scope check.md');
    const text = '# Unit 7\n\nSee [[Unit 1]](./Unit%201%20-%20Losing%20control%20to%20AI.md#no-such-heading).\n';
    await vscode.workspace.fs.writeFile(note, new TextEncoder().encode(text));
    try {
      // Never opened: in a small workspace ("auto") its problems show all the same.
      await diagnosticsWith(note, 'citation-anchor-not-found');
      await withSetting('diagnostics.scope', 'openNotes', async () => {
        await diagnosticsWith(note, 'citation-anchor-not-found', false);
        await vscode.workspace.openTextDocument(note);
        await diagnosticsWith(note, 'citation-anchor-not-found');
      });
    } finally {
      await vscode.workspace.fs.delete(note);
    }
  });

  it('switches each kind of problem off in settings', async () => {
    const uri = sampleNote(...SUMMARY);
    await diagnosticsWith(uri, 'likely-misspelt-duplicate');
    await withSetting('diagnostics.likelyMisspelling', false, async () => {
      await diagnosticsWith(uri, 'likely-misspelt-duplicate', false);
      assert.ok(codes(uri).includes('citation-anchor-not-found'), 'the others stay');
    });
    await withSetting('diagnostics.enabled', false, async () => {
      await eventually('all problems to go', () => (codes(uri).length === 0 ? true : undefined));
    });
    await diagnosticsWith(uri, 'likely-misspelt-duplicate');
  });

  it('points at the word: the diagnostic range is the citation link', async () => {
    const document = await openNote(SUMMARY);
    // In the active editor: VS Code saves a workspace edit at once to a note that is not (files.refactoring.autoSave).
    await vscode.window.showTextDocument(document);
    const anchor = (await diagnosticsWith(document.uri, 'citation-anchor-not-found')).find((d) => d.code === 'citation-anchor-not-found');
    assert.equal(anchor?.range.start.line, positionOf(document, 'what-failure-look-like').line);
  });
});
