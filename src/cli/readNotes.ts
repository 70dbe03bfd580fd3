import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ReadNote {
  readonly path: string;
  readonly uri: string;
  readonly text?: string;
  readonly error?: string;
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.vscode-test']);

/** Every `.md` file under `folder`, read as UTF-8. Symbolic links are not followed, so loops cannot trap the walk. */
export function readNotes(folder: string): ReadNote[] {
  const notes: ReadNote[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (error) {
      notes.push({ path: dir, uri: pathToFileURL(dir).href, error: error instanceof Error ? error.message : String(error) });
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (!stat || stat.isSymbolicLink()) continue;
      if (stat.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(name)) walk(path);
      } else if (stat.isFile() && /\.(md|markdown)$/i.test(name)) {
        try {
          notes.push({ path, uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') });
        } catch (error) {
          notes.push({ path, uri: pathToFileURL(path).href, error: error instanceof Error ? error.message : String(error) });
        }
      }
    }
  };
  walk(folder);
  return notes;
}
