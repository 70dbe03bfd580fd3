import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { AlignmentNotesApi } from '../../../src/extension';
import { activateExtension, eventually, sampleNote, withSetting } from '../helpers';

/** The scheme of the Refactor Preview's copy of each note it would change: VS Code hands them to extensions as documents. */
const PREVIEW_SCHEME = 'vscode-bulkeditpreview-editor';

const SMITH = ['sources', 'smith-2024.md'];
const SMITH_RENAMED = ['sources', 'smith-2024a.md'];
const RLHF = ['concepts', 'rlhf.md'];
const RLHF_RENAMED = ['concepts', 'rlhf-training.md'];

/** The Refactor Preview's copies of notes that VS Code holds now, by URI: a preview's copies may outlive it. */
function previewCopies(): Map<string, vscode.TextDocument> {
  const copies = vscode.workspace.textDocuments.filter((document) => document.uri.scheme === PREVIEW_SCHEME && !document.isClosed);
  return new Map(copies.map((document) => [document.uri.toString(), document]));
}

/** Waits for a new Refactor Preview to list `count` notes; its copies, by the path of the note each stands for. */
async function preview(count: number, earlier: ReadonlySet<string>): Promise<Map<string, vscode.TextDocument>> {
  return eventually(
    `the Refactor Preview of ${count} notes`,
    () => {
      const copies = [...previewCopies()].filter(([uri]) => !earlier.has(uri));
      return copies.length >= count ? new Map(copies.map(([, copy]) => [vscode.Uri.parse(copy.uri.query).path, copy])) : undefined;
    },
    15_000,
  );
}

/** Ticks each note in the Refactor Preview, down its list of notes; its changes start unticked (`needsConfirmation`). */
async function tickEveryNote(count: number): Promise<void> {
  await vscode.commands.executeCommand('list.collapseAll');
  await vscode.commands.executeCommand('list.focusFirst');
  for (let i = 0; i < count; i++) {
    if (i > 0) await vscode.commands.executeCommand('list.focusDown');
    await vscode.commands.executeCommand('refactorPreview.toggleCheckedState');
  }
}

/** Renames as the Explorer does, through a workspace edit, so that VS Code runs the file-operation participants first. */
function rename(from: vscode.Uri, to: vscode.Uri): Thenable<boolean> {
  const edit = new vscode.WorkspaceEdit();
  edit.renameFile(from, to);
  return vscode.workspace.applyEdit(edit);
}

/** The notes whose wikilinks lead to a note, as the index has them. */
function linkingNotes(api: AlignmentNotesApi, note: vscode.Uri): vscode.Uri[] {
  return [...new Set(api.index.backlinksOf(note.toString()).map((backlink) => backlink.note))].map((uri) => vscode.Uri.parse(uri));
}

/** Each note's bytes on disk, by path: as text, decoded strictly and with any byte-order mark, so equal text is equal bytes. */
async function onDisk(notes: readonly vscode.Uri[]): Promise<Record<string, string>> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const entries = await Promise.all(notes.map(async (uri) => [uri.path, decoder.decode(await vscode.workspace.fs.readFile(uri))] as const));
  return Object.fromEntries(entries);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

/** The workspace's notes with unsaved edits (an unsaved `untitled:` note another test left open is not one). */
function dirtyNotes(): string[] {
  return vscode.workspace.textDocuments.filter((document) => document.isDirty && document.uri.scheme === 'file').map((document) => document.uri.path);
}

/** Whether a rename is done within `ms`. */
async function doneWithin(renaming: Thenable<boolean>, ms: number): Promise<boolean> {
  return Promise.race([Promise.resolve(renaming).then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);
}

/** Puts the workspace back: a preview still waiting discarded, the linking notes' text as it was, the note renamed back unasked. */
async function restore(api: AlignmentNotesApi, renaming: Thenable<boolean>, from: vscode.Uri, to: vscode.Uri, notes: Record<string, string>): Promise<void> {
  while (!(await doneWithin(renaming, 500))) await vscode.commands.executeCommand('refactorPreview.discard');
  for (const [path, text] of Object.entries(notes)) {
    const document = await vscode.workspace.openTextDocument(from.with({ path }));
    if (document.getText() !== text) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
      assert.ok(await vscode.workspace.applyEdit(edit));
    }
    if (document.isDirty) assert.ok(await document.save());
  }
  if (await exists(to)) await withSetting('links.updateOnRename', 'never', async () => assert.ok(await rename(to, from)));
  await eventually(`${from.path} back in the index`, () => (api.index.hasNote(from.toString()) && !api.index.hasNote(to.toString()) ? true : undefined));
  assert.deepEqual(await onDisk(Object.keys(notes).map((path) => from.with({ path }))), notes);
}

