import { isCount, isRecord, isString } from './checks';

/**
 * The `webviewSection` of a citation or wikilink in VS Code's Markdown preview. Its context menu (the manifest's
 * `webview/context`, `webviewId == 'markdown.preview'`) then offers "Open to the Side": under VS Code's default
 * `markdown.preview.openMarkdownLinks` (`inPreview`) a click on a link to a note follows it in the preview, and a
 * preview script has no way to ask for an editor instead (docs/DEVELOPMENT.md, "The Markdown preview").
 */
export const PREVIEW_LINK_SECTION = 'alignmentNotesLink';

/**
 * What a link in the preview carries in `data-vscode-context`: VS Code hands it, with `webview` added, to the
 * context menu's command. A note's own HTML can write the same attribute, so the command checks it (see
 * `isPreviewLinkContext`) and opens only notes the index holds.
 */
export interface PreviewLinkContext {
  readonly webviewSection: typeof PREVIEW_LINK_SECTION;
  /** The linked note's URI, as the index keys it. */
  readonly alignmentNotesNote: string;
  /** The 0-based line to show: the cited heading or block, else 0. */
  readonly alignmentNotesLine: number;
}

/** Longest note URI a context may carry. */
const MAX_URI_LENGTH = 4096;

export function isPreviewLinkContext(value: unknown): value is PreviewLinkContext {
  return (
    isRecord(value) &&
    value.webviewSection === PREVIEW_LINK_SECTION &&
    isString(value.alignmentNotesNote, MAX_URI_LENGTH) &&
    value.alignmentNotesNote !== '' &&
    isCount(value.alignmentNotesLine)
  );
}

/** The attribute value for a link to `note` at `line`: JSON, to be escaped into the attribute by the caller. */
export function previewLinkContext(note: string, line: number): string {
  return JSON.stringify({ webviewSection: PREVIEW_LINK_SECTION, alignmentNotesNote: note, alignmentNotesLine: line } satisfies PreviewLinkContext);
}
