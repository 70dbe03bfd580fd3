import * as vscode from 'vscode';
import { definingPlaces } from '../../core/concepts/definingPlaces';
import type { CourseIndex } from '../../core/index/courseIndex';
import type { WorkspaceNotes } from '../workspaceNotes';
import type { Concept, Definition, Heading, Position } from '../../core/model';
import { fileNameOf } from '../../core/util/fileName';
import { noteKey, toLocation, toVsPosition, toVsRange } from '../convert';

/** Most workspace symbols returned for one query, so the picker stays quick on a 30,000-term course. */
const MAX_WORKSPACE_SYMBOLS = 500;
/** Concepts asked of the typo-tolerant search per query. */
const SEARCH_LIMIT = 200;

/**
 * The concepts a note defines, for the Outline, breadcrumbs and Go to Symbol, in their own "Alignment Notes"
 * group. VS Code's markdown extension already lists every heading in its group, so this one reads as a
 * glossary: only the headings that directly hold definitions, flat, each with its concepts (a heading's detail
 * is the heading it sits under). A heading that itself defines a concept (`#### … (RLHF)`) is that concept's
 * symbol, and a concept defined in a bullet indented under its parent concept's sits under it.
 */
export class ConceptDocumentSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(
    private readonly index: CourseIndex,
    private readonly notes: WorkspaceNotes,
  ) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.ProviderResult<vscode.DocumentSymbol[]> {
    return this.notes.afterSync(document, () => this.#symbols(document));
  }

  #symbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    const note = noteKey(document);
    const headings = this.index.headingsOf(note);
    const definitions = this.index
      .concepts()
      .flatMap((concept) => definingPlaces(concept.definitions).filter((definition) => definition.note === note).map((definition) => ({ concept, definition })))
      .sort((a, b) => compare(a.definition.range.start, b.definition.range.start));
    const roots: vscode.DocumentSymbol[] = [];
    const sections = new Map<number, vscode.DocumentSymbol>();
    /** The latest symbol of each concept, so a definition nested in its bullet finds it. */
    const latest = new Map<string, { symbol: vscode.DocumentSymbol; section: number; column: number }>();
    const sectionRange = (at: number): vscode.Range => {
      const next = headings[at + 1];
      const end = next ? toVsPosition(next.range.start) : document.lineAt(document.lineCount - 1).range.end;
      return new vscode.Range(toVsPosition(headings[at]?.range.start ?? { line: 0, character: 0 }), end);
    };
    let section = -1;
    for (const { concept, definition } of definitions) {
      const { start } = definition.range;
      while (section + 1 < headings.length && compare(headings[section + 1]?.range.start ?? start, start) <= 0) section++;
      const heading = headings[section];
      if (definition.style === 'heading' && heading?.range.start.line === start.line && !sections.has(section)) {
        const symbol = conceptSymbol(document, concept, definition, sectionRange(section));
        sections.set(section, symbol);
        roots.push(symbol);
        latest.set(concept.id, { symbol, section, column: -1 });
        continue;
      }
      const symbol = conceptSymbol(document, concept, definition, toVsRange(definition.range));
      const parent = concept.parent === undefined ? undefined : latest.get(concept.parent);
      let container = parent && parent.section === section && parent.column < start.character ? parent.symbol : sections.get(section);
      if (!container && heading) {
        container = headingSymbol(document, heading, parentHeading(headings, section), sectionRange(section));
        sections.set(section, container);
        roots.push(container);
      }
      if (container) {
        container.children.push(symbol);
        container.range = container.range.union(symbol.range);
      } else roots.push(symbol);
      latest.set(concept.id, { symbol, section, column: start.character });
    }
    return roots;
  }
}

/**
 * Ctrl+T over concepts: typo-tolerant (`schemr` finds `Schemer`), one symbol per place a concept is defined,
 * named by the alias when an alias matched so the picker's own filter keeps it. An empty query lists concepts.
 */
export class ConceptWorkspaceSymbolProvider implements vscode.WorkspaceSymbolProvider {
  constructor(private readonly index: CourseIndex) {}

  provideWorkspaceSymbols(query: string): vscode.SymbolInformation[] {
    const matches =
      query.trim() === ''
        ? this.index.concepts().map((concept) => ({ concept, name: concept.term }))
        : this.index.search(query, SEARCH_LIMIT).map(({ concept, matched }) => ({ concept, name: matched === concept.term ? matched : `${concept.term} (${matched})` }));
    const symbols: vscode.SymbolInformation[] = [];
    for (const { concept, name } of matches) {
      for (const definition of definingPlaces(concept.definitions)) {
        if (symbols.length >= MAX_WORKSPACE_SYMBOLS) return symbols;
        symbols.push(new vscode.SymbolInformation(name, vscode.SymbolKind.Key, fileNameOf(definition.note), toLocation(definition.note, definition.termRange)));
      }
    }
    return symbols;
  }
}

function conceptSymbol(document: vscode.TextDocument, concept: Concept, definition: Definition, range: vscode.Range): vscode.DocumentSymbol {
  return symbolOf(document, concept.term, concept.aliases.join(', '), vscode.SymbolKind.Key, range, toVsRange(definition.termRange));
}

function headingSymbol(document: vscode.TextDocument, heading: Heading, parent: Heading | undefined, range: vscode.Range): vscode.DocumentSymbol {
  return symbolOf(document, heading.text, parent?.text ?? '', vscode.SymbolKind.String, range, toVsRange(heading.range));
}

/**
 * Ranges are clamped to the document, which may be a keystroke ahead of the index; VS Code rejects a symbol
 * whose selection lies outside its range or whose name is empty.
 */
function symbolOf(
  document: vscode.TextDocument,
  name: string,
  detail: string,
  kind: vscode.SymbolKind,
  range: vscode.Range,
  selection: vscode.Range,
): vscode.DocumentSymbol {
  const selectionRange = document.validateRange(selection);
  return new vscode.DocumentSymbol(name || ' ', detail, kind, document.validateRange(range).union(selectionRange), selectionRange);
}

/** The nearest heading above `at` with a smaller depth. */
function parentHeading(headings: readonly Heading[], at: number): Heading | undefined {
  const depth = headings[at]?.depth ?? 0;
  for (let i = at - 1; i >= 0; i--) if ((headings[i]?.depth ?? depth) < depth) return headings[i];
  return undefined;
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
