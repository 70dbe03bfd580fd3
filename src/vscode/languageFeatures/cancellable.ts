import type { CancellationToken } from 'vscode';
import type { Steps } from '../../core/util/steps';
import { finishInSlices, Slices } from '../slices';

/** What a question may have to rebuild first: `CourseIndex.answersWait` and `rebuildStep` (through `WorkspaceNotes`). */
export interface Rebuild {
  readonly answersWait: boolean;
  rebuildStep(): boolean;
}

/** When a loop on the host's thread yields: a question's `Slices` (every 20 ms of work); the tests pass one that yields after every step. */
export type Pacing = Pick<Slices, 'due' | 'pause'>;

/**
 * Answers a question unless VS Code has cancelled it. When the answer would first rebuild what depends on every
 * note (during a full index: hundreds of ms of work on the host's thread for 10,000 notes), it rebuilds step by
 * step (each a bounded amount of work) in the question's slice (`pacing`, which a provider makes as the question
 * arrives, before it parses the note), yielding whenever that slice is done, so that no block holds more than a
 * slice and a cancellation sent meanwhile (the mouse moved on, the user typed on) is seen and the rest left to a
 * question still wanted. It also yields first when the slice is already over (the note's parse took it). It
 * returns a promise then; otherwise it answers at once, synchronously. `prepare`, asked once nothing is left to
 * rebuild, gives the steps of what the answer reads that is not built yet (`CourseIndex.completionSteps`), or
 * undefined; they run in the same slices.
 */
export function answerUnlessCancelled<T>(
  token: Pick<CancellationToken, 'isCancellationRequested'>,
  rebuild: Rebuild,
  answer: () => T,
  pacing: Pacing = new Slices('question'),
  prepare: () => Steps<void> | undefined = () => undefined,
): T | undefined | Promise<T | undefined> {
  if (token.isCancellationRequested) return undefined;
  if (!rebuild.answersWait && !pacing.due() && !prepare()) return answer();
  return (async () => {
    // The slice went on parsing the question's note (a first parse on this thread runs cold code: tens of ms):
    // the rest gets a slice of its own rather than make one block of both.
    if (pacing.due()) await pacing.pause();
    // Round again after preparing: the notes may have changed during its pauses, asking for a rebuild first.
    for (;;) {
      while (!token.isCancellationRequested && rebuild.answersWait && rebuild.rebuildStep()) {
        if (pacing.due()) await pacing.pause();
      }
      if (token.isCancellationRequested) return undefined;
      const steps = prepare();
      if (!steps) return answer();
      if (!(await finishInSlices(steps, () => token.isCancellationRequested, pacing))) return undefined;
    }
  })();
}
