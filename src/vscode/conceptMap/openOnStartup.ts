import * as vscode from 'vscode';
import { CONCEPT_MAP_VIEW_TYPE } from '../../shared/protocol';
import type { Settings } from '../settings';
import type { ConceptMapPanels } from './panel';

/** True when VS Code restores a concept-map tab from the last session: its serializer brings the map back. */
function mapTabRestored(): boolean {
  return vscode.window.tabGroups.all.some((group) =>
    group.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(CONCEPT_MAP_VIEW_TYPE)),
  );
}

/**
 * `alignmentNotes.conceptMap.openOnStartup`: once the first index is done (so the first picture is the whole
 * graph, laid out once), opens the concept map beside the editor without taking the focus, unless one is open
 * or restored already. Read at start only: the setting is about how a window opens.
 */
export async function openMapOnStartup(ready: Promise<void>, settings: () => Settings, conceptMap: Pick<ConceptMapPanels, 'open' | 'panel'>): Promise<void> {
  if (!settings().conceptMap.openOnStartup) return;
  await ready;
  if (!conceptMap.panel && !mapTabRestored()) conceptMap.open(true);
}
