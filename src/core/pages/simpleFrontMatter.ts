/**
 * A reader for the plain subset of YAML that front matter is mostly written in, for speed: the `yaml`
 * package takes a few hundred microseconds per front matter, which is most of the time a vault page costs.
 * The subset: `key: value` lines with a plain or simply quoted string or a decimal integer, `key: [a, b]` flow lists of such
 * strings, and `key:` followed by `- item` lines; blank lines and whole-line comments. For text inside the
 * subset it gives what `parseDocument(text).toJS()` gives; for anything else (other numbers, booleans, nulls,
 * nesting, anchors, escapes, comments after values, repeated keys) it returns `undefined` and the caller
 * asks the `yaml` package. The unit tests hold it to the package on real shapes and random inputs.
 */

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
const ITEM_LINE = /^( *)- +(.*)$/;
/** What a plain scalar may not start with: YAML's indicators. */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
/**
 * Plain text that YAML 1.2's core schema (the package's default) reads as a number, a boolean or null rather
 * than a string. Dates (`2025-01-18`) stay strings in that schema.
 */
const NOT_A_STRING =
  /^(?:[-+]?(?:[0-9]+|\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|true|True|TRUE|false|False|FALSE|null|Null|NULL|~)$/;

/** A decimal integer that a double holds exactly (`year: 2021`), which YAML reads as a number. */
const INTEGER = /^[-+]?[0-9]{1,15}$/;

/** The subset's reading of `text`, or undefined when it is outside the subset. */
export function readSimpleFrontMatter(text: string): Record<string, unknown> | undefined {
  // Tabs, escapes, and spaces YAML does not trim but JavaScript's `trim` would: the package's business.
  if (/[\r\t\\\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/.test(text)) return undefined;
  const data: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  let list: string[] | undefined;
  let listIndent = -1;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || /^#/.test(line)) continue;
    const item = ITEM_LINE.exec(line);
    if (item && list) {
      const indent = item[1]?.length ?? 0;
      if (listIndent >= 0 && indent !== listIndent) return undefined;
      listIndent = indent;
      const value = scalar(item[2] ?? '');
      if (value === undefined) return undefined;
      list.push(value);
      continue;
    }
    const entry = KEY_LINE.exec(line);
    if (!entry) return undefined;
    const key = entry[1] ?? '';
    if (key in data || key === '__proto__' || NOT_A_STRING.test(key)) return undefined;
    const raw = entry[2];
    list = undefined;
    listIndent = -1;
    if (raw === undefined || raw.trim() === '') {
      // `key:` then `- item` lines; a key with nothing after it and no items is null: the package's business.
      list = [];
      data[key] = list;
      continue;
    }
    const value = raw.startsWith('[') ? flowList(raw) : INTEGER.test(raw) ? Number(raw) : scalar(raw);
    if (value === undefined) return undefined;
    data[key] = value;
  }
  const values = Object.values(data);
  // No keys is null to YAML, and a `key:` without items is null too: the package's answers.
  if (values.length === 0 || values.some((value) => Array.isArray(value) && value.length === 0)) return undefined;
  return { ...data };
}

/** `[a, b, "c d"]` on one line, of strings; undefined for anything else. */
function flowList(raw: string): string[] | undefined {
  const text = raw.trimEnd();
  if (!text.endsWith(']') || /[[\]{}]/.test(text.slice(1, -1))) return undefined;
  const inside = text.slice(1, -1);
  if (inside.trim() === '') return [];
  const items: string[] = [];
  for (const part of inside.split(',')) {
    const value = scalar(part.trim(), true);
    if (value === undefined) return undefined;
    items.push(value);
  }
  return items;
}

/** A plain, double- or single-quoted string as YAML reads it; undefined when YAML would read something else. */
function scalar(raw: string, inFlow = false): string | undefined {
  const text = raw.trim();
  if (text === '' || text !== raw.trimStart()) return undefined;
  const quote = text.charAt(0);
  if (quote === '"' || quote === "'") {
    const inner = text.slice(1, -1);
    if (text.length < 2 || text.charAt(text.length - 1) !== quote || inner.includes(quote)) return undefined;
    return inner;
  }
  if (INDICATOR_START.test(text) || NOT_A_STRING.test(text)) return undefined;
  if (/: |:$| #/.test(text) || (inFlow && /[,[\]{}]/.test(text))) return undefined;
  return text;
}
