import { existsSync, openSync, closeSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, eventually, sampleNote } from '../integration/helpers';
import type { AlignmentNotesApi } from '../../src/extension';
import { type Instruction, instructionFile, type Report, reportFile, startedFile, type StudyReport, type TestSettings } from './protocol';

/** Which start of the extension host this is: the first `started-<n>` file this process could create. */
function claimStart(dir: string): number {
  for (let start = 1; ; start++) {
    try {
      closeSync(openSync(join(dir, startedFile(start)), 'wx'));
      return start;
    } catch {
      // An earlier host took this number.
    }
  }
}

/** Written whole or not at all: the test polls for it. */
function writeReport(dir: string, start: number, report: Report): void {
  const file = join(dir, reportFile(start));
  writeFileSync(`${file}.part`, JSON.stringify(report, null, 2));
  renameSync(`${file}.part`, file);
}

function settingsSeen(expected: TestSettings): boolean {
  const testing = vscode.workspace.getConfiguration('alignmentNotes.testing');
  return testing.get('cacheWritePauseMs') === expected.cacheWritePauseMs && testing.get('cacheSaveDelayMs') === expected.cacheSaveDelayMs;
}

/** Reviews the unit's cards from the command when asked, then counts what is due and what the state file holds. */
async function studyReport(api: AlignmentNotesApi, study: NonNullable<Instruction['study']>): Promise<StudyReport> {
  const service = api.study.service;
  await api.ready;
  await service.ready;
  const unit = service.filters().find((filter) => filter.kind === 'unit' && filter.label === study.unit);
  if (!unit) throw new Error(`no unit filter ${study.unit}`);
  let graded = 0;
  if (study.gradeThenReload) {
    await vscode.commands.executeCommand('alignmentNotes.reviewFlashcards', unit.key);
    for (let card = service.active?.session.current; card; card = service.active?.session.current) {
      if (!(await service.grade(card.key, 'good'))) throw new Error(`could not grade ${card.key}`);
      if (++graded > 500) throw new Error('the session never ended');
    }
  } else {
    // After a reload VS Code restores the panel that was open, which starts a session of its own.
    await eventually('the review panel to be restored', () => api.study.panel.panel, 30_000).catch(() => undefined);
  }
  const state = JSON.parse(readFileSync(service.file.fsPath, 'utf8')) as { concepts: Record<string, unknown> };
  return {
    due: service.dueToday().length,
    dueOfUnit: service.dueToday(unit.key).length,
    graded,
    concepts: Object.keys(state.concepts).length,
    file: service.file.fsPath,
    panelOpen: api.study.panel.panel !== undefined,
  };
}

/**
 * The `extensionTestsPath` of the extension hosts that test/process/*.test.ts start, reload and kill: each
 * start does what its instruction says and reports, then keeps the host running until the test stops it.
 */
export async function run(): Promise<void> {
  const dir = process.env.ALIGNMENT_NOTES_AGENT_DIR;
  if (!dir) throw new Error('ALIGNMENT_NOTES_AGENT_DIR is not set: this entry runs only under test/process');
  const start = claimStart(dir);
  try {
    const instruction = await eventually(
      `instruction ${start}`,
      () => (existsSync(join(dir, instructionFile(start))) ? (JSON.parse(readFileSync(join(dir, instructionFile(start)), 'utf8')) as Instruction) : undefined),
      60_000,
    );
    // The extension activates only when asked (no note is open), so it starts with these settings.
    await eventually('the test settings', () => (settingsSeen(instruction.settings) ? true : undefined), 60_000);
    const api = await activateExtension();
    if (instruction.awaitSave) await api.cache.flush();
    const file = api.cache.file;
    if (!file) throw new Error('the workspace has no workspace storage');
    const lookFor = [...(instruction.lookFor ?? []), ...(instruction.editThenReload ? [instruction.editThenReload.term] : [])];
    const concepts = (): Record<string, boolean> => Object.fromEntries(lookFor.map((term) => [term, api.index.conceptNamed(term) !== undefined]));
    const report = { pid: process.pid, cacheFile: file.fsPath, notes: api.index.noteCount };
    if (instruction.study) {
      writeReport(dir, start, { ...report, log: api.log.since(0), concepts: concepts(), study: await studyReport(api, instruction.study) });
      if (instruction.study.gradeThenReload) await vscode.commands.executeCommand('workbench.action.reloadWindow');
      return new Promise(() => undefined);
    }
    const edit = instruction.editThenReload;
    if (!edit) {
      writeReport(dir, start, { ...report, log: api.log.since(0), concepts: concepts() });
      return new Promise(() => undefined);
    }
    const note = sampleNote(...edit.note);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(note));
    await vscode.workspace.fs.writeFile(note, new TextEncoder().encode(`${text.trimEnd()}\n\n${edit.definition}\n`));
    await eventually(`the index to hold ${edit.term}`, () => (api.index.conceptNamed(edit.term) ? true : undefined), 60_000);
    const cached = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    writeReport(dir, start, { ...report, log: api.log.since(0), concepts: concepts(), cacheHeldTermBeforeReload: cached.includes(edit.term) });
    await vscode.commands.executeCommand('workbench.action.reloadWindow');
  } catch (error) {
    writeReport(dir, start, { pid: process.pid, cacheFile: '', log: [], notes: 0, concepts: {}, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  return new Promise(() => undefined);
}
