import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root: each test is bundled with its helpers into out/test/unit, where `__dirname` points. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Every TypeScript file under `dir`, for the tests that read the project's own sources. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}
