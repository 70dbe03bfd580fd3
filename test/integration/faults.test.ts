import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, eventually, hoversAt, hoverText, positionOf, sampleNote } from './helpers';

type Api = Awaited<ReturnType<typeof activateExtension>>;

const encoder = new TextEncoder();

/** A note long enough that analysing a few hundred of them takes a while, so that events land mid-index. */
function bulkNote(i: number, version = 1): string {
  const prose = Array.from({ length: 40 }, (_, line) => `Line ${line} of note ${i} mentions reward hacking and a treacherous turn, version ${version}.`);
  return `# Bulk ${i}\n\n## Section\n\n* **Bulk term ${i}**: defined in version ${version}.\n\n${prose.join('\n\n')}\n`;
}

async function writeBulk(folder: string[], count: number): Promise<vscode.Uri[]> {
  const uris = Array.from({ length: count }, (_, i) => sampleNote(...folder, `Bulk ${String(i).padStart(4, '0')}.md`));
  await Promise.all(uris.map((uri, i) => vscode.workspace.fs.writeFile(uri, encoder.encode(bulkNote(i)))));
  return uris;
}

/** The index's notes under a folder of the workspace. */
function indexedUnder(api: Api, folder: string[]): string[] {
  const prefix = `${sampleNote(...folder).toString()}/`;
  return api.index.notes().filter((note) => note.startsWith(prefix));
}

/** The notes on disk under a folder, as index keys. */
async function onDiskUnder(folder: string[]): Promise<string[]> {
  const dir = sampleNote(...folder);
  const entries = await vscode.workspace.fs.readDirectory(dir).then(undefined, () => []);
  return entries
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.md'))
    .map(([name]) => vscode.Uri.joinPath(dir, name).toString())
    .sort();
}

/** Waits until the index holds exactly the notes on disk under a folder, with the same text (0: checks once, now). */
async function consistentWithDisk(api: Api, folder: string[], timeoutMs: number): Promise<void> {
  await eventually(
    `the index to match the disk under ${folder.join('/')}`,
    async () => {
      const disk = await onDiskUnder(folder);
      if (JSON.stringify(indexedUnder(api, folder)) !== JSON.stringify(disk)) return undefined;
      for (const note of disk) {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(note)));
        if (api.index.textOf(note) !== text) return undefined;
      }
      return true;
    },
    timeoutMs,
  );
}

async function removeFolder(folder: string[]): Promise<void> {
  rmSync(sampleNote(...folder).fsPath, { recursive: true, force: true });
  await eventually('the removed folder to leave the index', () => (indexedUnder(globalApi, folder).length === 0 ? true : undefined), 20_000);
}

/** A change made to some notes of a full index, and how to tell that the extension has taken it in. */
interface Change {
  readonly step: number;
  apply(uri: vscode.Uri, i: number): Thenable<void>;
  seen(api: Api, uri: vscode.Uri, i: number): boolean;
}

/**
 * Runs a full index and, once it has read its first batch of notes but before it stores them, applies a
 * change to every `step`-th note and waits until the extension has taken the changes in: the window in
 * which a stale read would overwrite what the file events brought. Then the index must equal the disk.
 */
async function duringIndex(api: Api, uris: readonly vscode.Uri[], change: Change): Promise<void> {
  // The notes were just written: let the extension index them from their events first.
  await eventually('the new notes to be indexed', () => (uris.every((uri) => api.index.hasNote(uri.toString())) ? true : undefined), 30_000);
  const chosen = uris.map((uri, i) => ({ uri, i })).filter(({ i }) => i % change.step === 0);
  let changed = false;
  api.notes.beforeStore = async () => {
    if (changed) return;
    changed = true;
    await Promise.all(chosen.map(({ uri, i }) => change.apply(uri, i)));
    await eventually('the changes to reach the extension', () => (chosen.every(({ uri, i }) => change.seen(api, uri, i)) ? true : undefined), 20_000);
  };
  try {
    await api.notes.indexWorkspace();
    assert.ok(changed, 'the index never reached the window between reading and storing');
  } finally {
    api.notes.beforeStore = undefined;
  }
}

function errorsIn(lines: readonly string[]): string[] {
  return lines.filter((line) => line.startsWith('error:'));
}

