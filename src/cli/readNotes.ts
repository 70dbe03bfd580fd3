import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isAttachment } from '../core/links/attachments';

export interface ReadNote {
  readonly path: string;
  readonly uri: string;
  readonly text?: string;
  readonly error?: string;
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.vscode-test']);
/** How many characters are checked for NUL bytes. */
const BINARY_PROBE = 8_000;

/** What a folder holds for the index: its notes and the attachments links may lead to. */
export interface ReadFolder {
  readonly notes: ReadNote[];
  /** URIs of the images, PDFs and other files of `ATTACHMENT_EXTENSIONS`. */
  readonly files: string[];
}

/**
 * Every `.md` file under `folder`, read as UTF-8, and the attachments' URIs. Symbolic links are not followed,
 * so loops cannot trap the walk.
 */
export function readFolder(folder: string): ReadFolder {
  const notes: ReadNote[] = [];
  const files: string[] = [];
  const walk = (dir: string): void => {
    let entries: Dirent[];
    try {
      // The entries' types come with the listing: no lstat per file (10,000 fewer calls for 10,000 notes).
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      notes.push({ path: dir, uri: pathToFileURL(dir).href, error: error instanceof Error ? error.message : String(error) });
      return;
    }
    for (const entry of entries) {
      const name = entry.name;
      const path = join(dir, name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(name)) walk(path);
      } else if (entry.isFile() && /\.(md|markdown)$/i.test(name)) {
        try {
          const text = readFileSync(path, 'utf8');
          // A NUL byte near the start means a binary file that merely ends in .md.
          if (text.slice(0, BINARY_PROBE).includes('\u0000')) notes.push({ path, uri: pathToFileURL(path).href, error: 'it is a binary file, not text' });
          else notes.push({ path, uri: pathToFileURL(path).href, text });
        } catch (error) {
          notes.push({ path, uri: pathToFileURL(path).href, error: error instanceof Error ? error.message : String(error) });
        }
      } else if (entry.isFile() && isAttachment(name)) {
        files.push(pathToFileURL(path).href);
      }
    }
  };
  walk(folder);
  return { notes, files };
}
