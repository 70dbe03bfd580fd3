import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { fromSpreadsheetSafe } from '../../src/core/study/spreadsheetSafe';
import { htmlToText, parseDelimited } from '../unit/helpers/delimited';
import { activateExtension, eventually, sampleNote } from './helpers';

type Api = Awaited<ReturnType<typeof activateExtension>>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Grades the session's cards until it is done; returns how many grades it took. */
async function gradeAll(api: Api, grade: 'again' | 'hard' | 'good' | 'easy'): Promise<number> {
  const service = api.study.service;
  let graded = 0;
  for (let card = service.active?.session.current; card; card = service.active?.session.current) {
    assert.ok(await service.grade(card.key, grade), `grading ${card.key}`);
    if (++graded > 500) assert.fail('the session never ended');
  }
  return graded;
}

/** The files in the review state's folder. */
async function storageFiles(api: Api): Promise<string[]> {
  const dir = vscode.Uri.joinPath(api.study.service.file, '..');
  return (await vscode.workspace.fs.readDirectory(dir)).map(([name]) => name);
}

/** Writes a note into the workspace, waits until the index holds `term`, and returns its URI. */
async function writeNote(api: Api, name: string, text: string, term: string): Promise<vscode.Uri> {
  const uri = sampleNote(name);
  await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
  await eventually(`${term} in the index`, () => api.index.conceptNamed(term), 15_000);
  return uri;
}

