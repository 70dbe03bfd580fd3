import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type IOnigLib } from 'vscode-textmate';
import { analyseNote } from '../../src/core/notes/analyseNote';
import { SAMPLE_COURSE } from './helpers/sampleCourse';

// The TextMate injection grammar, tokenized the way VS Code does it: vscode-textmate + vscode-oniguruma, with
// VS Code 1.100.3's Markdown grammar vendored in test/fixtures/grammar (see its README), so no VS Code is needed.

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'grammar');
const MARKDOWN = 'text.html.markdown';
const INJECTION = 'alignment-notes.markdown.injection';

const TERM = 'entity.name.type.definition.term.alignment-notes';
const SUB_TERM = 'entity.name.type.definition.term.sub.alignment-notes';
const DEFINITION = 'meta.definition.alignment-notes';
const BOLD = 'markup.bold.definition.alignment-notes';
const ITALIC = 'markup.italic.definition.alignment-notes';
const COLON = 'punctuation.separator.definition.alignment-notes';
const ALIAS = 'variable.other.alias.alignment-notes';
const ALIAS_SEPARATOR = 'punctuation.separator.alias.alignment-notes';
const CITATION = 'meta.link.inline.citation.alignment-notes';
const LABEL = 'string.other.link.title.citation.label.alignment-notes';
const CITATION_URL = 'markup.underline.link.citation.alignment-notes';

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly scopes: readonly string[];
}

interface TokenizedLine {
  readonly text: string;
  readonly tokens: readonly Token[];
}

type Tokenized = readonly TokenizedLine[];

/** The injection's path as package.json contributes it. */
function contributedInjectionPath(): string {
  const manifest: unknown = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const grammars = isRecord(manifest) && isRecord(manifest.contributes) ? manifest.contributes.grammars : undefined;
  const entry = Array.isArray(grammars) ? grammars.find((g: unknown) => isRecord(g) && g.scopeName === INJECTION) : undefined;
  if (!isRecord(entry) || typeof entry.path !== 'string') throw new Error(`package.json contributes no grammar ${INJECTION}`);
  return join(ROOT, entry.path);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

let onigLib: Promise<IOnigLib> | undefined;

/** vscode-oniguruma's WASM, loaded once from node_modules. */
function oniguruma(): Promise<IOnigLib> {
  onigLib ??= loadWASM(readFileSync(join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'))).then(() => ({
    createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
    createOnigString: (text: string) => new OnigString(text),
  }));
  return onigLib;
}

/** The Markdown grammar, with our injection registered for it the way VS Code's `injectTo` does, or without. */
async function loadMarkdown(withInjection: boolean): Promise<IGrammar> {
  const files: Record<string, string> = {
    [MARKDOWN]: join(FIXTURES, 'markdown.tmLanguage.json'),
    [INJECTION]: contributedInjectionPath(),
  };
  const registry = new Registry({
    onigLib: oniguruma(),
    // Grammars the Markdown grammar embeds (CSS, YAML, ...) are not loaded: their blocks stay untokenized.
    loadGrammar: async (scopeName) => {
      const path = files[scopeName];
      return path === undefined ? null : parseRawGrammar(readFileSync(path, 'utf8'), path);
    },
    getInjections: (scopeName) => (withInjection && scopeName === MARKDOWN ? [INJECTION] : undefined),
  });
  const grammar = await registry.loadGrammar(MARKDOWN);
  if (!grammar) throw new Error('the Markdown grammar did not load');
  return grammar;
}

function tokenize(grammar: IGrammar, source: string): Tokenized {
  let state = INITIAL;
  return source.split(/\r?\n/).map((text) => {
    const result = grammar.tokenizeLine(text, state);
    state = result.ruleStack;
    const tokens = result.tokens.map((t) => ({
      text: text.slice(t.startIndex, t.endIndex),
      start: t.startIndex,
      end: t.endIndex,
      scopes: t.scopes,
    }));
    return { text, tokens };
  });
}

function describeLine(row: TokenizedLine): string {
  return row.tokens.map((t) => `  ${JSON.stringify(t.text)}: ${t.scopes.join(' ')}`).join('\n');
}

/**
 * The scopes of the token covering the first occurrence of `text` on a line (0-based), or its first occurrence
 * after the first `after`; throws if several tokens share it, so a split token fails loudly.
 */