/** Error notifications can not be listed through the API; an error logged is what precedes every one. */
function noErrors(api: Api, before: number): void {
  assert.deepEqual(errorsIn(api.log.since(before)), []);
}

let globalApi: Api;

describe('faults', function () {
  this.timeout(120_000);
  before(async () => {
    globalApi = await activateExtension();
  });

  const renamed = (uri: vscode.Uri): vscode.Uri => uri.with({ path: uri.path.replace(/\.md$/, ' renamed.md') });
  const midIndex: [string, string, Change, (notes: string[]) => void][] = [
    [
      'a note deleted while the index reads it: no error, and the index ends equal to the disk',
      'faults-deleted',
      { step: 3, apply: (uri) => vscode.workspace.fs.delete(uri), seen: (api, uri) => !api.index.hasNote(uri.toString()) },
      (notes) => assert.equal(notes.length, 400 - Math.ceil(400 / 3)),
    ],
    [
      'a note renamed while the index reads it: the index holds the new names only',
      'faults-renamed',
      {
        step: 4,
        apply: (uri) => vscode.workspace.fs.rename(uri, renamed(uri)),
        seen: (api, uri) => !api.index.hasNote(uri.toString()) && api.index.hasNote(renamed(uri).toString()),
      },
      (notes) => assert.equal(notes.filter((note) => note.endsWith('%20renamed.md')).length, 100),
    ],
    [
      'a note rewritten while the index reads it: the newer text wins over the stale read',
      'faults-rewritten',
      {
        step: 5,
        apply: (uri, i) => vscode.workspace.fs.writeFile(uri, encoder.encode(bulkNote(i, 2))),
        seen: (api, uri, i) => api.index.textOf(uri.toString()) === bulkNote(i, 2),
      },
      (notes) => assert.equal(notes.length, 400),
    ],
  ];
  for (const [title, name, change, check] of midIndex) {
    it(title, async () => {
      const api = globalApi;
      const folder = [name];
      const uris = await writeBulk(folder, 400);
      try {
        const before = api.log.count();
        await duringIndex(api, uris, change);
        await consistentWithDisk(api, folder, 0);
        check(indexedUnder(api, folder));
        noErrors(api, before);
      } finally {
        await removeFolder(folder);
      }
    });
  }

  it('a note rewritten while the index stores it, the rewrite still being read as the index would end: the index ends with the newer text', async () => {
    const api = globalApi;
    const folder = ['faults-overtaken'];
    const uris = await writeBulk(folder, 3);
    const target = uris[0];
    assert.ok(target);
    const key = target.toString();
    await eventually('the new notes to be indexed', () => (uris.every((uri) => api.index.hasNote(uri.toString())) ? true : undefined), 30_000);
    // The reads their events started are over (the count of reads below must be the rewrite's alone): none for half a second.
    let reads = api.notes.readStats.reads;
    let still = 0;
    await eventually(
      'the file events of the new notes to be read',
      () => {
        const now = api.notes.readStats.reads;
        still = now === reads ? still + 1 : 0;
        reads = now;
        return still >= 10 ? true : undefined; // polled every 50 ms
      },
      30_000,
    );
    // Long enough that analysing the rewrite takes longer than the rest of the index.
    const bullets = Array.from({ length: 3_000 }, (_, i) => `* **Rewritten term ${i}**: defined in the rewrite, line ${i}, with [[Unit 1]](units/Unit%201.md).`);
    const rewrite = `# Rewritten\n\n${bullets.join('\n')}\n`;
    let rewritten = false;
    // Once the index has read the note: rewrite it, and return as soon as the watcher's read of the rewrite has begun,
    // so that the index drops its own, older read, while the newer one is still being analysed.
    api.notes.beforeStore = async (notes) => {
      if (rewritten || !notes.includes(key)) return;
      rewritten = true;
      const reads = api.notes.readStats.reads;
      await vscode.workspace.fs.writeFile(target, encoder.encode(rewrite));
      await eventually('the watcher to read the rewrite', () => (api.notes.readStats.reads > reads ? true : undefined), 20_000);
    };
    try {
      await api.notes.indexWorkspace();
      assert.ok(rewritten, 'the index never stored a batch with the note');
      assert.equal(api.index.textOf(key)?.length, rewrite.length, 'the index ended before the read that overtook its own was stored');
    } finally {
      api.notes.beforeStore = undefined;
      await removeFolder(folder);
    }
  });

  it('a note and a picture created while a full index lists the files, and taken in by their events before the list is used, stay', async () => {
    const api = globalApi;
    const folder = ['faults-listed'];
    const note = sampleNote(...folder, 'Created meanwhile.md');
    const embeds = sampleNote(...folder, 'Embeds.md');
    const picture = sampleNote(...folder, 'Listed meanwhile.png');
    const pictureFiled = (): boolean => api.index.wikiLinksIn(embeds.toString()).some((link) => link.link.target === 'Listed meanwhile.png' && link.resolution.kind === 'file');
    await vscode.workspace.fs.writeFile(embeds, encoder.encode('# Embeds\n\n![[Listed meanwhile.png]]\n'));
    await eventually('the embedding note to be indexed', () => (api.index.hasNote(embeds.toString()) ? true : undefined), 10_000);
    assert.equal(pictureFiled(), false, 'the picture was filed before it existed');
    let created = false;
    // The list the index acts on was made before the note and the picture existed; their events take them in before the index goes on.
    api.notes.afterListing = async () => {
      if (created) return;
      created = true;
      await vscode.workspace.fs.writeFile(note, encoder.encode('* **Meanwhile term**: written while the index listed the files.\n'));
      await vscode.workspace.fs.writeFile(picture, new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
      await eventually('the watcher to take in the new note and picture', () => (api.index.hasNote(note.toString()) && pictureFiled() ? true : undefined), 20_000);
    };
    try {
      const before = api.log.count();
      await api.notes.indexWorkspace();
      assert.ok(created, 'the index never listed the files');
      assert.ok(api.index.hasNote(note.toString()), 'the index dropped a note newer than its list of files');
      assert.ok(pictureFiled(), 'the index dropped a picture newer than its list of files');
      noErrors(api, before);
    } finally {
      api.notes.afterListing = undefined;
      await removeFolder(folder);
    }
  });

  /** A folder beside the workspace folder (on its file system, so that a move into it is a rename), removed by `body`'s end. */
  async function besideWorkspace(body: (outside: string) => Promise<void>): Promise<void> {
    const outside = mkdtempSync(join(dirname(sampleNote().fsPath), 'moved-in-'));
    try {
      await body(outside);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  }

  it('indexes the notes of a folder moved into the workspace by another program, whose own files no watcher reports, and files its attachments', async () => {
    const api = globalApi;
    const before = api.log.count();
    const moved = sampleNote('Moved in');
    const notes = [sampleNote('Moved in', 'Unit 10 - Moved.md'), sampleNote('Moved in', 'deeper', 'Unit 11 - Deeper.md')];
    // The same move into an excluded folder, in the same batch of file events: neither its note nor its picture counts.
    const excluded = sampleNote('node_modules', 'notes-package');
    await besideWorkspace(async (outside) => {
      // Made outside the workspace, then moved in whole: a watcher sees the folder appear, and nothing of the notes in it.
      mkdirSync(join(outside, 'Moved in', 'deeper'), { recursive: true });
      writeFileSync(join(outside, 'Moved in', 'Unit 10 - Moved.md'), '# Unit 10\n\n* **Sandbagging**: underperforming on purpose in an evaluation. ![[Moved diagram.png]] ![[Nowhere.png]]\n');
      writeFileSync(join(outside, 'Moved in', 'Moved diagram.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
      writeFileSync(join(outside, 'Moved in', 'deeper', 'Unit 11 - Deeper.md'), '# Unit 11\n\n* **Alignment faking**: complying only while watched. ![[Package logo.png]]\n');
      mkdirSync(join(outside, 'notes-package'));
      writeFileSync(join(outside, 'notes-package', 'README.md'), '# A package\n\n* **Package term**: defined in an excluded folder.\n');
      writeFileSync(join(outside, 'notes-package', 'Package logo.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
      mkdirSync(dirname(excluded.fsPath), { recursive: true });
      try {
        renameSync(join(outside, 'notes-package'), excluded.fsPath);
        renameSync(join(outside, 'Moved in'), moved.fsPath);
        await eventually('the moved notes to be indexed', () => (notes.every((note) => api.index.hasNote(note.toString())) ? true : undefined), 10_000);
        const broken = (note: vscode.Uri): string[] =>
          vscode.languages.getDiagnostics(note).flatMap((d) => (d.code === 'link-broken' ? [d.message] : []));
        // The picture moved in with its note is a file links lead to; the excluded folder's picture is none. (The
        // note's link to a picture that exists nowhere tells its problems from problems not computed yet.)
        const onlyNowhere = (messages: string[]): boolean => messages.length === 1 && /Nowhere\.png/.test(messages[0] ?? '');
        await eventually('the moved picture to be filed', () => (onlyNowhere(broken(notes[0] ?? moved)) ? true : undefined), 10_000);
        await eventually('the excluded picture to be reported missing', () => (broken(notes[1] ?? moved).length === 1 ? true : undefined), 10_000);
        assert.equal(api.index.hasNote(sampleNote('node_modules', 'notes-package', 'README.md').toString()), false, 'a note in an excluded folder was indexed');
        noErrors(api, before);
      } finally {
        rmSync(moved.fsPath, { recursive: true, force: true });
        rmSync(sampleNote('node_modules').fsPath, { recursive: true, force: true });
      }
    });
    await eventually('the removed folder to be forgotten', () => (notes.some((note) => api.index.hasNote(note.toString())) ? undefined : true), 10_000);
  });

  it('indexes the notes of 25 folders moved into the workspace at once, more than are searched one by one', async () => {
    const api = globalApi;
    const before = api.log.count();
    const names = Array.from({ length: 25 }, (_, i) => `Moved batch ${String(i).padStart(2, '0')}`);
    const notes = names.map((name) => sampleNote(name, 'Reading notes.md'));
    await besideWorkspace(async (outside) => {
      for (const name of names) {
        mkdirSync(join(outside, name));
        writeFileSync(join(outside, name, 'Reading notes.md'), `# ${name}\n\n* **${name} term**: defined in one of many folders moved in at once.\n`);
      }
      try {
        for (const name of names) renameSync(join(outside, name), sampleNote(name).fsPath);
        await eventually('the moved notes to be indexed', () => (notes.every((note) => api.index.hasNote(note.toString())) ? true : undefined), 15_000);
        noErrors(api, before);
      } finally {
        for (const name of names) rmSync(sampleNote(name).fsPath, { recursive: true, force: true });
      }
    });
    await eventually('the removed folders to be forgotten', () => (notes.some((note) => api.index.hasNote(note.toString())) ? undefined : true), 10_000);
  });

  it('indexes the notes of a folder linked into the workspace by a symlink made by another program', async () => {
    const api = globalApi;
    const before = api.log.count();
    const linked = sampleNote('Linked notes');
    const note = sampleNote('Linked notes', 'Unit 14 - Shared.md');
    await besideWorkspace(async (outside) => {
      writeFileSync(join(outside, 'Unit 14 - Shared.md'), '# Unit 14\n\n* **Situational awareness**: a model knowing what it is and where it runs.\n');
      try {
        symlinkSync(outside, linked.fsPath);
        await eventually('the linked note to be indexed', () => (api.index.hasNote(note.toString()) ? true : undefined), 10_000);
        noErrors(api, before);
      } finally {
        rmSync(linked.fsPath, { force: true });
      }
    });
    await eventually('the removed link to be forgotten', () => (api.index.hasNote(note.toString()) ? undefined : true), 10_000);
  });

  it('follows a folder of notes renamed by another program: its notes are indexed under the new name only', async () => {
    const api = globalApi;
    const before = api.log.count();
    const names = ['Unit 12 - Before.md', 'Unit 13 - Also.md'];
    const uris = await Promise.all(
      names.map(async (name, i) => {
        const uri = sampleNote('Folder before', name);
        await vscode.workspace.fs.writeFile(uri, encoder.encode(`# ${name}\n\n* **Renamed folder term ${i}**: defined in a folder about to be renamed.\n`));
        return uri;
      }),
    );
    const after = names.map((name) => sampleNote('Folder after', name));
    try {
      await eventually('the notes to be indexed', () => (uris.every((uri) => api.index.hasNote(uri.toString())) ? true : undefined), 10_000);
      // As `mv` in a terminal does: a watcher reports the old folder deleted and the new one created, and no note in it.
      renameSync(sampleNote('Folder before').fsPath, sampleNote('Folder after').fsPath);
      const indexed = (): boolean => after.every((uri) => api.index.hasNote(uri.toString())) && !uris.some((uri) => api.index.hasNote(uri.toString()));
      await eventually('the notes under the new name only', () => (indexed() ? true : undefined), 10_000);
      noErrors(api, before);
    } finally {
      for (const folder of ['Folder before', 'Folder after']) rmSync(sampleNote(folder).fsPath, { recursive: true, force: true });
    }
    await eventually('the removed folder to be forgotten', () => (after.some((uri) => api.index.hasNote(uri.toString())) ? undefined : true), 10_000);
  });

  it('a full index superseded by a newer one stops, and only the newer one reports', async () => {
    const api = globalApi;
    const before = api.log.count();
    const first = api.notes.indexWorkspace();
    const second = api.notes.indexWorkspace();
    await Promise.all([first, second]);
    const reports = api.log.since(before).filter((line) => line.includes('Indexed '));
    assert.equal(reports.length, 1, reports.join('\n'));
  });

  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('alignmentNotes');
  const unitNotes = (api: typeof globalApi): number => api.index.notes().filter((note) => note.includes('/units/')).length;

  it('a run superseded while it stores its notes stores none of those the newer run dropped', async () => {
    const api = globalApi;
    const before = config().inspect('exclude')?.globalValue;
    const units = (): number => unitNotes(api);
    assert.ok(units() >= 4);
    let first = true;
    // Between reading its notes and storing them, the run sees the units excluded, and a newer run drop them.
    api.notes.beforeStore = async () => {
      if (!first) return;
      first = false;
      await config().update('exclude', ['**/units/**'], vscode.ConfigurationTarget.Global);
      await eventually('the newer run to drop the units', () => (units() === 0 ? true : undefined), 10_000);
    };
    try {
      await api.notes.indexWorkspace();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal(units(), 0, 'the superseded run stored notes the newer one had dropped');
    } finally {
      api.notes.beforeStore = undefined;
      await config().update('exclude', before, vscode.ConfigurationTarget.Global);
      await eventually('the units to come back', () => (units() >= 4 ? true : undefined), 10_000);
    }
  });

  it('settings changed twice in quick succession: the index follows the last one, not the slower stale run', async () => {
    const api = globalApi;
    const before = config().inspect('exclude')?.globalValue;
    const units = (): number => unitNotes(api);
    assert.ok(units() >= 4);
    for (let round = 0; round < 3; round++) {
      const excluding = config().update('exclude', ['**/units/**'], vscode.ConfigurationTarget.Global);
      const restoring = config().update('exclude', before, vscode.ConfigurationTarget.Global);
      await Promise.all([excluding, restoring]);
    }
    // Both runs end within moments; then the notes of the last setting must be there, and stay.
    await eventually('the units to be indexed', () => (units() >= 4 ? true : undefined), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    assert.ok(units() >= 4, 'a stale index run removed the notes afterwards');
  });

  it('an unreadable file: logged once as unreadable, the rest indexed, no error', async function () {
    const api = globalApi;
    const folder = ['faults-unreadable'];
    // From before the file exists: a watcher may try it before the index does, and either way it is logged once.
    const before = api.log.count();
    mkdirSync(sampleNote(...folder).fsPath, { recursive: true });
    // As root, chmod 000 does not stop a read; /proc/self/mem refuses a read at offset 0 (EIO) to anyone.
    const root = process.getuid?.() === 0;
    const unreadable = sampleNote(...folder, 'Unreadable.md');
    if (root) symlinkSync('/proc/self/mem', unreadable.fsPath);
    else {
      await vscode.workspace.fs.writeFile(unreadable, encoder.encode('* **Secret**: unreadable.\n'));
      chmodSync(unreadable.fsPath, 0o000);
    }
    const readable = sampleNote(...folder, 'Readable.md');
    await vscode.workspace.fs.writeFile(readable, encoder.encode('* **Readable term**: read fine.\n'));
    try {
      await api.notes.indexWorkspace();
      const lines = api.log.since(before);
      assert.equal(lines.filter((line) => line.startsWith('warn: Could not read') && line.includes('Unreadable.md')).length, 1, lines.join('\n'));
      assert.match(lines.find((line) => line.includes('Indexed ')) ?? '', /1 could not be read/);
      assert.ok(api.index.hasNote(readable.toString()));
      assert.ok(!api.index.hasNote(unreadable.toString()));
      noErrors(api, before);
    } finally {
      rmSync(sampleNote(...folder).fsPath, { recursive: true, force: true });
    }
  });

  it('a symlink loop in the workspace: the index finishes and lists each note a bounded number of times', async () => {
    const api = globalApi;
    const folder = ['faults-loop'];
    const dir = sampleNote(...folder).fsPath;
    mkdirSync(`${dir}/inner`, { recursive: true });
    await vscode.workspace.fs.writeFile(sampleNote(...folder, 'inner', 'Looped.md'), encoder.encode('* **Looped term**: in a loop.\n'));
    symlinkSync('..', `${dir}/inner/up`); // inner/up → the folder holding inner: a cycle
    symlinkSync(`${dir}/b`, `${dir}/a`); // a → b → a
    symlinkSync(`${dir}/a`, `${dir}/b`);
    try {
      await Promise.race([
        api.notes.indexWorkspace(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('the index did not finish within 60 s')), 60_000)),
      ]);
      assert.ok(api.index.hasNote(sampleNote(...folder, 'inner', 'Looped.md').toString()));
      const copies = indexedUnder(api, folder).length;
      assert.ok(copies >= 1 && copies <= 20, `${copies} notes under the loop`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await api.notes.indexWorkspace();
    }
  });

  it('a note rewritten 100 times a second by another program: hovers answer while it goes on, it ends equal to the last text, one read at a time, no error', async () => {
    const api = globalApi;
    const note = sampleNote('Storm.md');
    const prose = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Is the storm term defined?' });
    await vscode.workspace.fs.writeFile(note, encoder.encode('* **Storm term**: version start.\n'));
    await eventually('the note to be indexed', () => (api.index.textOf(note.toString())?.includes('version start') ? true : undefined), 10_000);
    const before = api.log.count();
    const readsBefore = api.notes.readStats.reads;
    const atLeast = 300;
    // Writes every 10 ms, at least 300 times and on until its stdin closes; then prints how many times it wrote.
    const script = `
      const { writeFileSync } = require('node:fs');
      let i = 0;
      let told = false;
      process.stdin.on('end', () => { told = true; }).resume();
      const timer = setInterval(() => {
        writeFileSync(process.argv[1], '* **Storm term**: version ' + i + '.\\n' + 'Padding. '.repeat(i % 50));
        if (++i >= ${atLeast} && told) {
          clearInterval(timer);
          process.stdout.write(String(i));
        }
      }, 10);`;
    const writer = spawn(process.execPath, ['-e', script, note.fsPath], { stdio: ['pipe', 'pipe', 'ignore'] });
    try {
      let printed = '';
      writer.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => writer.once('exit', resolve));
      // The storm goes on until a hover has answered: a hover that waited for it to pass would never answer. A read
      // may catch the file half written, without its definition, so the hover is asked again until it shows it.
      await eventually('the storm to reach the index', () => (api.notes.readStats.reads > readsBefore ? true : undefined), 10_000);
      const position = positionOf(prose, 'storm term', 2);
      await eventually('a hover during the storm', async () => (/Storm term/.test(hoverText(await hoversAt(prose, position))) ? true : undefined), 10_000);
      assert.equal(writer.exitCode, null, 'the storm was still going on');
      writer.stdin.end();
      assert.equal(await exited, 0);
      const writes = Number(printed);
      assert.ok(writes >= atLeast, `the writer printed ${JSON.stringify(printed)}`);
      const last = `* **Storm term**: version ${writes - 1}.\n${'Padding. '.repeat((writes - 1) % 50)}`;
      await eventually('the last text to be indexed', () => (api.index.textOf(note.toString()) === last ? true : undefined), 15_000);
      assert.equal(api.notes.readStats.peakRefreshesPerNote, 1, 'events on one note queued up reads');
      assert.ok(api.notes.readStats.reads - readsBefore <= writes, `${api.notes.readStats.reads - readsBefore} reads for ${writes} writes`);
      noErrors(api, before);
    } finally {
      if (writer.exitCode === null) writer.kill();
      await vscode.workspace.fs.delete(note);
    }
  });
});
