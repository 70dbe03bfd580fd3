import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { openSampleNotes, SAMPLES_FOLDER } from '../../src/vscode/sampleNotes';
import { activateExtension, EXTENSION_ID, sampleNote } from './helpers';

/** Every file under a folder, by path inside it, with its bytes, read through workspace.fs. */
async function files(root: vscode.Uri): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const walk = async (folder: vscode.Uri, prefix: string): Promise<void> => {
    for (const [name, type] of await vscode.workspace.fs.readDirectory(folder)) {
      const uri = vscode.Uri.joinPath(folder, name);
      if (type === vscode.FileType.Directory) await walk(uri, `${prefix}${name}/`);
      else found.set(`${prefix}${name}`, Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('base64'));
    }
  };
  await walk(root, '');
  return found;
}

describe('Open Sample Notes', () => {
  let parent: vscode.Uri;
  let extensionUri: vscode.Uri;
  let bundled: Map<string, string>;
  const opened: vscode.Uri[] = [];
  const log = vscode.window.createOutputChannel('Alignment Notes sample tests', { log: true });
  const choose = (folder: vscode.Uri | undefined) => ({
    pickParent: async () => folder,
    open: async (copy: vscode.Uri) => opened.push(copy),
  });

  before(async () => {
    await activateExtension();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    extensionUri = extension.extensionUri;
    bundled = await files(vscode.Uri.joinPath(extensionUri, 'samples'));
    // Beside the workspace folder, never in it: the other tests check that nothing writes to the notes.
    parent = vscode.Uri.joinPath(sampleNote(), '..', `sample-copies-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(parent);
  });

  after(async () => {
    log.dispose();
    await vscode.workspace.fs.delete(parent, { recursive: true });
  });

  it('is a command of the extension', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('alignmentNotes.openSampleNotes'));
  });

  it('copies both bundled samples, byte for byte, into alignment-notes-samples under the folder picked, and opens it', async () => {
    assert.ok(bundled.has('alignment-course/Course summary.md') && bundled.has('alignment-vault/concepts/corrigibility.md'), [...bundled.keys()].join(', '));
    const copy = await openSampleNotes(extensionUri, log, choose(parent));
    assert.equal(copy?.toString(), vscode.Uri.joinPath(parent, SAMPLES_FOLDER).toString());
    assert.ok(copy);
    assert.deepEqual(await files(copy), bundled);
    assert.deepEqual(opened.map(String), [copy.toString()]);
  });

  it('never writes into a folder that exists: the next copy is alignment-notes-samples-2, and the one there is left as it was', async () => {
    const existing = vscode.Uri.joinPath(parent, SAMPLES_FOLDER);
    const mine = vscode.Uri.joinPath(existing, 'alignment-course', 'Course summary.md');
    await vscode.workspace.fs.writeFile(mine, new TextEncoder().encode('# My own edits to the summary\n'));
    const before = await files(existing);
    const copy = await openSampleNotes(extensionUri, log, choose(parent));
    assert.equal(copy?.toString(), vscode.Uri.joinPath(parent, `${SAMPLES_FOLDER}-2`).toString());
    assert.ok(copy);
    assert.deepEqual(await files(copy), bundled);
    assert.deepEqual(await files(existing), before, 'the existing copy is untouched');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(mine)), '# My own edits to the summary\n');
  });

  it('writes and opens nothing when the folder picker is cancelled', async () => {
    const before = (await vscode.workspace.fs.readDirectory(parent)).map(([name]) => name).sort();
    const count = opened.length;
    assert.equal(await openSampleNotes(extensionUri, log, choose(undefined)), undefined);
    assert.deepEqual((await vscode.workspace.fs.readDirectory(parent)).map(([name]) => name).sort(), before);
    assert.equal(opened.length, count);
  });
});
