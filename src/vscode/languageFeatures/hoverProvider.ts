import * as vscode from 'vscode';
import type { CourseIndex, ResolvedCitation } from '../../core/index/courseIndex';
import { isAttachment, isImage, namesUnlistedFile } from '../../core/links/attachments';
import type { ResolvedWikiLink } from '../../core/links/wikiLinks';
import type { Concept, Definition } from '../../core/model';
import { unitLabel } from '../../core/citations/unitLabel';
import { aliasList } from '../../core/render/aliasList';
import { lineSpan, sectionExcerpt } from '../../core/render/excerpt';
import { safeMarkdown } from '../../core/render/safeMarkdown';
import { fromVsPosition, noteKey, toVsRange } from '../convert';
import type { Settings } from '../settings';
import type { WalkthroughProgress } from '../walkthrough/walkthroughProgress';
import type { WorkspaceNotes } from '../workspaceNotes';
import type { AnswerTimes } from './answerTimes';
import { Slices } from '../slices';
import { answerUnlessCancelled } from './cancellable';
import { citationTarget, displayPath, markdownLink, noteLineUri } from './links';

/**
 * Hovers for concepts (their definitions, aliases, family and cited units) and for citations (the cited
 * section's title and first lines). Every MarkdownString is untrusted and note text is escaped or made safe,
 * so nothing written in a note can run a command.
 */
