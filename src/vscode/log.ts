import * as vscode from 'vscode';

/** Lines kept for `LogRecord.since`: enough for a test to find what one index run said. */
const KEPT = 2_000;
const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error']);

/** The log's recent lines (`info: …`), for the integration tests: VS Code offers no way to read a channel back. */
export interface LogRecord {
  /** How many lines were logged so far. */
  count(): number;
  /** The lines logged after the first `count` (of those still kept). */
  since(count: number): string[];
}

/** The extension's log channel, "Alignment Notes" in the Output panel, and a record of its last lines. */
export function createLog(): { log: vscode.LogOutputChannel; record: LogRecord } {
  const channel = vscode.window.createOutputChannel('Alignment Notes', { log: true });
  const lines: string[] = [];
  let dropped = 0;
  const log = new Proxy(channel, {
    get(target, property): unknown {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      if (typeof property !== 'string' || !LEVELS.has(property)) return (...args: unknown[]): unknown => Reflect.apply(value, target, args);
      return (message: string | Error, ...args: unknown[]): void => {
        lines.push(`${property}: ${message instanceof Error ? message.message : message}`);
        if (lines.length > KEPT) dropped += lines.splice(0, lines.length - KEPT).length;
        Reflect.apply(value, target, [message, ...args]);
      };
    },
  });
  const record: LogRecord = { count: () => dropped + lines.length, since: (count) => lines.slice(Math.max(0, count - dropped)) };
  return { log, record };
}
