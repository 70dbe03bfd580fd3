/** Command ids, shared by the registrations and the manifest's `contributes.commands`. */
export const OPEN_CONCEPT_MAP_COMMAND = 'alignmentNotes.openConceptMap';
export const SHOW_LOG_COMMAND = 'alignmentNotes.showLog';
export const GO_TO_CITATION_COMMAND = 'alignmentNotes.goToCitation';
export const OPEN_SAMPLE_NOTES_COMMAND = 'alignmentNotes.openSampleNotes';