export class ConceptHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly index: CourseIndex,
    private readonly notes: WorkspaceNotes,
    private readonly settings: () => Settings,
    private readonly walkthrough: WalkthroughProgress,
    private readonly times: AnswerTimes,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.ProviderResult<vscode.Hover> {
    const { enabled, maxDefinitionLength } = this.settings().hover;
    if (!enabled) return undefined;
    return this.times.time('hover', () => {
      const slices = new Slices('question'); // its slice begins as it arrives: the note's parse below counts in it
      return this.notes.afterSync(document, () => answerUnlessCancelled(token, this.notes, () => this.#hover(document, position, maxDefinitionLength), slices));
    });
  }

  #hover(document: vscode.TextDocument, position: vscode.Position, maxDefinitionLength: number): vscode.Hover | undefined {
    void this.notes.sync(document); // an edit may have come while it waited: an ordinary one is indexed at once
    const note = noteKey(document);
    const citation = this.index.citationAt(note, fromVsPosition(position));
    if (citation) return new vscode.Hover(this.#renderCitation(citation), toVsRange(citation.citation.range));
    const wikiLink = this.index.wikiLinkAt(note, fromVsPosition(position));
    if (wikiLink) return new vscode.Hover(this.#renderWikiLink(wikiLink, maxDefinitionLength), toVsRange(wikiLink.link.range));
    const hit = this.index.conceptAt(note, fromVsPosition(position));
    const concept = hit && this.index.concept(hit.id);
    if (!hit || !concept) return undefined;
    this.walkthrough.answered('hoveredTerm', document);
    return new vscode.Hover(this.#renderConcept(concept, maxDefinitionLength), toVsRange(hit.range));
  }

  #renderConcept(concept: Concept, maxLength: number): vscode.MarkdownString {
    const markdown = untrusted();
    markdown.appendMarkdown('**').appendText(concept.term).appendMarkdown('**');
    if (concept.aliases.length > 0) markdown.appendMarkdown(' · _').appendText(aliasList(concept.aliases)).appendMarkdown('_');
    const family = [
      ...(concept.parent ? [`part of ${this.#termLink(concept.parent)}`] : []),
      ...(concept.children.length > 0 ? [`includes ${concept.children.map((id) => this.#termLink(id)).join(', ')}`] : []),
    ];
    if (family.length > 0) markdown.appendMarkdown(`\n\n${family.join(' · ')}`);
    for (const definition of concept.definitions) {
      markdown.appendMarkdown('\n\n---\n\n');
      this.#appendDefinition(markdown, definition, maxLength);
    }
    const cited = this.#citedUnits(concept);
    if (cited.length > 0) markdown.appendMarkdown(`\n\n---\n\nCites ${cited.join(' · ')}`);
    return markdown;
  }

  #appendDefinition(markdown: vscode.MarkdownString, definition: Definition, maxLength: number): void {
    const where = markdownLink(`${displayPath(definition.note)}:${definition.termRange.start.line + 1}`, noteLineUri(definition.note, definition.termRange));
    if (definition.text === '') {
      // Never an empty definition: a page still to be written, or a term defined by the concepts nested under it.
      markdown.appendMarkdown(definition.style === 'page' ? `_Concept page ${where}: no definition written yet_` : `_Defined in ${where} by the concepts it includes_`);
      return;
    }
    if (definition.source) {
      const { target, label, note } = definition.source;
      markdown.appendMarkdown('**').appendText(label ?? target ?? '').appendMarkdown('**');
      if (note) markdown.appendMarkdown(' (').appendText(note).appendMarkdown(')');
      markdown.appendMarkdown(': ');
    }
    if (definition.text.length > maxLength) {
      const cut = definition.text.slice(0, maxLength).replace(/\s+\S*$/, '');
      markdown.appendText(`${cut} …`);
      markdown.appendMarkdown(`\n\n_Defined in ${where} · ${markdownLink('read all', noteLineUri(definition.note, definition.range))}_`);
      return;
    }
    const local = new Map(definition.citations.map((c) => [c.url, this.index.resolve(c.url, definition.note)]));
    markdown.appendMarkdown(
      safeMarkdown(definition.markdown, (url) => {
        const resolution = local.get(url);
        return resolution ? citationTarget(resolution)?.toString() : undefined;
      }),
    );
    markdown.appendMarkdown(definition.style === 'page' ? `\n\n_Concept page ${where}_` : `\n\n_Defined in ${where}_`);
  }

  /** Links to the units a concept's definitions cite: the local heading when there is one, else the URL. */
  #citedUnits(concept: Concept): string[] {
    return this.index.citedUnitsOf(concept.id).flatMap(({ resolution, title }) => {
      const target = citationTarget(resolution);
      return target ? [markdownLink(title, target)] : [];
    });
  }

  #termLink(id: string): string {
    const concept = this.index.concept(id);
    const definition = concept?.definitions[0];
    if (!concept || !definition) return id;
    return markdownLink(concept.term, noteLineUri(definition.note, definition.termRange));
  }

  /**
   * A wikilink's target: a concept page as its concept, an image as the image, else the note's title and the
   * first lines of the linked section, block or page; a broken link says so, with the closest names.
   */
  #renderWikiLink({ note, link, resolution, heading, block }: ResolvedWikiLink, maxLength: number): vscode.MarkdownString {
    if (resolution.kind === 'missing') {
      const markdown = untrusted();
      if (namesUnlistedFile(link.target)) return markdown.appendMarkdown('**').appendText(link.target).appendMarkdown('** · a link to a kind of file Alignment Notes does not look up');
      if (isAttachment(link.target)) return markdown.appendMarkdown('**').appendText(link.target).appendMarkdown('** · no file of this name in the workspace');
      markdown.appendMarkdown('**').appendText(link.target).appendMarkdown('** · no note of this name in the workspace');
      const closest = this.index.closestNotes(link.target, note);
      if (closest.length > 0) markdown.appendMarkdown('\n\nDid you mean ').appendText(closest.join(', ')).appendMarkdown('?');
      return markdown;
    }
    const target = resolution.uri;
    if (resolution.kind === 'file') {
      const markdown = untrusted();
      markdown.appendMarkdown(markdownLink(displayPath(target), noteLineUri(target)));
      if (isImage(target)) markdown.appendMarkdown(`\n\n![](${vscode.Uri.parse(target).toString()})`);
      return markdown;
    }
    const concept = heading === undefined && block === undefined ? this.index.pageConcept(target) : undefined;
    if (concept) return this.#renderConcept(concept, maxLength);
    const markdown = untrusted();
    const title = this.index.headingsOf(target).find((h) => h.depth === 1)?.text ?? displayPath(target);
    const where = heading ? `${title} › ${heading.text}` : title;
    markdown.appendMarkdown('**').appendMarkdown(markdownLink(where, noteLineUri(target, heading?.range ?? block?.range))).appendMarkdown('**');
    markdown.appendMarkdown('\n\n_').appendText(displayPath(target)).appendMarkdown('_');
    if (resolution.kind === 'ambiguous') {
      markdown.appendMarkdown('\n\n⚠ ').appendText(`Several notes have this name: ${resolution.candidates.map(displayPath).join(', ')}; this is the first.`);
    }
    const excerpt = block ? lineSpan(this.index.textOf(target) ?? '', block.range.start.line, block.range.end.line) : sectionExcerpt(this.index.textOf(target) ?? '', heading?.range.start.line ?? this.index.pageStart(target));
    if (excerpt) markdown.appendMarkdown('\n\n---\n\n').appendMarkdown(safeMarkdown(excerpt));
    return markdown;
  }

  #renderCitation({ citation, resolution }: ResolvedCitation): vscode.MarkdownString {
    const markdown = untrusted();
    const label = unitLabel(citation);
    if (resolution.kind === 'external') {
      const target = citationTarget(resolution);
      markdown.appendMarkdown('**').appendText(label).appendMarkdown('** · no local copy in this workspace\n\n');
      if (target) markdown.appendMarkdown(markdownLink(resolution.url, target));
      else markdown.appendText(resolution.url);
      return markdown;
    }
    const heading = resolution.heading;
    const title = heading ? `${label} › ${heading.text}` : label;
    markdown.appendMarkdown('**').appendMarkdown(markdownLink(title, noteLineUri(resolution.note, heading?.range))).appendMarkdown('**');
    markdown.appendMarkdown('\n\n_').appendText(displayPath(resolution.note)).appendMarkdown('_');
    if (resolution.approximate && resolution.anchor !== undefined) {
      markdown.appendMarkdown('\n\n⚠ ').appendText(
        heading ? `No heading #${resolution.anchor}: showing the closest, "${heading.text}".` : `No heading #${resolution.anchor} in this note.`,
      );
    }
    const excerpt = sectionExcerpt(this.index.textOf(resolution.note) ?? '', heading?.range.start.line);
    if (excerpt) markdown.appendMarkdown('\n\n---\n\n').appendMarkdown(safeMarkdown(excerpt));
    return markdown;
  }
}

function untrusted(): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString('', false);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}
