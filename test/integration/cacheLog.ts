import { strict as assert } from 'node:assert';

/** The one line a rejected analysis cache logs. */
export const REJECTED = /analysis cache was corrupted or of another version/;

/** The line each write of the analysis cache logs (not the one on deactivation). */
export const SAVED = /^info: Saved the analysis cache of \d+ notes \(/;

/** The numbers of the extension's `Indexed N notes …, K from the analysis cache` line. */
export function indexed(lines: readonly string[]): { notes: number; fromCache: number } {
  const match = lines.map((line) => /Indexed (\d+) notes .*?, (\d+) from the analysis cache/.exec(line)).find((m) => m !== null);
  assert.ok(match, `no index summary in:\n${lines.join('\n')}`);
  return { notes: Number(match[1]), fromCache: Number(match[2]) };
}
