import type { ConceptGraph } from '../graph/conceptGraph';
import type { Concept } from '../model';
import { definitionLine, type GlossaryEntry, type SourceNamer } from './glossary';
import { spreadsheetSafe } from './spreadsheetSafe';

/** The glossary export formats, as the CLI's `--format` and the export command name them. */
export const GLOSSARY_FORMATS = ['csv', 'tsv', 'md', 'json'] as const;
export type GlossaryFormat = (typeof GLOSSARY_FORMATS)[number];

export function isGlossaryFormat(value: string): value is GlossaryFormat {
  return (GLOSSARY_FORMATS as readonly string[]).includes(value);
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvField(value: string): string {
  const cell = spreadsheetSafe(value);
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * CSV (RFC 4180, CRLF line ends, a header row): term, aliases, definitions (one per line, plain text), sources
 * (`path:line`, one per line), tags (space separated). Cells that start like a formula get a `'`.
 */
export function glossaryCsv(entries: readonly GlossaryEntry[], sources: SourceNamer): string {
  const rows = [['Term', 'Aliases', 'Definitions', 'Sources', 'Tags']];
  for (const entry of entries) {
    rows.push([
      entry.term,
      entry.aliases.join('; '),
      entry.definitions.map(definitionLine).join('\n'),
      entry.definitions.map((definition) => sources.label(definition.note, definition.line)).join('\n'),
      entry.tags.join(' '),
    ]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Text as HTML: the five markup characters escaped; tabs and line breaks as entities and `<br>`, so a cell never needs quoting. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\t/g, '&#9;')
    .replace(/\r?\n|\r/g, '<br>');
}

/** A definition list as our own HTML: escaped text, one definition as is, several as `<ol>` items. */
function definitionsHtml(entry: GlossaryEntry): string {
  const lines = entry.definitions.map((definition) => escapeHtml(definitionLine(definition)));
  return lines.length === 1 ? (lines[0] ?? '') : `<ol>${lines.map((line) => `<li>${line}</li>`).join('')}</ol>`;
}

/**
 * Tab-separated text in the layout Anki's File › Import reads, with its header lines: term, definitions as HTML
 * (made only of our own markup around escaped text, never the note's HTML), sources, tags (column 4). No cell
 * holds a tab, a line break or a quote, so none is quoted. Cells that start like a formula get a `'`.
 */
export function glossaryAnkiTsv(entries: readonly GlossaryEntry[], sources: SourceNamer): string {
  const lines = ['#separator:tab', '#html:true', '#columns:Term\tDefinitions\tSources\tTags', '#tags column:4'];
  for (const entry of entries) {
    const cells = [
      escapeHtml(entry.term),
      definitionsHtml(entry),
      entry.definitions.map((definition) => escapeHtml(sources.label(definition.note, definition.line))).join('<br>'),
      entry.tags.map((tag) => tag.replace(/[\t\r\n"]/g, '_')).join(' '),
    ];
    lines.push(cells.map(spreadsheetSafe).join('\t'));
  }
  return lines.join('\n') + '\n';
}

/**
 * Text as one line of Markdown that renders as exactly that text: the characters that start markup anywhere in
 * a line (emphasis, code, links, HTML, entities, tables) escaped, so note HTML shows as text, never as HTML.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>#|~&$]/g, '\\$&')
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(/^(\d+)([.)])/, '$1\\$2') // `1986. ` would start a nested list
    .replace(/^[-+=]/, '\\$&');
}

/** A link target in angle brackets, so spaces and parentheses in file names need no encoding. */
function markdownHref(href: string): string {
  return `<${href.replace(/[<>\n]/g, encodeURIComponent)}>`;
}

/** One glossary in Markdown, sorted by term: each concept a heading, its aliases, and its definitions with links to where they are written. */
export function glossaryMarkdown(entries: readonly GlossaryEntry[], sources: SourceNamer, title = 'Glossary'): string {
  const out = [`# ${escapeMarkdown(title)}`, '', `${entries.length} ${entries.length === 1 ? 'concept' : 'concepts'}, exported by Alignment Notes.`];
  for (const entry of entries) {
    out.push('', `## ${escapeMarkdown(entry.term)}`, '');
    if (entry.aliases.length > 0) out.push(`*Also: ${entry.aliases.map(escapeMarkdown).join(', ')}*`, '');
    for (const definition of entry.definitions) {
      const link = `[${escapeMarkdown(sources.label(definition.note, definition.line))}](${markdownHref(sources.href(definition.note, definition.line))})`;
      out.push(`- ${escapeMarkdown(definitionLine(definition))} (${link})`);
    }
  }
  return out.join('\n') + '\n';
}

/** The JSON export, as `alignment-notes export --format json` has always written it: every concept and the concept graph. */
export function glossaryJson(source: { concepts(): readonly Concept[]; graph(): ConceptGraph }): string {
  return JSON.stringify({ concepts: source.concepts(), graph: source.graph() }, null, 2);
}