function scopesAt(lines: Tokenized, line: number, text: string, after?: string): readonly string[] {
  const row = lines[line];
  if (!row) throw new Error(`no line ${line}`);
  const from = after === undefined ? 0 : row.text.indexOf(after);
  if (from < 0) throw new Error(`${JSON.stringify(after)} is not on line ${line}: ${row.text}`);
  const at = row.text.indexOf(text, after === undefined ? 0 : from + after.length);
  if (at < 0) throw new Error(`${JSON.stringify(text)} is not on line ${line}: ${row.text}`);
  const token = row.tokens.find((t) => t.start <= at && at < t.end);
  if (!token || at + text.length > token.end) {
    throw new Error(`${JSON.stringify(text)} is not one token on line ${line}:\n${describeLine(row)}`);
  }
  return token.scopes;
}

/** The 0-based number of the first line containing `needle`, so that fixtures can change without renumbering tests. */
function lineOf(lines: Tokenized, needle: string): number {
  const line = lines.findIndex((row) => row.text.includes(needle));
  if (line < 0) throw new Error(`no line contains ${JSON.stringify(needle)}`);
  return line;
}

/** Our scopes only: every scope the injection gives ends in `.alignment-notes`. */
function ours(scopes: readonly string[]): string[] {
  return scopes.filter((scope) => scope.endsWith('.alignment-notes'));
}

function assertScope(scopes: readonly string[], expected: string, what: string): void {
  // Not `what: expected ...`: mocha would cut such a message down to `what`.
  assert.ok(scopes.includes(expected), `${what} lacks ${expected}; its scopes are\n  ${scopes.join('\n  ')}`);
}

/** `scopesAt` on the first line containing `needle`. */
function scopesOn(lines: Tokenized, needle: string, text: string): readonly string[] {
  return scopesAt(lines, lineOf(lines, needle), text);
}

/** Every run of adjacent tokens scoped as a term or sub-term, with its line and start. */
function termRuns(lines: Tokenized): { line: number; character: number; text: string; scope: string }[] {
  const runs: { line: number; character: number; text: string; scope: string }[] = [];
  lines.forEach((row, line) => {
    let previous: { end: number; index: number } | undefined;
    for (const token of row.tokens) {
      const scope = token.scopes.find((s) => s === TERM || s === SUB_TERM);
      if (!scope) {
        previous = undefined;
        continue;
      }
      const last = previous ? runs[previous.index] : undefined;
      if (last && previous?.end === token.start) last.text += token.text;
      else runs.push({ line, character: token.start, text: token.text, scope });
      previous = { end: token.end, index: runs.length - 1 };
    }
  });
  return runs;
}

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

