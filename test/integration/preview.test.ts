import { strict as assert } from 'node:assert';
import { analyseNoteWithinLimits } from '../../src/core/notes/limits';
import { coreReading, LINK_READING_FIXTURES, previewReading } from '../fixtures/linkReadings';
import * as vscode from 'vscode';
import { activateExtension, eventually, openNote, sampleNote, SUMMARY, UNIT_1 } from './helpers';
import { linkContextOf, renderPreview, tooltipOf } from './previewHtml';

describe('Markdown preview (VS Code\'s own rendering)', () => {
  let api: Awaited<ReturnType<typeof activateExtension>>;
  before(async () => {
    api = await activateExtension();
  });

  it('marks defined terms in prose, each with a keyboard-reachable tooltip holding its definition', async () => {
    const html = await renderPreview(await openNote(SUMMARY));
    assert.match(html, /<span class="an-term" tabindex="0" data-concept="[^"]+" aria-describedby="alignment-notes-tip-\d+">schemers<\/span>/);
    const tip = tooltipOf(html, 'schemers');
    assert.match(tip, /<span class="an-tooltip-term">Schemer<\/span>/);
    assert.match(tip, /performs well only as a strategy/);
    assert.match(tip, /Course summary\.md:\d+/);
    assert.match(html, /<strong>Schemer<\/strong>/, 'the definition\'s own term stays unmarked');
  });

  it('leads a [[Unit 1]](url) citation to the local unit note at its heading', async () => {
    const html = await renderPreview(await openNote(SUMMARY));
    const unit = 'units/Unit%201%20-%20Losing%20control%20to%20AI.md';
    assert.match(html, new RegExp(`<a href="\\./${unit}#what-is-ai-alignment" data-href="\\./${unit}#what-is-ai-alignment" class="an-citation" title="Unit 1 › What is AI alignment\\? — units/Unit 1 - Losing control to AI\\.md"`));
  });

  it('opens a citation from the preview\'s context menu in an editor beside, at the cited heading, whatever markdown.preview.openMarkdownLinks says', async () => {
    const summary = await openNote(SUMMARY);
    await vscode.window.showTextDocument(summary, vscode.ViewColumn.One);
    const context = linkContextOf(await renderPreview(summary), 'an-citation');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('alignmentNotes.preview.openToSide', { ...context, webview: 'markdown.preview' });
    try {
      assert.ok(editor);
      assert.equal(editor.document.uri.toString(), sampleNote(...UNIT_1).toString());
      assert.equal(editor.document.lineAt(editor.selection.active.line).text, '## What is AI alignment?');
      assert.equal(editor.viewColumn, vscode.ViewColumn.Two, 'beside the active editor');
      assert.equal(vscode.window.activeTextEditor, editor);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
    }
  });

  it('opens nothing for a forged link context: a file the index does not hold, or a malformed one', async () => {
    await vscode.window.showTextDocument(await openNote(SUMMARY), vscode.ViewColumn.One);
    const shown = (): string[] => vscode.window.visibleTextEditors.map((editor) => `${editor.viewColumn ?? 0} ${editor.document.uri.toString()}`);
    const before = shown();
    const forged = [
      { webviewSection: 'alignmentNotesLink', alignmentNotesNote: sampleNote('package.json').toString(), alignmentNotesLine: 0 },
      // An unsaved note no test opens (`Untitled-N` ones are opened by other suites, and the index holds them).
      { webviewSection: 'alignmentNotesLink', alignmentNotesNote: 'untitled:Forged%20note', alignmentNotesLine: 0 },
      { webviewSection: 'image', alignmentNotesNote: sampleNote(...UNIT_1).toString(), alignmentNotesLine: 0 },
    ];
    for (const context of forged) {
      assert.equal(await vscode.commands.executeCommand('alignmentNotes.preview.openToSide', context), undefined, JSON.stringify(context));
    }
    assert.deepEqual(shown(), before);
  });

  it('reads the shared fixtures\' wikilinks and citations as the core does', async () => {
    for (const { name, text } of LINK_READING_FIXTURES) {
      assert.deepEqual(previewReading(await renderPreview(text)), coreReading(analyseNoteWithinLimits(text)), name);
    }
  });

  it('shows a hostile definition as text in its tooltip: no script, image or javascript: link', async () => {
    const note = sampleNote('Hostile glossary.md').toString();
    api.index.setNote(note, '* **Trojan payload**: <script>alert(1)</script> <img src=x onerror=alert(2)> [run](javascript:alert(3)) done.\n');
    try {
      const html = await renderPreview('Beware the trojan payload here.');
      const tip = tooltipOf(html, 'trojan payload');
      assert.match(tip, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &lt;img src=x onerror=alert\(2\)&gt; run done\./);
      assert.doesNotMatch(html, /<script|<img|javascript:/i);
    } finally {
      api.index.removeNote(note);
    }
  });

  it('refreshes open previews once after a burst of index changes that touch terms', async () => {
    const note = sampleNote('Refresh burst.md').toString();
    await eventually('the index to settle', async () => {
      const count = api.preview.refreshes;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return api.preview.refreshes === count ? true : undefined;
    }, 20_000);
    const before = api.preview.refreshes;
    for (let i = 1; i <= 5; i++) api.index.setNote(note, `* **Quokka principle**: version ${i} of a made-up rule.\n`);
    try {
      await eventually('a preview refresh', () => (api.preview.refreshes > before ? true : undefined), 10_000);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      assert.equal(api.preview.refreshes, before + 1, 'five changes in a burst, one refresh');
      assert.match(tooltipOf(await renderPreview('The quokka principle again.'), 'quokka principle'), /version 5 of a made-up rule/);
    } finally {
      api.index.removeNote(note);
    }
  });
});
