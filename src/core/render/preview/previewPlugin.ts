import type { MarkdownIt, RendererRule as RenderRule, Token } from 'markdown-it';
import type { CourseIndex } from '../../index/courseIndex';
import { isImage } from '../../links/attachments';
import { placeWikiLink } from '../../links/wikiLinks';
import type { Concept, Definition } from '../../model';
import { aliasList } from '../aliasList';
import { lineSpan, pageExcerpt, sectionExcerpt } from '../excerpt';
import { previewLinkContext } from '../../../shared/previewLinkContext';
import { addPreviewSyntax, type ProseMeta, WIKI_LINK_TOKEN, type WikiLinkMeta } from './previewSyntax';
import { relativeHref } from './relativeHref';

/** What the preview needs from its host besides the index. */
export interface PreviewHost {
  /** Read at each render, so that turning the preview off applies at the next refresh. */
  enabled(): boolean;
  /** Longest definition shown in a tooltip, in characters (the hover's setting). */
  maxDefinitionLength(): number;
  /** A note's path as readers see it: relative to its workspace folder. */
  displayPath(note: string): string;
}

/** Definitions a tooltip shows at most; the rest are counted. */
const TOOLTIP_DEFINITIONS = 3;

/** The state of one render (VS Code renders a document with a fresh `env`): the tooltips its terms need. */
interface RenderState {
  readonly note: string | undefined;
  /** Tooltip element id by concept id, in order of first use. */
  readonly tooltips: Map<string, string>;
}

const STATE = Symbol('alignmentNotesPreview');

/** Everything written into the page goes through this: note text is untrusted. */
function escape(md: MarkdownIt, text: string): string {
  return md.utils.escapeHtml(text);
}

function stateOf(env: unknown): RenderState {
  const holder = (typeof env === 'object' && env !== null ? env : {}) as { [STATE]?: RenderState; currentDocument?: unknown };
  if (!holder[STATE]) {
    const document = holder.currentDocument;
    holder[STATE] = { note: document === undefined || document === null ? undefined : String(document), tooltips: new Map() };
  }
  return holder[STATE];
}

/**
 * The Markdown preview's reading view (the markdown-it plugin VS Code's preview loads through `extendMarkdownIt`):
 * defined terms carry their definitions in keyboard-reachable tooltips, citations and wikilinks lead to the local
 * note and heading (falling back to the URL), broken wikilinks say so, and `![[embeds]]` show the target's title
 * and definition or first lines. Note text is only ever emitted escaped; tooltips are plain text.
 */