describe('TextMate injection grammar (syntaxes/alignment-notes.injection.tmLanguage.json)', function () {
  this.timeout(20_000);

  let markdown: IGrammar;
  let definitions: Tokenized;
  let citations: Tokenized;
  let negatives: Tokenized;

  before(async () => {
    markdown = await loadMarkdown(true);
    definitions = tokenize(markdown, fixture('definitions.md'));
    citations = tokenize(markdown, fixture('citations.md'));
    negatives = tokenize(markdown, fixture('not-definitions.md'));
  });

  describe('the grammar file', () => {
    const raw = (): Record<string, unknown> => {
      const parsed: unknown = JSON.parse(readFileSync(contributedInjectionPath(), 'utf8'));
      assert.ok(isRecord(parsed));
      return parsed;
    };

    it('is the injection package.json contributes, left-priority, into Markdown and out of code', () => {
      const grammar = raw();
      assert.equal(grammar.scopeName, INJECTION);
      const selector = String(grammar.injectionSelector);
      assert.match(selector, /^L:text\.html\.markdown\b/);
      for (const code of ['markup.fenced_code', 'markup.raw', 'markup.inline.raw']) {
        assert.match(selector, new RegExp(`- \\(.*\\b${code.replace(/\./g, '\\.')}\\b.*\\)$`), `${code} is excluded`);
      }
    });

    it('gives every pattern a comment and ends every scope with .alignment-notes', () => {
      const problems: string[] = [];
      const visit = (value: unknown, path: string, isPattern: boolean): void => {
        if (Array.isArray(value)) {
          value.forEach((item, i) => visit(item, `${path}[${i}]`, isPattern));
          return;
        }
        if (!isRecord(value)) return;
        if (isPattern && typeof value.comment !== 'string') problems.push(`${path} has no comment`);
        // The top-level `name` is the grammar's display name; everywhere else `name` and `contentName` are scopes.
        for (const key of path === '$' ? ['contentName'] : ['name', 'contentName']) {
          const scope = value[key];
          if (typeof scope !== 'string') continue;
          for (const part of scope.split(/\s+/)) {
            if (!part.endsWith('.alignment-notes')) problems.push(`${path}.${key} ${part} does not end in .alignment-notes`);
          }
        }
        for (const [key, child] of Object.entries(value)) {
          if (key === 'name' || key === 'contentName') continue;
          if (key === 'patterns') visit(child, `${path}.patterns`, true);
          else if (key === 'repository' && isRecord(child)) {
            for (const [rule, body] of Object.entries(child)) visit(body, `${path}.repository.${rule}`, true);
          } else visit(child, `${path}.${key}`, false);
        }
      };
      visit(raw(), '$', false);
      assert.deepEqual(problems, []);
    });
  });

  describe('definition terms', () => {
    it('scopes a bold term followed by a colon: `* **Alignment**: ...`', () => {
      const line = lineOf(definitions, '**Alignment**');
      assertScope(scopesAt(definitions, line, 'Alignment'), TERM, 'term');
      assertScope(scopesAt(definitions, line, 'Alignment'), DEFINITION, 'term');
      assertScope(scopesAt(definitions, line, '**'), BOLD, 'bold markers');
      assertScope(scopesAt(definitions, line, ':'), COLON, 'colon');
      assert.deepEqual(ours(scopesAt(definitions, line, 'making an AI system')), [], 'the definition text is plain markdown');
    });

    it('scopes the term and its alias: `* **Inner misalignment** (goal misgeneralisation): ...`', () => {
      const line = lineOf(definitions, '**Inner misalignment**');
      assertScope(scopesAt(definitions, line, 'Inner misalignment'), TERM, 'term');
      assertScope(scopesAt(definitions, line, 'goal misgeneralisation'), ALIAS, 'alias');
      assert.ok(!scopesAt(definitions, line, 'goal misgeneralisation').includes(TERM), 'the alias is not the term');
    });

    it('scopes each of several aliases and the separators between them', () => {
      const line = lineOf(definitions, '**Reward model**');
      assertScope(scopesAt(definitions, line, 'preference model'), ALIAS, 'alias');
      assertScope(scopesAt(definitions, line, ';'), ALIAS_SEPARATOR, 'separator');
      assertScope(scopesAt(definitions, line, ' RM '), ALIAS, 'alias');
      assertScope(scopesAt(definitions, line, 'or'), ALIAS_SEPARATOR, 'separator');
      assertScope(scopesAt(definitions, line, 'scorer'), ALIAS, 'alias');
    });

    it('scopes a term whose citation comes before the colon: `- **Debate** [[Unit 3]](...): ...`', () => {
      const line = lineOf(definitions, '**Debate**');
      assertScope(scopesAt(definitions, line, 'Debate'), TERM, 'term');
      assertScope(scopesAt(definitions, line, 'Unit 3'), LABEL, 'citation label');
      assertScope(scopesAt(definitions, line, 'https://github.com/'), CITATION_URL, 'citation URL');
      assertScope(scopesAt(definitions, line, ')', 'https://'), DEFINITION, 'the citation belongs to the definition');
      assertScope(scopesAt(definitions, line, ':', ')'), COLON, 'colon after the citation');
      assert.deepEqual(ours(scopesAt(definitions, line, 'two AI systems')), [], 'the definition text is plain markdown');

      const both = lineOf(definitions, '**Constitutional AI**');
      assertScope(scopesAt(definitions, both, 'Constitutional AI'), TERM, 'term');
      assertScope(scopesAt(definitions, both, 'CAI'), ALIAS, 'alias');
      assertScope(scopesAt(definitions, both, 'Unit 2'), LABEL, 'citation label');
    });

    it('scopes a term whose colon is inside the bold: `* **Saint:** ...`', () => {
      const line = lineOf(definitions, '**Saint:**');
      assertScope(scopesAt(definitions, line, 'Saint'), TERM, 'term');
      assert.ok(!scopesAt(definitions, line, ':').includes(TERM), 'the colon is not part of the term');
      assertScope(scopesAt(definitions, line, ':'), COLON, 'colon');
      assertScope(scopesAt(definitions, lineOf(definitions, '**Sycophant**'), 'Sycophant'), TERM, 'nested bold term');
    });

    it('scopes the term of `* **Features** are ...` and leaves the sentence to markdown', () => {
      const line = lineOf(definitions, '**Features**');
      assertScope(scopesAt(definitions, line, 'Features'), TERM, 'term');
      assert.deepEqual(ours(scopesAt(definitions, line, ' are the properties')), []);
    });

    it('scopes italic sub-terms at the start of a nested bullet, colon inside or after', () => {
      const inside = lineOf(definitions, '*Feature visualisation:*');
      assertScope(scopesAt(definitions, inside, 'Feature visualisation'), SUB_TERM, 'sub-term');
      assertScope(scopesAt(definitions, inside, 'Feature visualisation'), DEFINITION, 'sub-term');
      assertScope(scopesAt(definitions, inside, ':'), COLON, 'colon');
      const after = lineOf(definitions, '*Dataset examples*');
      assertScope(scopesAt(definitions, after, 'Dataset examples'), SUB_TERM, 'sub-term');
      const aliased = lineOf(definitions, '*Joint tuning*');
      assertScope(scopesAt(definitions, aliased, '*'), ITALIC, 'italic markers');
      assertScope(scopesAt(definitions, aliased, 'Joint tuning'), SUB_TERM, 'sub-term');
      assertScope(scopesAt(definitions, aliased, 'rotation sweep'), ALIAS, 'alias');
    });

    it('works in ordered lists, with __bold__, with extra spaces after the marker and in block quotes', () => {
      assertScope(scopesOn(definitions, '__Scalable oversight__', 'Scalable oversight'), TERM, 'ordered list, __bold__');
      assertScope(scopesOn(definitions, '**Weak-to-strong', 'Weak-to-strong generalisation'), TERM, '`2.   **Term**`');
      assertScope(scopesOn(definitions, '> * **Trusted', 'Trusted monitoring'), TERM, 'block quote');
    });

    it('keeps the markdown grammar scopes in the definition text after the colon', () => {
      assertScope(scopesOn(definitions, '**Constitutional AI**', 'self-critique'), 'markup.inline.raw.string.markdown', 'inline code');
      assertScope(scopesOn(definitions, '**Sycophant**', 'approval'), 'markup.italic.markdown', 'italics');
    });

    it('scopes exactly the bold and italic terms the note parser finds, where it finds them', () => {
      const notes: [string, string][] = [
        ['definitions.md', fixture('definitions.md')],
        ['not-definitions.md', fixture('not-definitions.md')],
        ['Course summary.md', readFileSync(join(SAMPLE_COURSE, 'Course summary.md'), 'utf8')],
      ];
      for (const [name, source] of notes) {
        const expected = analyseNote(source)
          .definitions.filter((d) => d.style === 'bold' || d.style === 'italic')
          .map((d) => ({ line: d.termRange.start.line, character: d.termRange.start.character, text: d.term, scope: d.style === 'bold' ? TERM : SUB_TERM }));
        assert.deepEqual(termRuns(tokenize(markdown, source)), expected, name);
      }
    });
  });

  describe('citations', () => {
    it('scopes the label of `[[Unit 1]](url)` and keeps the URL a link', () => {
      const line = lineOf(definitions, '**Alignment**');
      assertScope(scopesAt(definitions, line, 'Unit 1'), LABEL, 'label');
      assertScope(scopesAt(definitions, line, 'Unit 1'), CITATION, 'label');
      assertScope(scopesAt(definitions, line, 'https://github.com/'), CITATION_URL, 'URL');
      assert.ok(scopesAt(definitions, line, 'https://github.com/').some((s) => s.startsWith('markup.underline.link.')), 'URL');
      assert.ok(!scopesAt(definitions, line, 'Unit 1').includes(TERM), 'a citation is not a term');
    });

    it('scopes citations in paragraphs, headings and tables, with <url> and "title"', () => {
      assertScope(scopesOn(citations, "RLHF's biggest", 'Unit 2'), LABEL, 'paragraph');
      assertScope(scopesOn(citations, '# Reading list', 'Unit 4'), LABEL, 'heading');
      assertScope(scopesOn(citations, '| Sparse autoencoders', 'Unit 4'), LABEL, 'table');
      const angle = lineOf(citations, '(<units/Unit 3');
      assertScope(scopesAt(citations, angle, 'Unit 3'), LABEL, 'label');
      assertScope(scopesAt(citations, angle, 'units/Unit 3 - Using'), CITATION_URL, '<url>');
      assertScope(scopesAt(citations, angle, '"Unit 3, open questions"'), CITATION, 'title');
    });

    it('leaves ordinary links to the markdown grammar', () => {
      const line = lineOf(citations, '[Anthropic paper]');
      assert.deepEqual(ours(scopesAt(citations, line, 'Anthropic paper')), []);
      assertScope(scopesAt(citations, line, 'Anthropic paper'), 'string.other.link.title.markdown', 'link text');
    });
  });

  describe('what is neither a definition nor a citation', () => {
    it('gives a `**NotAConcept**: x` line inside ``` fences none of our scopes', () => {
      for (const [needle, text] of [
        ['**NotAConcept**', 'NotAConcept'],
        ['**NotAConcept**', 'Unit 1'],
        ['**AlsoNotAConcept**', 'AlsoNotAConcept'],
        ['**AlsoNotAConcept**', 'ANC'],
        ['**AlsoNotAConcept**', 'Unit 2'],
        ['*NotASubTerm*', 'NotASubTerm'],
      ] as const) {
        const scopes = scopesOn(negatives, needle, text);
        assert.deepEqual(ours(scopes), [], `${text} in ${needle}`);
        assertScope(scopes, 'markup.fenced_code.block.markdown', `${text} in ${needle}`);
      }
    });

    it('gives `* **InlineNotAConcept**: text [[Unit 3]](u3.md)` inside inline code none of our scopes', () => {
      const scopes = scopesOn(negatives, 'InlineNotAConcept', 'InlineNotAConcept');
      assert.deepEqual(ours(scopes), []);
      assertScope(scopes, 'markup.inline.raw.string.markdown', 'inline code');
      assert.deepEqual(ours(scopesOn(negatives, 'InlineNotAConcept', 'Unit 3')), []);
    });

    it('leaves bold text mid-sentence to markdown: `Given **good** training`', () => {
      const scopes = scopesOn(negatives, 'Given **good**', 'good');
      assert.deepEqual(ours(scopes), []);
      assertScope(scopes, 'markup.bold.markdown', 'bold');
      assert.deepEqual(ours(scopesOn(negatives, '**Strong**-looking', 'Strong')), []);
      assert.deepEqual(ours(scopesOn(negatives, 'archetypes - **Saint**', 'Saint')), [], 'a dash mid-line is not a bullet');
    });

    it('leaves bold without a colon, top-level italics, bold paragraph openers and indented code alone', () => {
      assert.deepEqual(ours(scopesOn(negatives, '**Open question**', 'Open question')), [], 'no colon, no is/are');
      assert.deepEqual(ours(scopesOn(negatives, '*Top-level italics*', 'Top-level italics')), [], 'italic, not nested');
      assert.deepEqual(ours(scopesOn(negatives, '**Bold paragraph opener**', 'Bold paragraph opener')), [], 'not a list');
      assert.deepEqual(ours(scopesOn(negatives, '**IndentedCode**', '**IndentedCode**')), [], 'indented code');
    });

    it('gives nothing in the whole negatives fixture any of our scopes', () => {
      const found = negatives.flatMap((row) => row.tokens.filter((t) => ours(t.scopes).length > 0).map((t) => t.text));
      assert.deepEqual(found, []);
    });
  });

  describe('without the injection (control)', () => {
    it('the Markdown grammar alone gives none of these scopes, so the assertions above test the injection', async () => {
      const plain = tokenize(await loadMarkdown(false), fixture('definitions.md'));
      const line = lineOf(plain, '**Inner misalignment**');
      assert.ok(!scopesAt(plain, line, 'Inner misalignment').includes(TERM));
      assertScope(scopesAt(plain, line, 'Inner misalignment'), 'markup.bold.markdown', 'plain bold');
      const found = plain.flatMap((row) => row.tokens.filter((t) => ours(t.scopes).length > 0));
      assert.deepEqual(found, []);
    });
  });
});
