import { CourseIndex } from '../../../src/core/index/courseIndex';

/** The workspace folder of the in-memory vaults the unit tests build. */
export const ROOT = 'file:///vault/';

/** An index of notes given by their path in the vault, with the vault as the workspace folder. */
export function vault(notes: Record<string, string>): CourseIndex {
  const index = new CourseIndex();
  index.setRoots([ROOT]);
  for (const [path, text] of Object.entries(notes)) index.setNote(ROOT + path, text);
  return index;
}
