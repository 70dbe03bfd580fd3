import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { indexed } from '../cacheLog';
import { activateExtension, eventually, hoversAt, hoverText, inWorkspace, openNote, positionOf, sampleNote, type Target, targets, where } from '../helpers';

const RLHF = ['concepts', 'rlhf.md'];
const SANDBAGGING = ['concepts', 'sandbagging.md'];
const QUESTION = ['questions', 'can-interpretability-detect-deception.md'];

/** Wikilinks in the sample vault: hover, F12 to a heading and to a block, backlinks, the broken-link quick fix. */
describe('wikilinks in a vault', () => {
  before(activateExtension);

  it('hovers a wikilink to a section with the section title and its first lines', async () => {
    const document = await openNote(['concepts', 'reward-hacking.md']);
    const text = hoverText(await hoversAt(document, positionOf(document, '[[concepts/rlhf#Why the KL term]]', 4)));
    assert.match(text, inWorkspace(String.raw`\*\*\[RLHF › Why the KL term\]\(<folder>/[^)]*rlhf\.md#L\d+\)\*\*`));
    assert.match(text, /R\(x, y\)/, 'the first lines of the section');
  });

  it('hovers a wikilink to a concept page with the concept: its name and definitions', async () => {
    const document = await openNote(['index.md']);
    const text = hoverText(await hoversAt(document, positionOf(document, '[[concepts/goal-drift', 4)));
    assert.match(text, /^\*\*Goal Drift\*\* · _Objective drift_/);
    assert.match(text, /Concept page \[concepts\/goal-drift\.md/);
  });

  it('F12 on a wikilink opens its heading, and on a block link the paragraph that ends with the block id', async () => {
    const rlhf = await openNote(RLHF);
    const heading = await vscode.commands.executeCommand<Target[]>('vscode.executeDefinitionProvider', rlhf.uri, positionOf(rlhf, '[[sources/ouyang-et-al-2022#', 4));
    const source = await openNote(['sources', 'ouyang-et-al-2022.md']);
    assert.deepEqual(targets(heading), [`sources/ouyang-et-al-2022.md:${positionOf(source, '## Reinforcement Learning from Human Feedback (RLHF)').line + 1}`]);
    const sandbagging = await openNote(SANDBAGGING);
    const block = await vscode.commands.executeCommand<Target[]>('vscode.executeDefinitionProvider', sandbagging.uri, positionOf(sandbagging, '#^wmdp-result', 0));
    const finding = await openNote(['findings', 'selective-sandbagging-on-wmdp.md']);
    assert.deepEqual(targets(block), [`findings/selective-sandbagging-on-wmdp.md:${positionOf(finding, '^wmdp-result').line + 1}`]);
  });

  it('Shift+F12 on a page title lists the wikilinks that lead to the page', async () => {
    const page = await openNote(['findings', 'selective-sandbagging-on-wmdp.md']);
    const title = positionOf(page, '# ', 2);
    const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', page.uri, title);
    const places = found.map((location) => where(location.uri, location.range.start.line));
    assert.ok(places.some((place) => place.startsWith('concepts/sandbagging.md:')), places.join(', '));
  });

  it('Shift+F12 on a link lists every link to its page, wikilinks and markdown note links alike', async () => {
    const page = await openNote(['concepts', 'reward-hacking.md']);
    const link = positionOf(page, '[[concepts/goal-misgeneralisation]]', 4);
    const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', page.uri, link);
    const places = found.map((location) => where(location.uri, location.range.start.line));
    assert.ok(places.includes(`concepts/reward-hacking.md:${link.line + 1}`), places.join(', '));
    const finding = await openNote(['findings', 'coinrun-agents-go-right.md']);
    assert.ok(places.includes(`findings/coinrun-agents-go-right.md:${positionOf(finding, '](../concepts/goal-misgeneralisation.md)').line + 1}`), places.join(', '));
  });

  it('resolves an embed to an image in the vault: its hover shows the file, F12 opens it, and only the missing image is reported', async () => {
    const page = await openNote(['concepts', 'reward-hacking.md']);
    const embed = positionOf(page, '![[proxy-gap.svg]]', 4);
    assert.match(hoverText(await hoversAt(page, embed)), /attachments\/proxy-gap\.svg/);
    const opened = await vscode.commands.executeCommand<Target[]>('vscode.executeDefinitionProvider', page.uri, embed);
    assert.deepEqual(targets(opened), ['attachments/proxy-gap.svg:1']);
    assert.deepEqual(vscode.languages.getDiagnostics(page.uri).filter((d) => d.code === 'link-broken'), []);
    const inner = sampleNote('concepts', 'inner-alignment.md');
    const missing = await eventually('the missing image warning', () => vscode.languages.getDiagnostics(inner).find((d) => d.message.includes('outer-inner.png')), 15_000);
    assert.equal(missing.code, 'link-broken');
  });

  it('keeps an embed resolved when the folder holding its image is renamed, and back', async () => {
    const page = await openNote(['concepts', 'reward-hacking.md']);
    const embed = positionOf(page, '![[proxy-gap.svg]]', 4);
    const folder = sampleNote('attachments');
    const moved = sampleNote('images');
    const rename = async (from: vscode.Uri, to: vscode.Uri): Promise<void> => {
      const edit = new vscode.WorkspaceEdit();
      edit.renameFile(from, to);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    await rename(folder, moved);
    try {
      await eventually('the embed resolved in its new folder', async () => {
        const opened = await vscode.commands.executeCommand<Target[]>('vscode.executeDefinitionProvider', page.uri, embed);
        return targets(opened)[0] === 'images/proxy-gap.svg:1' || undefined;
      }, 15_000);
      assert.deepEqual(vscode.languages.getDiagnostics(page.uri).filter((d) => d.code === 'link-broken'), []);
    } finally {
      await rename(moved, folder);
    }
  });

  it('reports a broken wikilink and fixes it with the closest note name; nothing is written until the fix is applied', async () => {
    const uri = sampleNote(...QUESTION);
    const diagnostic = await eventually('the broken [[Goal Drift]] warning', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.code === 'link-broken' && d.message.includes('[[Goal Drift]]')),
    15_000);
    assert.match(diagnostic.message, /did you mean "goal-drift"\?/);
    const document = await vscode.workspace.openTextDocument(uri);
    const before = document.getText();
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const fix = actions.find((action) => action.title === 'Change the link to [[goal-drift]]');
    assert.ok(fix?.edit, actions.map((action) => action.title).join(', '));
    assert.equal(document.getText(), before, 'offering the fix writes nothing');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(diagnostic.range.with({ end: diagnostic.range.start.translate(0, 16) })), /^\[\[goal-drift\]\]/);
    await eventually('the warning to go', () => (vscode.languages.getDiagnostics(uri).some((d) => d.message.includes('[[Goal Drift]]')) ? undefined : true), 15_000);
    const restore = new vscode.WorkspaceEdit();
    restore.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), before);
    await vscode.workspace.applyEdit(restore);
  });

  it('answers F12 and Shift+F12 on wikilinks alike after a warm start, which leaves each page\'s wikilinks unread until asked', async () => {
    const ask = async (): Promise<{ block: string[]; backlinks: string[] }> => {
      const sandbagging = await openNote(SANDBAGGING);
      const block = await vscode.commands.executeCommand<Target[]>('vscode.executeDefinitionProvider', sandbagging.uri, positionOf(sandbagging, '#^wmdp-result', 0));
      const page = await openNote(['findings', 'selective-sandbagging-on-wmdp.md']);
      const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', page.uri, positionOf(page, '# ', 2));
      const backlinks = found.map((location) => where(location.uri, location.range.start.line)).sort();
      return { block: targets(block), backlinks };
    };
    const api = await activateExtension();
    const cold = await ask();
    assert.ok(cold.block.length === 1 && cold.backlinks.length > 1, JSON.stringify(cold));
    await api.cache.save();
    const since = api.log.count();
    await api.restart();
    const { notes, fromCache } = indexed(api.log.since(since));
    // A note open unsaved in an editor (the suite's earlier tests leave some) is read from the editor, not the cache.
    const unsaved = vscode.workspace.textDocuments.filter((document) => document.languageId === 'markdown' && (document.isDirty || document.isUntitled)).length;
    assert.ok(fromCache >= notes - unsaved && fromCache > notes / 2, `${fromCache} of ${notes} notes from the cache, ${unsaved} unsaved`);
    assert.deepEqual(await ask(), cold);
  });
});
