import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const SAMPLE_COURSE = join(__dirname, '..', '..', '..', 'samples', 'alignment-course');
/** The Obsidian-style sample vault, and the smaller Foam-style fixture vault. */
export const SAMPLE_VAULT = join(__dirname, '..', '..', '..', 'samples', 'alignment-vault');
export const FOAM_VAULT = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'foam-vault');

/** The repository's sample course as `[uri, text]` pairs, in path order. */
export function sampleNotes(root = SAMPLE_COURSE): [string, string][] {
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : path.endsWith('.md') ? [path] : [];
      });
  return walk(root).map((path) => [pathToFileURL(path).href, readFileSync(path, 'utf8')]);
}

/** The URI of a sample note by its path inside the course folder. */
export function sampleUri(path: string): string {
  return pathToFileURL(join(SAMPLE_COURSE, path)).href;
}

export function sampleRelative(uri: string): string {
  return relative(SAMPLE_COURSE, fileURLToPath(uri));
}

/** Splits text at a `$$CURSOR$$` marker into the text and the cursor's 0-based position. */
export function withCursor(marked: string): { text: string; position: { line: number; character: number } } {
  const at = marked.indexOf('$$CURSOR$$');
  if (at < 0) throw new Error('no $$CURSOR$$ marker');
  const before = marked.slice(0, at).split('\n');
  return {
    text: marked.replace('$$CURSOR$$', ''),
    position: { line: before.length - 1, character: before.at(-1)?.length ?? 0 },
  };
}
