import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where a file is, as VS Code's `Uri` says it: only a `file:` URI is on this machine's disk. */
export interface FileLocation {
  readonly scheme: string;
  readonly fsPath: string;
}

/**
 * Writes a file synchronously through a temporary file beside it (`<name>.<random>.tmp`) renamed over it, so a
 * crash leaves the old file or the new one, never half of one. Returns false, writing nothing, for a file that
 * is not on disk; throws what the file system throws, after deleting the temporary file. For the cache's save
 * on deactivation, when VS Code no longer answers `workspace.fs`.
 */
export function writeFileNow(file: FileLocation, bytes: Uint8Array): boolean {
  if (file.scheme !== 'file') return false;
  const temp = `${file.fsPath}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`;
  try {
    mkdirSync(dirname(file.fsPath), { recursive: true });
    writeFileSync(temp, bytes);
    renameSync(temp, file.fsPath);
    return true;
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
