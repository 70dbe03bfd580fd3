import type { CancellationToken } from 'vscode';

/** What a question may have to rebuild first: `CourseIndex.rebuildPending` and `rebuildStep` (through `WorkspaceNotes`). */
export interface Rebuild {
  readonly rebuildPending: boolean;
  rebuildStep(): boolean;
}

/**
 * Answers a question unless VS Code has cancelled it. When the answer would first rebuild what depends on every
 * note (during a full index: hundreds of ms on the host's thread for 10,000 notes), it rebuilds piece by piece,
 * yielding before each, so that no block holds all the pieces and a cancellation sent meanwhile (the mouse moved
 * on, the user typed on) is seen and the rest left to a question still wanted. Otherwise it answers at once,
 * synchronously.
 */
export function answerUnlessCancelled<T>(token: Pick<CancellationToken, 'isCancellationRequested'>, rebuild: Rebuild, answer: () => T): T | undefined | Promise<T | undefined> {
  if (token.isCancellationRequested) return undefined;
  if (!rebuild.rebuildPending) return answer();
  return (async () => {
    do {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (token.isCancellationRequested) return undefined;
    } while (rebuild.rebuildPending && rebuild.rebuildStep());
    return answer();
  })();
}
