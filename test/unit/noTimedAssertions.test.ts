import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT as root, sourceFiles } from './helpers/sourceFiles';

/** `performance.now() - started`, `Date.now() - t0`: a duration, as opposed to a deadline (`Date.now() + 5_000`). */
const DURATION = String.raw`(?:performance|Date)\.now\(\)\s*-\s*[\w.]+`;

/**
 * The lines of a test source that assert on a wall-clock duration: an `assert`/`expect` line that compares with
 * `<`, `<=`, `>` or `>=` a `performance.now()`/`Date.now()` difference, or a variable of the file assigned one
 * or the result of a function of the file that returns one. A deadline (`Date.now() + ms`, `Date.now() >
 * deadline`) is no duration, and a duration only recorded (`metrics[x] = Date.now() - started`) is not asserted on.
 */
export function timedAssertions(source: string): string[] {
  // Functions that return a duration, by the name they are declared with.
  const timers = [...source.matchAll(new RegExp(String.raw`return\s+${DURATION}`, 'g'))].flatMap((match) => {
    const declarations = [...source.slice(0, match.index).matchAll(/\bfunction\s+(\w+)|\b(\w+)\s*=\s*(?:function\b|\([^()]*\)[^=;\n]*=>)/g)];
    const declared = declarations.at(-1);
    return declared ? [declared[1] ?? declared[2] ?? ''] : [];
  });
  const measured = [DURATION, ...timers.map((name) => String.raw`\b${name}\(`)].join('|');
  const names = [...source.matchAll(new RegExp(String.raw`\b(\w+)\s*(?<![!<>=])=(?![=>])[^;\n]*(?:${measured})`, 'g'))].map((match) => match[1] ?? '');
  const duration = [DURATION, ...names.map((name) => String.raw`\b${name}\b`)].join('|');
  const compared = new RegExp(String.raw`(?:${duration})\s*[<>]=?|(?<![=<>-])[<>]=?\s*(?:${duration})|expect\(\s*(?:${duration})`);
  return source
    .split('\n')
    .filter((line) => /\b(?:assert|expect)\b/.test(line) && compared.test(line))
    .map((line) => line.trim());
}

describe('no test asserts a time', () => {
  it('finds a duration compared in an assertion, directly or through a variable, and leaves deadlines and recorded figures alone', () => {
    const timed = [
      'const started = performance.now();',
      'assert.ok(performance.now() - started < 2500);',
      'assert.ok(Date.now() - started < 3_000, `${Date.now() - started} ms`);',
      'const took = performance.now() - started;',
      'assert.ok(took < ms, `${what} took ${Math.round(took)} ms`);',
      '  best = Math.min(best, performance.now() - started);',
      'assert.ok(tree && best < budget);',
      'expect(Date.now() - started).toBeLessThan(100);',
      'function timeLinks(resolver: LinkResolver): number {',
      '  const started = performance.now();',
      '  return performance.now() - started;',
      '}',
      'const first = timeLinks(large);',
      'assert.ok(first < 2000, `${first} ms`);',
    ].join('\n');
    assert.deepEqual(timedAssertions(timed), [
      'assert.ok(performance.now() - started < 2500);',
      'assert.ok(Date.now() - started < 3_000, `${Date.now() - started} ms`);',
      'assert.ok(took < ms, `${what} took ${Math.round(took)} ms`);',
      'assert.ok(tree && best < budget);',
      'expect(Date.now() - started).toBeLessThan(100);',
      'assert.ok(first < 2000, `${first} ms`);',
    ]);
    const untimed = [
      'const deadline = Date.now() + timeoutMs;',
      'if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);',
      'while (vscode.languages.getDiagnostics(uri).length === 0 && Date.now() < deadline) await sleep(100);',
      "metrics['first hover ms'] = Date.now() - started;",
      'assert.ok(copies >= 1 && copies <= 20, `${copies} notes`);',
      'assert.ok(reads <= 2 * text.length, `${reads} characters read`);',
      'const found = list.filter((entry) => entry.at < Date.now());',
      'if (index.length === 0 && Date.now() - started > 5) return;',
      'assert.ok(index.length < 10);',
      'return { type: vscode.FileType.File, ctime: 0, mtime: Date.now(), size: file.byteLength };',
    ].join('\n');
    assert.deepEqual(timedAssertions(untimed), []);
  });

  it('no unit or integration test compares a wall-clock duration: performance is measured by the benchmark (bench/)', () => {
    // This file is left out: its examples above are what the check looks for.
    const files = ['test/unit', 'test/integration'].flatMap((folder) => sourceFiles(join(root, folder))).filter((file) => !file.endsWith('noTimedAssertions.test.ts'));
    assert.ok(files.length > 50, `only ${files.length} test sources found`);
    const offending = files.flatMap((file) => timedAssertions(readFileSync(file, 'utf8')).map((line) => `${relative(root, file)}: ${line}`));
    assert.deepEqual(offending, []);
  });
});