/** Renaming or moving a note offers, in the Refactor Preview, to update the wikilinks that lead to it. */
describe('wikilinks follow a renamed note', () => {
  let api: AlignmentNotesApi;
  let autoSave: string | undefined;
  // Applied updates are left unsaved, as VS Code leaves a participant's edits; auto save, on by default in VS
  // Code for the Web, would save them at a moment of its own, racing the tests' own clean-up.
  before(async () => {
    api = await activateExtension();
    autoSave = vscode.workspace.getConfiguration('files').inspect<string>('autoSave')?.globalValue;
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
  });

  it('offers the updated links in the Refactor Preview before the rename; applied there, each linking note holds its links with the new name', async () => {
    const [from, to] = [sampleNote(...SMITH), sampleNote(...SMITH_RENAMED)];
    const linking = linkingNotes(api, from);
    assert.ok(linking.some((uri) => uri.path.endsWith('/concepts/goal-drift.md')), linking.map((uri) => uri.path).join(', '));
    const before = await onDisk(linking);
    const earlier = new Set(previewCopies().keys());
    const renaming = rename(from, to);
    try {
      const copies = await preview(linking.length, earlier);
      assert.deepEqual([...copies.keys()].sort(), linking.map((uri) => uri.path).sort());
      assert.deepEqual(await onDisk(linking), before, 'nothing is written while the preview waits');
      assert.ok(await exists(from), 'the rename waits for the answer');
      await tickEveryNote(linking.length);
      await eventually('every note ticked', () => ([...copies.values()].every((copy) => copy.getText().includes('[[sources/smith-2024a')) ? true : undefined));
      await vscode.commands.executeCommand('refactorPreview.apply');
      assert.ok(await renaming);
      assert.ok((await exists(to)) && !(await exists(from)));
      for (const uri of linking) {
        const document = await vscode.workspace.openTextDocument(uri);
        assert.equal(document.getText(), before[uri.path]?.replaceAll('[[sources/smith-2024', '[[sources/smith-2024a'), uri.path);
        assert.ok(document.isDirty, `${uri.path}: left unsaved, to review and save`);
      }
      const goalDrift = (await vscode.workspace.openTextDocument(sampleNote('concepts', 'goal-drift.md'))).getText();
      assert.ok(goalDrift.includes('| [[sources/smith-2024a\\|Smith 2024]] | property of the agent |'), 'the table form with its label');
      await eventually('the links to lead to the renamed note', () => (linkingNotes(api, to).length === linking.length ? true : undefined));
    } finally {
      await restore(api, renaming, from, to, before);
    }
  });

  it('discarded in the Refactor Preview, writes nothing: the linking notes stay byte for byte, no editor is dirty, and the rename goes ahead', async () => {
    const [from, to] = [sampleNote(...RLHF), sampleNote(...RLHF_RENAMED)];
    const linking = linkingNotes(api, from);
    assert.ok(linking.some((uri) => uri.path.endsWith('/concepts/reward-hacking.md')), 'a link to a heading, [[concepts/rlhf#Why the KL term]]');
    const before = await onDisk(linking);
    const earlier = new Set(previewCopies().keys());
    const renaming = rename(from, to);
    try {
      await preview(linking.length, earlier);
      await vscode.commands.executeCommand('refactorPreview.discard');
      assert.ok(await renaming);
      assert.ok((await exists(to)) && !(await exists(from)));
      assert.deepEqual(await onDisk(linking), before);
      assert.deepEqual(dirtyNotes(), []);
    } finally {
      await restore(api, renaming, from, to, before);
    }
  });

  it('with alignmentNotes.links.updateOnRename set to "never", renames without offering anything', async () => {
    const [from, to] = [sampleNote(...SMITH), sampleNote(...SMITH_RENAMED)];
    const linking = linkingNotes(api, from);
    const before = await onDisk(linking);
    const earlier = new Set(previewCopies().keys());
    let renaming: Thenable<boolean> = Promise.resolve(true);
    try {
      await withSetting('links.updateOnRename', 'never', async () => {
        renaming = rename(from, to);
        assert.ok(await renaming, 'the rename completes with no preview to answer');
      });
      assert.deepEqual([...previewCopies().keys()].filter((uri) => !earlier.has(uri)), []);
      assert.deepEqual(await onDisk(linking), before);
      assert.deepEqual(dirtyNotes(), []);
    } finally {
      await restore(api, renaming, from, to, before);
    }
  });
});