export function extendPreview(md: MarkdownIt, index: CourseIndex, host: PreviewHost): MarkdownIt {
  addPreviewSyntax(md);
  const rules = md.renderer.rules;
  const renderText: RenderRule = rules.text ?? ((tokens, idx) => escape(md, tokens[idx]?.content ?? ''));
  const renderLinkOpen: RenderRule = rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));

  rules.text = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (!token || !(token.meta as ProseMeta | null)?.alignmentProse || !host.enabled()) return renderText(tokens, idx, options, env, self);
    return markTerms(token.content, stateOf(env));
  };

  rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const citation = (token?.meta as ProseMeta | null)?.alignmentCitation;
    if (!token || !citation || !host.enabled()) return renderLinkOpen(tokens, idx, options, env, self);
    const saved = token.attrs;
    token.attrs = citationAttributes(token, citation, stateOf(env).note);
    try {
      return renderLinkOpen(tokens, idx, options, env, self);
    } finally {
      token.attrs = saved;
    }
  };

  rules[WIKI_LINK_TOKEN] = (tokens, idx, _options, env) => {
    const token = tokens[idx];
    if (!token) return '';
    const link = token.meta as unknown as WikiLinkMeta;
    if (!host.enabled()) return escape(md, token.content);
    return renderWikiLink(link, stateOf(env));
  };

  const render = md.renderer.render.bind(md.renderer);
  md.renderer.render = (tokens, options, env) => {
    const html = render(tokens, options, env);
    return html + (host.enabled() ? tooltips(stateOf(env)) : '');
  };
  return md;

  function markTerms(text: string, state: RenderState): string {
    const matches = index.termsIn(text);
    if (matches.length === 0) return escape(md, text);
    let html = '';
    let at = 0;
    for (const match of matches) {
      if (!index.concept(match.id)) continue;
      let id = state.tooltips.get(match.id);
      if (id === undefined) state.tooltips.set(match.id, (id = `alignment-notes-tip-${state.tooltips.size + 1}`));
      html += escape(md, text.slice(at, match.start));
      html += `<span class="an-term" tabindex="0" data-concept="${escape(md, match.id)}" aria-describedby="${id}">${escape(md, text.slice(match.start, match.end))}</span>`;
      at = match.end;
    }
    return html + escape(md, text.slice(at));
  }

  /** A citation's link with its local target (the note at the heading) when there is one, else its URL. */
  function citationAttributes(token: Token, citation: NonNullable<ProseMeta['alignmentCitation']>, note: string | undefined): NonNullable<Token['attrs']> {
    const attrs = (token.attrs ?? []).filter(([name]) => !['href', 'data-href', 'title', 'class', 'data-vscode-context'].includes(name));
    const resolution = index.resolve(citation.url, note ?? '');
    const label = citation.label.replace(/^\[(.*)\]$/s, '$1').trim();
    if (resolution.kind === 'local') {
      const href = relativeHref(note, resolution.note, resolution.heading?.slug);
      const title = `${resolution.heading ? `${label} › ${resolution.heading.text}` : label} — ${host.displayPath(resolution.note)}`;
      const context = previewLinkContext(resolution.note, resolution.heading?.range.start.line ?? 0);
      return [...attrs, ['href', href], ['data-href', href], ['class', 'an-citation'], ['title', title], ['data-citation', citation.url], ['data-vscode-context', context]];
    }
    const href = String(token.attrGet('href') ?? '');
    return [...attrs, ['href', href], ['data-href', href], ['class', 'an-citation an-external'], ['title', `${label}: no local copy in this workspace; opens ${citation.url}`], ['data-citation', citation.url]];
  }

  function renderWikiLink(link: WikiLinkMeta, state: RenderState): string {
    const shown = link.label ?? link.target + (link.block ? `#^${link.block}` : link.heading ? `#${link.heading}` : '');
    // The link as read, for readers of the HTML (and the tests that hold this reading to the core's).
    const data = `data-wikilink="${escape(md, JSON.stringify({ target: link.target, heading: link.heading, block: link.block, label: link.label, embed: link.embed }))}"`;
    if (link.insideLink) return `<span class="an-wikilink" ${data}>${escape(md, shown)}</span>`;
    const from = state.note ?? '';
    const resolution = index.resolveWikiTarget(link.target, from);
    if (resolution.kind === 'missing') {
      const title = `No note or file named “${link.target}” in this workspace`;
      return `<span class="an-wikilink an-broken" ${data} title="${escape(md, title)}">${escape(md, link.embed ? `![[${shown}]]` : shown)}<span class="an-broken-mark"> (not found)</span></span>`;
    }
    const ref = { ...link, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    const placed = placeWikiLink(from, ref, resolution, (uri) => index.analysisOf(uri));
    const fragment = placed.heading?.slug ?? (placed.block ? `L${placed.block.range.start.line + 1}` : '');
    const href = relativeHref(state.note, resolution.uri, fragment);
    const missingAnchor = (link.heading !== undefined && !placed.heading) || (link.block !== undefined && !placed.block);
    const path = host.displayPath(resolution.uri);
    const line = placed.heading?.range.start.line ?? placed.block?.range.start.line ?? 0;
    if (resolution.kind === 'file') {
      if (link.embed && isImage(resolution.uri)) return `<img class="an-embed-image" ${data} src="${escape(md, href)}" alt="${escape(md, link.label ?? link.target)}">`;
      return anchor(href, 'an-wikilink', path, escape(md, shown), data);
    }
    const context = previewLinkContext(resolution.uri, line);
    if (link.embed) return renderEmbed(resolution.uri, placed, href, path, `${data} data-vscode-context="${escape(md, context)}"`);
    const where = placed.heading ? `${path} › ${placed.heading.text}` : path;
    const title = missingAnchor ? `${path}: no ${link.block ? `block ^${link.block}` : `heading “${link.heading}”`} there; opens the note` : where;
    const mark = missingAnchor ? '<span class="an-broken-mark"> (heading not found)</span>' : '';
    return anchor(href, missingAnchor ? 'an-wikilink an-broken' : 'an-wikilink', title, escape(md, shown) + mark, `${data} data-vscode-context="${escape(md, context)}"`);
  }

  /** `![[note]]`: the target's title and its definition (a concept page) or the first lines of the page, section or block. */
  function renderEmbed(target: string, placed: ReturnType<typeof placeWikiLink>, href: string, path: string, data: string): string {
    const text = index.textOf(target) ?? '';
    const page = index.analysisOf(target)?.page?.heading?.text ?? index.headingsOf(target).find((h) => h.depth === 1)?.text ?? path;
    const title = placed.heading ? `${page} › ${placed.heading.text}` : page;
    const concept = placed.heading || placed.block ? undefined : index.pageConcept(target);
    const definition = concept?.definitions.find((d) => d.note === target && d.text !== '') ?? concept?.definitions.find((d) => d.text !== '');
    const body = definition
      ? definition.text
      : placed.block
        ? lineSpan(text, placed.block.range.start.line, placed.block.range.end.line)
        : placed.heading
          ? sectionExcerpt(text, placed.heading.range.start.line)
          : pageExcerpt(text, index.pageStart(target));
    const shown = cut(body, host.maxDefinitionLength());
    return (
      `<span class="an-embed" ${data} role="note" aria-label="${escape(md, `Embedded: ${title}`)}">` +
      anchor(href, 'an-embed-title', path, escape(md, title)) +
      `<span class="an-embed-body">${escape(md, shown)}</span></span>`
    );
  }

  function anchor(href: string, className: string, title: string, inner: string, data = ''): string {
    return `<a class="${className}" ${data} href="${escape(md, href)}" data-href="${escape(md, href)}" title="${escape(md, title)}">${inner}</a>`;
  }

  /** The tooltips of the terms marked in this render, once per concept, after the document: plain text only. */
  function tooltips(state: RenderState): string {
    if (state.tooltips.size === 0) return '';
    const parts: string[] = [];
    for (const [id, tip] of state.tooltips) {
      const concept = index.concept(id);
      if (concept) parts.push(tooltip(tip, concept));
    }
    return `<div class="an-tooltips">${parts.join('')}</div>\n`;
  }

  function tooltip(id: string, concept: Concept): string {
    const max = host.maxDefinitionLength();
    const aliases = concept.aliases.length > 0 ? `<span class="an-tooltip-aliases"> (${escape(md, aliasList(concept.aliases))})</span>` : '';
    const definitions = concept.definitions.slice(0, TOOLTIP_DEFINITIONS).map((definition) => definitionHtml(definition, max));
    const more = concept.definitions.length - TOOLTIP_DEFINITIONS;
    const rest = more > 0 ? `<span class="an-tooltip-more">and ${more} more definition${more === 1 ? '' : 's'}</span>` : '';
    return `<div class="an-tooltip" role="tooltip" id="${id}" hidden><span class="an-tooltip-term">${escape(md, concept.term)}</span>${aliases}${definitions.join('')}${rest}</div>`;
  }

  function definitionHtml(definition: Definition, max: number): string {
    const source = definition.source ? `${definition.source.label ?? definition.source.target ?? ''}${definition.source.note ? ` (${definition.source.note})` : ''}: ` : '';
    const text = definition.text === '' ? (definition.style === 'page' ? 'Concept page with no definition written yet.' : 'Defined by the concepts it includes.') : source + cut(definition.text, max);
    const where = `${host.displayPath(definition.note)}:${definition.termRange.start.line + 1}`;
    return `<span class="an-tooltip-definition">${escape(md, text)}</span><span class="an-tooltip-source">${escape(md, where)}</span>`;
  }
}

/** A text cut at a word before `max` characters, with an ellipsis. */
function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, '')} …` : text;
}
