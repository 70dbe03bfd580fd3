import type { MarkdownIt } from 'markdown-it';
import * as vscode from 'vscode';
import type { CourseIndex } from '../../core/index/courseIndex';
import { extendPreview } from '../../core/render/preview/previewPlugin';
import { isPreviewLinkContext } from '../../shared/previewLinkContext';
import { OPEN_PREVIEW_LINK_TO_SIDE_COMMAND } from '../commands';
import type { Settings } from '../settings';
import { displayPath } from '../languageFeatures/links';

/** VS Code's built-in Markdown extension, which owns the preview and asks extensions for markdown-it plugins. */
const MARKDOWN_EXTENSION = 'vscode.markdown-language-features';

/** How long the index stays quiet before the open previews are refreshed: one refresh per burst of changes. */
const REFRESH_DELAY_MS = 400;

/**
 * The Markdown preview's side of the extension: the markdown-it plugin VS Code's preview asks for
 * (`extendMarkdownIt`), and a debounced `markdown.preview.refresh` when what the preview shows of other notes
 * (terms, definitions, headings, the set of notes) changes. An edit to prose alone needs none: VS Code
 * re-renders the edited note's preview itself.
 */
export class MarkdownPreview implements vscode.Disposable {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #shownVersion: number;
  #refreshes = 0;
  #extended = false;
  readonly #subscriptions: { dispose(): void }[];

  constructor(
    private readonly index: CourseIndex,
    private readonly settings: () => Settings,
    private readonly log: vscode.LogOutputChannel,
    private readonly refresh: () => Thenable<unknown> = () => vscode.commands.executeCommand('markdown.preview.refresh'),
  ) {
    this.#shownVersion = index.structureVersion;
    this.#subscriptions = [
      index.onDidChange(() => this.#schedule()),
      vscode.commands.registerCommand(OPEN_PREVIEW_LINK_TO_SIDE_COMMAND, (context: unknown) => this.openToSide(context)),
    ];
    // Only an extension in the same extension host can extend the preview (code-server's web worker host has none).
    if (!vscode.extensions.getExtension(MARKDOWN_EXTENSION)) {
      log.info('VS Code\'s Markdown extension runs in another extension host: the Markdown preview shows notes without their terms, citations and wikilinks.');
    }
  }

  /** How many times the previews were refreshed because the index changed (for the tests). */
  get refreshes(): number {
    return this.#refreshes;
  }

  /** The plugin VS Code's Markdown extension applies to its markdown-it (`contributes.markdown.markdownItPlugins`). */
  readonly extendMarkdownIt = (md: MarkdownIt): MarkdownIt => {
    if (!this.#extended) this.log.info('The Markdown preview shows defined terms, citations and wikilinks.');
    this.#extended = true;
    return extendPreview(md, this.index, {
      enabled: () => this.settings().preview.enabled,
      maxDefinitionLength: () => this.settings().hover.maxDefinitionLength,
      displayPath,
    });
  };

  /**
   * "Open to the Side" from a citation's or wikilink's context menu in the preview: the linked note in an editor
   * beside the preview, at the heading or block. The context comes from the page, which a note's own HTML can
   * write too: only notes the index holds are opened.
   */
  async openToSide(context: unknown): Promise<vscode.TextEditor | undefined> {
    if (!isPreviewLinkContext(context) || !this.index.hasNote(context.alignmentNotesNote)) {
      void vscode.window.showWarningMessage('Alignment Notes: this link leads to no note of the workspace.');
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(context.alignmentNotesNote, true));
    const at = document.validatePosition(new vscode.Position(context.alignmentNotesLine, 0));
    return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Range(at, at) });
  }

  #schedule(): void {
    if (this.index.structureVersion === this.#shownVersion) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#shownVersion = this.index.structureVersion;
      this.#refreshes++;
      this.refresh().then(undefined, (error: unknown) => {
        this.log.warn(`Refreshing the Markdown preview failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    }, REFRESH_DELAY_MS);
  }

  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    for (const subscription of this.#subscriptions) subscription.dispose();
  }
}
