import * as vscode from 'vscode';
import { definingPlaces } from '../../core/concepts/definingPlaces';
import type { CourseIndex } from '../../core/index/courseIndex';
import { fromVsPosition, noteKey, toLocation, toVsRange } from '../convert';
import type { WalkthroughProgress } from '../walkthrough/walkthroughProgress';
import type { WorkspaceNotes } from '../workspaceNotes';
import type { AnswerTimes } from './answerTimes';
import { Slices } from '../slices';
import { answerUnlessCancelled } from './cancellable';
import { citationTarget, displayPath } from './links';

/**
 * F12 and Ctrl+click: on a term, its definitions; on a citation, the cited heading in the local unit note
 * (go to citation). A citation with no local copy has no definition: its document link opens the URL.
 */
export class ConceptDefinitionProvider implements vscode.DefinitionProvider {
  constructor(
    private readonly index: CourseIndex,
    private readonly notes: WorkspaceNotes,
    private readonly walkthrough: WalkthroughProgress,
    private readonly times: AnswerTimes,
  ) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.ProviderResult<vscode.LocationLink[]> {
    return this.times.time('definition', () => {
      const slices = new Slices('question'); // its slice begins as it arrives: the note's parse below counts in it
      return this.notes.afterSync(document, () => answerUnlessCancelled(token, this.notes, () => this.#definitions(document, position), slices));
    });
  }

  #definitions(document: vscode.TextDocument, position: vscode.Position): vscode.LocationLink[] {
    void this.notes.sync(document); // an edit may have come while it waited: an ordinary one is indexed at once
    const note = noteKey(document);
    const citation = this.index.citationAt(note, fromVsPosition(position));
    if (citation) {
      const { resolution } = citation;
      if (resolution.kind !== 'local') return [];
      this.walkthrough.answered('followedCitation', document);
      const range = resolution.heading?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      return [
        {
          originSelectionRange: toVsRange(citation.citation.range),
          targetUri: vscode.Uri.parse(resolution.note),
          targetRange: toVsRange(range),
          targetSelectionRange: toVsRange(range),
        },
      ];
    }
    const wikiLink = this.index.wikiLinkAt(note, fromVsPosition(position));
    if (wikiLink) {
      const { resolution, heading, block } = wikiLink;
      if (resolution.kind === 'missing') return [];
      this.walkthrough.answered('followedWikiLink', document);
      const start = { line: this.index.pageStart(resolution.uri), character: 0 };
      const range = heading?.range ?? block?.range ?? { start, end: start };
      return [{ originSelectionRange: toVsRange(wikiLink.link.range), targetUri: vscode.Uri.parse(resolution.uri), targetRange: toVsRange(range), targetSelectionRange: toVsRange(range) }];
    }
    const hit = this.index.conceptAt(note, fromVsPosition(position));
    if (!hit) return [];
    return definingPlaces(this.index.definitionsOf(hit.id)).map((definition) => ({
      originSelectionRange: toVsRange(hit.range),
      targetUri: vscode.Uri.parse(definition.note),
      targetRange: toVsRange(definition.range),
      targetSelectionRange: toVsRange(definition.termRange),
    }));
  }
}

/**
 * Shift+F12 on a wikilink or a note link, or on a page's title line: the page's backlinks, every wikilink and
 * note link that leads to it. (On a title that names a concept, the concept's mentions come from
 * `ConceptReferenceProvider` too.)
 */
export class BacklinkReferenceProvider implements vscode.ReferenceProvider {
  constructor(
    private readonly index: CourseIndex,
    private readonly notes: WorkspaceNotes,
  ) {}

  provideReferences(document: vscode.TextDocument, position: vscode.Position): vscode.ProviderResult<vscode.Location[]> {
    return this.notes.afterSync(document, () =>
      this.#page(noteKey(document), position).flatMap((page) => this.index.backlinksOf(page).map((backlink) => toLocation(backlink.note, backlink.range))),
    );
  }

  /** The page asked about: the target of the link under the cursor, else this page when the cursor is on its title. */
  #page(note: string, position: vscode.Position): string[] {
    const at = fromVsPosition(position);
    const wikiLink = this.index.wikiLinkAt(note, at);
    if (wikiLink) return wikiLink.resolution.kind === 'missing' ? [] : [wikiLink.resolution.uri];
    const citation = this.index.citationAt(note, at);
    if (citation) return citation.resolution.kind === 'local' ? [citation.resolution.note] : [];
    const title = this.index.headingsOf(note).find((heading) => heading.depth === 1);
    return title?.range.start.line === position.line ? [note] : [];
  }
}

/** Shift+F12: every place the concept under the cursor is named, across the workspace. */
export class ConceptReferenceProvider implements vscode.ReferenceProvider {
  constructor(
    private readonly index: CourseIndex,
    private readonly notes: WorkspaceNotes,
  ) {}

  provideReferences(document: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): vscode.ProviderResult<vscode.Location[]> {
    return this.notes.afterSync(document, () => this.#references(document, position, context));
  }

  #references(document: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): vscode.Location[] {
    const hit = this.index.conceptAt(noteKey(document), fromVsPosition(position));
    if (!hit) return [];
    const definitions = new Set(this.index.definitionsOf(hit.id).map((d) => `${d.note}:${d.termRange.start.line}:${d.termRange.start.character}`));
    return this.index
      .occurrencesOf(hit.id)
      .filter((o) => context.includeDeclaration || !definitions.has(`${o.note}:${o.range.start.line}:${o.range.start.character}`))
      .map((o) => toLocation(o.note, o.range));
  }
}

/**
 * Makes each citation's `[[Unit N]]` label Ctrl+clickable, to the local heading or else the URL. Only the
 * label: VS Code's markdown extension already links the `(url)` part to the web.
 */
export class CitationLinkProvider implements vscode.DocumentLinkProvider {
  constructor(
    private readonly index: CourseIndex,
    private readonly notes: WorkspaceNotes,
  ) {}

  provideDocumentLinks(document: vscode.TextDocument): vscode.ProviderResult<vscode.DocumentLink[]> {
    return this.notes.afterSync(document, () => this.#links(document));
  }

  #links(document: vscode.TextDocument): vscode.DocumentLink[] {
    return this.index.citationsIn(noteKey(document)).flatMap(({ citation, resolution }) => {
      const target = citationTarget(resolution);
      if (!target) return [];
      const start = toVsRange(citation.range).start;
      const link = new vscode.DocumentLink(new vscode.Range(start, start.translate(0, citation.label.length + 2)), target);
      link.tooltip =
        resolution.kind === 'local'
          ? `Open ${resolution.heading ? `"${resolution.heading.text}" in ` : ''}${displayPath(resolution.note)}${resolution.approximate ? ' (closest heading)' : ''}`
          : `No local copy: open ${resolution.url}`;
      return [link];
    });
  }
}