describe('flashcards', () => {
  it('a session over one unit, graded to completion from its command, leaves none of its cards due and its state on disk, read back whole', async () => {
    const api = await activateExtension();
    await api.study.service.ready;
    const unit = api.study.service.filters().find((filter) => filter.kind === 'unit' && filter.label === 'Unit 3');
    assert.ok(unit, 'Unit 3 is a filter');
    const due = api.study.service.dueToday(unit.key);
    assert.ok(due.length >= 4, `${due.length} cards due`);
    await vscode.commands.executeCommand('alignmentNotes.reviewFlashcards', unit.key);
    assert.ok(api.study.panel.panel, 'the review panel opened');
    assert.equal(api.study.service.active?.filterLabel, 'Unit 3');
    assert.equal(api.study.service.active?.session.remaining, due.length);
    const graded = await gradeAll(api, 'easy');
    assert.equal(graded, due.length, 'Easy sends a new card days away: each card once');
    assert.deepEqual(api.study.service.dueToday(unit.key), []);
    const saved = JSON.parse(decoder.decode(await vscode.workspace.fs.readFile(api.study.service.file))) as { concepts: Record<string, Partial<Record<'term' | 'definitions', { reps: number }>>> };
    for (const status of due) assert.equal(saved.concepts[status.card.conceptId]?.[status.card.direction]?.reps, 1, status.card.key);
    await api.study.service.reload();
    assert.deepEqual(api.study.service.dueToday(unit.key), [], 'read back from the file, the reviews still hold');
    await eventually('the status bar to count the cards still due', () => (api.study.status.text === `$(mortar-board) ${api.study.service.dueToday().length} due` ? true : undefined), 5_000);
  });

  it('a card whose definition is edited is due again, with its history', async () => {
    const api = await activateExtension();
    const term = 'Flashcard sentinel';
    const note = await writeNote(api, 'study-sentinel.md', `# Study sentinel\n\n* **${term}**: the first words written.\n`, term);
    try {
      const id = api.index.conceptNamed(term)?.id ?? assert.fail('no concept');
      const home = api.index.homeOf(id);
      assert.equal(home?.kind, 'note');
      await vscode.commands.executeCommand('alignmentNotes.reviewFlashcards', home.key);
      assert.equal(await gradeAll(api, 'easy'), 2);
      assert.deepEqual(api.study.service.dueToday(home.key), []);
      await vscode.workspace.fs.writeFile(note, encoder.encode(`# Study sentinel\n\n* **${term}**: other words, written later.\n`));
      const due = await eventually('the edited card to be due', () => {
        const found = api.study.service.dueToday(home.key);
        return found.length === 2 ? found : undefined;
      }, 15_000);
      assert.deepEqual(due.map((status) => [status.kind, status.state?.reps]), [['changed', 1], ['changed', 1]]);
    } finally {
      await vscode.workspace.fs.delete(note);
      await eventually('the sentinel note to be forgotten', () => (api.index.conceptNamed(term) ? undefined : true), 15_000);
    }
  });

  it('a corrupt state file is reported once, set aside with its bytes, and reviews go on', async () => {
    const api = await activateExtension();
    const service = api.study.service;
    const garbage = '{"version":1,"concepts":{"saint":{"term":{"due":';
    await vscode.workspace.fs.writeFile(service.file, encoder.encode(garbage));
    const from = api.log.count();
    await service.reload();
    const warnings = (): string[] => api.log.since(from).filter((line) => /review state could not be read/.test(line));
    assert.equal(warnings().length, 1, api.log.since(from).join('\n'));
    const aside = (await storageFiles(api)).filter((name) => /^review-state\.corrupt-.*\.json$/.test(name));
    assert.ok(aside.length >= 1, 'set aside, not deleted');
    const kept = await Promise.all(aside.map(async (name) => decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(service.file, '..', name)))));
    assert.ok(kept.includes(garbage), 'with its bytes');
    service.start();
    const card = service.active?.session.current ?? assert.fail('no card due');
    assert.ok(await service.grade(card.key, 'good'));
    const state = JSON.parse(decoder.decode(await vscode.workspace.fs.readFile(service.file))) as { version: number; concepts: Record<string, unknown> };
    assert.equal(state.version, 1);
    assert.ok(state.concepts[card.conceptId], 'the new review was saved');
    await service.reload();
    assert.equal(warnings().length, 1, 'reported once');
  });

  it('exports the glossary in every format through its command, files that parse back to the index\'s concepts', async () => {
    const api = await activateExtension();
    const dir = vscode.Uri.joinPath(api.study.service.file, '..', 'exports');
    await vscode.workspace.fs.createDirectory(dir);
    const read = async (format: string): Promise<string> => {
      const target = vscode.Uri.joinPath(dir, `glossary.${format}`);
      const written = await vscode.commands.executeCommand<vscode.Uri>('alignmentNotes.exportGlossary', format, target);
      assert.equal(written?.toString(), target.toString());
      return decoder.decode(await vscode.workspace.fs.readFile(target));
    };
    const withDefinitions = api.index.concepts().filter((concept) => concept.definitions.some((definition) => definition.text.trim() !== ''));
    const csv = parseDelimited(await read('csv'), ',');
    assert.equal(csv.length, withDefinitions.length + 1);
    assert.deepEqual(new Set(csv.slice(1).map((row) => fromSpreadsheetSafe(row[0] ?? ''))), new Set(withDefinitions.map((concept) => concept.term)));
    const inner = csv.find((row) => row[0] === 'Inner misalignment');
    assert.match(inner?.[3] ?? '', /^Course summary\.md:\d+\nunits\/Unit 1 - Losing control to AI\.md:\d+$/);
    const tsv = (await read('tsv')).split('\n');
    assert.equal(tsv[1], '#html:true');
    const rows = parseDelimited(tsv.slice(4).join('\n'), '\t');
    assert.deepEqual(rows.map((row) => htmlToText(fromSpreadsheetSafe(row[0] ?? ''))), csv.slice(1).map((row) => fromSpreadsheetSafe(row[0] ?? '')));
    const md = await read('md');
    assert.equal([...md.matchAll(/^## /gm)].length, withDefinitions.length);
    const json = JSON.parse(await read('json')) as { concepts: unknown[]; graph: { nodes: unknown[] } };
    assert.equal(json.concepts.length, api.index.concepts().length);
  });

  it('gives the review page a strict CSP: its one nonce\'d script and its stylesheet, from media only', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('alignmentNotes.reviewFlashcards', 'no such filter');
    const webview = api.study.panel.panel?.webview ?? assert.fail('no panel');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(webview.html)?.[1] ?? assert.fail('no CSP');
    const nonce = /script-src 'nonce-([0-9a-f]{32})'/.exec(csp)?.[1] ?? assert.fail(`no nonce in ${csp}`);
    assert.equal(csp, `default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}'`);
    assert.doesNotMatch(webview.html, /unsafe-|style="|\son[a-z]+=/);
    assert.deepEqual((webview.options.localResourceRoots ?? []).map((uri) => uri.path.split('/').at(-1)), ['media']);
    assert.equal(api.study.service.active?.session.remaining, 0, 'a filter that holds nothing gives an empty session');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
