import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir` whose name passes `wanted`. */
function filesUnder(dir: string, wanted: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, wanted);
    return wanted(name) ? [path] : [];
  });
}

export interface LogLine {
  /** Milliseconds on the log's clock (local time, millisecond resolution). */
  readonly at: number;
  readonly text: string;
}

/** `2026-11-29 15:55:01.769 [info] text` → the time and the text. */
function parseLine(line: string): LogLine | undefined {
  const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) \[\w+\] (.*)$/.exec(line);
  if (!match) return undefined;
  return { at: Date.parse(`${match[1]}T${match[2]}`), text: match[3] ?? '' };
}

/** The lines of the logs under a profile's user data whose file name passes `wanted`. */
export function logLines(profileDir: string, wanted: (name: string) => boolean): LogLine[] {
  return filesUnder(join(profileDir, 'user-data', 'logs'), wanted).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line) => parseLine(line) ?? []),
  );
}

/** Polls until `find` returns something, or `timeoutMs` passes. */
export async function waitForLog<T>(find: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
