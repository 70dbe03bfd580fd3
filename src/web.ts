import * as vscode from 'vscode';
import { type AlignmentNotesApi, activateWith } from './extension';
import { useTaskScheduler } from './vscode/slices';
import { ANALYSIS_WORKER, blobWorkerPool } from './webHost/blobWorkers';

export { deactivate } from './extension';

/**
 * The entry point in VS Code's web worker extension host: notes are analysed on a `Worker` of our own where the
 * host can start one, else on its thread in slices.
 */
export function activate(context: vscode.ExtensionContext): AlignmentNotesApi {
  context.subscriptions.push(turnsByMessage());
  const analyser = blobWorkerPool(() => vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, ...ANALYSIS_WORKER)));
  return activateWith(context, { name: 'web worker extension host', ...(analyser ? { analyser } : {}) });
}

/**
 * Runs each turn of our sliced loops on a message the worker posts to itself: a task of its own, without a
 * timer's 4 ms floor. Disposing closes the channel and goes back to timers.
 */
function turnsByMessage(): { dispose(): void } {
  const channel = new MessageChannel();
  const turns: (() => void)[] = [];
  channel.port1.onmessage = () => turns.shift()?.();
  useTaskScheduler((turn) => {
    turns.push(turn);
    channel.port2.postMessage(null);
  });
  return {
    dispose: () => {
      useTaskScheduler();
      channel.port1.close();
      for (const turn of turns.splice(0)) setTimeout(turn, 0);
    },
  };
}
