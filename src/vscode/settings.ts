import * as vscode from 'vscode';
import type { CitationMapping } from '../core/model';
import type { DiagnosticCode } from '../core/index/diagnostic';

/** The `alignmentNotes.*` settings as typed values, read fresh on each call so changes apply at once. */
export interface Settings {
  readonly hover: { readonly enabled: boolean; readonly maxDefinitionLength: number };
  readonly completion: { readonly enabled: boolean };
  readonly preview: { readonly enabled: boolean };
  readonly diagnostics: { readonly enabled: boolean; readonly disabled: ReadonlySet<DiagnosticCode>; readonly scope: DiagnosticScope };
  readonly links: { readonly updateOnRename: UpdateOnRename };
  readonly conceptMap: { readonly openOnStartup: boolean };
  readonly include: string;
  readonly exclude: readonly string[];
  readonly citationMappings: readonly CitationMapping[];
}

/** Which notes' problems are shown: see `alignmentNotes.diagnostics.scope`. */
export type DiagnosticScope = 'auto' | 'openNotes' | 'workspace';

function readScope(value: unknown): DiagnosticScope {
  return value === 'openNotes' || value === 'workspace' ? value : 'auto';
}

/** Whether renaming a note offers to update the wikilinks to it: see `alignmentNotes.links.updateOnRename`. */
export type UpdateOnRename = 'prompt' | 'never';

const DIAGNOSTIC_SETTINGS: Record<string, DiagnosticCode> = {
  citationWithoutLocalCopy: 'citation-no-local-copy',
  anchorNotFound: 'citation-anchor-not-found',
  conflictingDefinitions: 'definition-conflict',
  likelyMisspelling: 'likely-misspelt-duplicate',
  brokenLinks: 'link-broken',
  ambiguousLinks: 'link-ambiguous',
  undefinedBoldTerms: 'coverage-undefined-term',
  unmentionedConcepts: 'coverage-unmentioned-concept',
  unitsWithoutNotes: 'coverage-empty-unit',
};

function readMappings(value: unknown): CitationMapping[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const folders = vscode.workspace.workspaceFolders ?? [];
  return Object.entries(value as Record<string, unknown>).flatMap(([urlPrefix, folder]) => {
    if (typeof folder !== 'string' || urlPrefix === '') return [];
    // A relative folder is taken from each workspace folder, so multi-root workspaces work.
    if (/^[a-z][a-z0-9+.-]*:/i.test(folder)) return [{ urlPrefix, folder }];
    return folders.map((root) => ({ urlPrefix, folder: vscode.Uri.joinPath(root.uri, folder).toString() }));
  });
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration('alignmentNotes');
  const disabled = new Set<DiagnosticCode>();
  for (const [key, code] of Object.entries(DIAGNOSTIC_SETTINGS)) if (!config.get<boolean>(`diagnostics.${key}`, true)) disabled.add(code);
  return {
    hover: { enabled: config.get('hover.enabled', true), maxDefinitionLength: config.get('hover.maxDefinitionLength', 600) },
    completion: { enabled: config.get('completion.enabled', true) },
    preview: { enabled: config.get('preview.enabled', true) },
    diagnostics: { enabled: config.get('diagnostics.enabled', true), disabled, scope: readScope(config.get('diagnostics.scope')) },
    links: { updateOnRename: config.get('links.updateOnRename') === 'never' ? 'never' : 'prompt' },
    conceptMap: { openOnStartup: config.get('conceptMap.openOnStartup') === true },
    include: config.get('include', '**/*.{md,markdown}'),
    exclude: config.get<string[]>('exclude', ['**/node_modules/**', '**/.git/**']),
    citationMappings: readMappings(config.get('citationMappings', {})),
  };
}
