import * as vscode from 'vscode';
import type { CourseIndex } from '../../core/index/courseIndex';
import { type GlossaryFormat, isGlossaryFormat } from '../../core/study/exportFormats';
import { exportGlossary } from '../../core/study/fromIndex';
import type { SourceNamer } from '../../core/study/glossary';
import { relativeHref } from '../../core/study/relativeHref';
import { finishInSlices } from '../slices';

const FORMATS: Record<GlossaryFormat, { label: string; detail: string; filter: Record<string, string[]> }> = {
  csv: { label: 'CSV', detail: 'A spreadsheet: term, aliases, definitions, sources, tags', filter: { 'CSV': ['csv'] } },
  tsv: { label: 'Anki (tab-separated text)', detail: "For Anki's File › Import: term, definitions (HTML), sources, tags", filter: { 'Tab-separated text': ['tsv', 'txt'] } },
  md: { label: 'Markdown', detail: 'One sorted glossary with links to where each definition is written', filter: { Markdown: ['md'] } },
  json: { label: 'JSON', detail: 'Every concept and the concept graph, as the command line writes it', filter: { JSON: ['json'] } },
};

/** Sources as workspace-relative paths with a line (`units/Unit 1.md:14`); Markdown links lead there from the saved file's folder. */
function sourceNamer(target: vscode.Uri): SourceNamer {
  const folder = vscode.Uri.joinPath(target, '..').toString();
  return {
    label: (note, line) => `${vscode.workspace.asRelativePath(vscode.Uri.parse(note), false)}:${line + 1}`,
    href: (note, line) => `${relativeHref(folder, note)}#L${line + 1}`,
  };
}

/**
 * Alignment Notes: Export Glossary. Asks for the format and where to save (tests pass both), writes through
 * `workspace.fs` (so web and remote workspaces work) and returns the file, or undefined when cancelled.
 */
export async function exportGlossaryCommand(index: CourseIndex, log: vscode.LogOutputChannel, format?: unknown, target?: unknown): Promise<vscode.Uri | undefined> {
  let chosen = typeof format === 'string' && isGlossaryFormat(format) ? format : undefined;
  if (!chosen) {
    const picked = await vscode.window.showQuickPick(
      (Object.keys(FORMATS) as GlossaryFormat[]).map((key) => ({ label: FORMATS[key].label, detail: FORMATS[key].detail, key })),
      { title: 'Export the glossary as', placeHolder: 'Format' },
    );
    if (!picked) return undefined;
    chosen = picked.key;
  }
  let file = target instanceof vscode.Uri ? target : undefined;
  if (!file) {
    const folder = vscode.workspace.workspaceFolders?.[0];
    file = await vscode.window.showSaveDialog({
      title: `Export Glossary as ${FORMATS[chosen].label}`,
      filters: FORMATS[chosen].filter,
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder.uri, `glossary.${chosen}`) } : {}),
    });
    if (!file) return undefined;
  }
  await finishInSlices(index.homesSteps()); // the tags read every concept's home: built in slices, not in one block
  const bytes = new TextEncoder().encode(exportGlossary(index, chosen, sourceNamer(file)));
  await vscode.workspace.fs.writeFile(file, bytes);
  log.info(`Exported the glossary as ${chosen} to ${file.toString(true)} (${bytes.byteLength} bytes).`);
  return file;
}
