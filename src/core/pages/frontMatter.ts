import { parseDocument } from 'yaml';
import { readSimpleFrontMatter } from './simpleFrontMatter';

/** What a note's front matter says about it as a page; keys it does not have are absent or empty. */
export interface FrontMatter {
  readonly type?: string;
  readonly title?: string;
  readonly tags: readonly string[];
  readonly aliases: readonly string[];
}

/** A front matter that could not be read, or was read only in part. */
export interface FrontMatterProblem {
  readonly code: 'front-matter-invalid' | 'front-matter-too-many-aliases';
  /** 0-based line in the note. */
  readonly line: number;
  readonly message: string;
}

/**
 * Most aliases one page gives its concept. Each alias is a phrase the term matcher looks for in every note;
 * a generated list of thousands would cost every hover, and no one writes that many by hand.
 */
export const MAX_ALIASES = 100;
/** YAML anchors may expand exponentially (a "billion laughs"); a page's front matter never needs many. */
const MAX_ALIAS_EXPANSIONS = 50;

const EMPTY: FrontMatter = { tags: [], aliases: [] };

/**
 * Reads the YAML between a note's `---` fences with the `yaml` package. Never throws: YAML that does not
 * parse, or is not a mapping, gives no facts and a problem naming the line; the rest of the note is read as
 * usual. `line` is the 0-based line of the YAML's first line in the note.
 */
export function readFrontMatter(yaml: string, line: number): { readonly facts: FrontMatter; readonly problem?: FrontMatterProblem } {
  const read = readYaml(yaml, line);
  if ('problem' in read) return { facts: EMPTY, problem: read.problem };
  const data = read.data;
  if (data === null || data === undefined) return { facts: EMPTY };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { facts: EMPTY, problem: invalid(line, 'the front matter is not a list of `key: value` lines') };
  }
  const record = data as Record<string, unknown>;
  const type = scalar(record.type);
  const title = scalar(record.title);
  const tags = listOf(record.tags, /[,\s]+/).map((tag) => tag.replace(/^#/, '')).filter((tag) => tag !== '');
  const allAliases = [...listOf(record.aliases, /,/), ...listOf(record.alias, /,/)];
  const aliases = allAliases.slice(0, MAX_ALIASES);
  const facts: FrontMatter = { ...(type ? { type } : {}), ...(title ? { title } : {}), tags, aliases };
  if (allAliases.length <= MAX_ALIASES) return { facts };
  return {
    facts,
    problem: {
      code: 'front-matter-too-many-aliases',
      line,
      message: `This page lists ${allAliases.length} aliases; only the first ${MAX_ALIASES} are used.`,
    },
  };
}

/** The YAML's value: from the plain-subset reader when it can, else from the `yaml` package (with its errors). */
function readYaml(yaml: string, line: number): { readonly data: unknown } | { readonly problem: FrontMatterProblem } {
  const simple = readSimpleFrontMatter(yaml);
  if (simple !== undefined) return { data: simple };
  try {
    const document = parseDocument(yaml, { prettyErrors: false, uniqueKeys: false });
    const [error] = document.errors;
    if (error) {
      // Without pretty errors the package gives offsets, not lines: count the line breaks before the first.
      const before = yaml.slice(0, error.pos[0]);
      const at = before.match(/\r\n|\r|\n/g)?.length ?? 0;
      return { problem: invalid(line + at, error.message.split('\n')[0] ?? 'invalid YAML') };
    }
    return { data: document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS }) };
  } catch (error) {
    return { problem: invalid(line, error instanceof Error ? error.message : String(error)) };
  }
}

function invalid(line: number, reason: string): FrontMatterProblem {
  return { code: 'front-matter-invalid', line, message: `The front matter is not valid YAML, so its title, aliases and tags are ignored: ${reason}` };
}

/** A string or number as trimmed text; anything else is absent. */
function scalar(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim() || undefined;
  return undefined;
}

/** A YAML list of scalars, or one string split by `separator` (Foam and older Obsidian write `aliases: a, b`). */
function listOf(value: unknown, separator: RegExp): string[] {
  const items = Array.isArray(value) ? value.map(scalar) : typeof value === 'string' ? value.split(separator) : [scalar(value)];
  return items.flatMap((item) => (item === undefined ? [] : [item.trim()])).filter((item) => item !== '');
}
