import type * as vscode from 'vscode';
import { type AlignmentNotesApi, activateWith } from './extension';
import { AnalysisPool } from './node/analysisPool';
import { writeFileNow } from './node/writeFileNow';
import { useTaskScheduler } from './vscode/slices';

export { deactivate } from './extension';

/** The entry point in VS Code's Node extension host: notes are analysed on worker threads; the cache is saved on exit with Node's fs. */
export function activate(context: vscode.ExtensionContext): AlignmentNotesApi {
  useTaskScheduler((turn) => void setImmediate(turn));
  return activateWith(context, { name: 'Node.js extension host', analyser: AnalysisPool.besideBundle({ background: true }), writeNow: writeFileNow });
}
