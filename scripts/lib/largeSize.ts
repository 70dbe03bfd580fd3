/**
 * Notes in the large-workspace suite: 10,000 (issue 7), or `ALIGNMENT_NOTES_LARGE_NOTES`, which the bench sets to
 * measure the extension host's blocks at 1,000 notes too (issue 14). Four other files for each note.
 */
export function largeNotes(): number {
  const given = process.env.ALIGNMENT_NOTES_LARGE_NOTES;
  if (given === undefined || given === '') return 10_000;
  const notes = Number(given);
  if (!Number.isInteger(notes) || notes < 100 || notes > 10_000) {
    throw new Error(`ALIGNMENT_NOTES_LARGE_NOTES takes a whole number of notes from 100 to 10000, not "${given}"`);
  }
  return notes;
}
