import * as vscode from 'vscode';
import type { CourseIndex } from '../../core/index/courseIndex';
import { EXPORT_GLOSSARY_COMMAND, REVIEW_FLASHCARDS_COMMAND } from '../commands';
import { DueCardsStatus } from './dueStatus';
import { exportGlossaryCommand } from './exportGlossary';
import { ReviewPanel } from './reviewPanel';
import { ReviewStore } from './reviewStore';
import { ALL_CARDS, StudyService } from './studyService';

/** The study features as the composition root wires them: flashcards, their panel and status, and the glossary export. */
export interface Study extends vscode.Disposable {
  readonly service: StudyService;
  readonly panel: ReviewPanel;
  readonly status: DueCardsStatus;
}

/**
 * Asks which cards to review (every card, or a unit, type, folder, tag or note, each with its count due today),
 * starts the session and shows the panel. A filter key passed as the argument skips the question (tests, keybindings).
 */
async function reviewFlashcards(service: StudyService, panel: ReviewPanel, filterKey: unknown): Promise<void> {
  await service.ready;
  await service.homesReady();
  if (typeof filterKey === 'string') {
    service.start(filterKey, service.filters().find((filter) => filter.key === filterKey)?.label ?? filterKey);
    panel.show();
    return;
  }
  const due = service.dueByFilter();
  const all = service.dueToday().length;
  const kinds = { unit: 'Unit', type: 'Type', folder: 'Folder', tag: 'Tag', note: 'Note' } as const;
  const items: (vscode.QuickPickItem & { key?: string })[] = [
    { label: `$(mortar-board) ${ALL_CARDS}`, description: `${all} due today` },
    ...service.filters().map((filter) => ({
      label: filter.label,
      description: `${due.get(filter.key) ?? 0} due today · ${filter.concepts} ${filter.concepts === 1 ? 'concept' : 'concepts'}`,
      detail: kinds[filter.kind],
      key: filter.key,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Review flashcards', placeHolder: 'Which cards? Every card, or one unit, folder or tag', matchOnDetail: true });
  if (!picked) return;
  service.start(picked.key, picked.key === undefined ? ALL_CARDS : picked.label);
  panel.show();
}

export function createStudy(extensionUri: vscode.Uri, storage: vscode.Uri, index: CourseIndex, onIndexChange: vscode.Event<readonly string[]>, log: vscode.LogOutputChannel): Study {
  const service = new StudyService(index, new ReviewStore(storage, log), onIndexChange);
  const panel = new ReviewPanel(extensionUri, service, log, () => vscode.commands.executeCommand(REVIEW_FLASHCARDS_COMMAND));
  const review = (filterKey?: unknown): Promise<void> => reviewFlashcards(service, panel, filterKey);
  const status = new DueCardsStatus(service);
  const disposables: vscode.Disposable[] = [
    service,
    panel,
    status,
    vscode.commands.registerCommand(REVIEW_FLASHCARDS_COMMAND, review),
    vscode.commands.registerCommand(EXPORT_GLOSSARY_COMMAND, (format?: unknown, target?: unknown) => exportGlossaryCommand(index, log, format, target)),
  ];
  return { service, panel, status, dispose: () => disposables.forEach((disposable) => disposable.dispose()) };
}
