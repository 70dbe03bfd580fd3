import type * as vscode from 'vscode';
import { type AlignmentNotesApi, activateWith } from './extension';
import { AnalysisPool } from './node/analysisPool';
import { writeFileNow } from './node/writeFileNow';
import { useTaskScheduler } from './vscode/slices';

export { deactivate } from './extension';

/**
 * How long the host's thread rests before each slice of a full index (see `useTaskScheduler`): a third of its time
 * during the index is left to others. In the large suite (10,000 notes, two cores) no hover but the first then
 * waited over 151 ms for our provider, against up to 203 ms without; the index took as long within the runs' spread.
 */
const INDEX_REST_MS = 4;

/** The entry point in VS Code's Node extension host: notes are analysed on worker threads; the cache is saved on exit with Node's fs. */
export function activate(context: vscode.ExtensionContext): AlignmentNotesApi {
  useTaskScheduler((turn) => void setImmediate(turn), INDEX_REST_MS);
  return activateWith(context, { name: 'Node.js extension host', analyser: AnalysisPool.besideBundle({ background: true }), writeNow: writeFileNow });
}
