/** Command, view and context-key ids, shared by the code and the manifest's `contributes`. */
export const OPEN_CONCEPT_MAP_COMMAND = 'alignmentNotes.openConceptMap';
export const SHOW_LOG_COMMAND = 'alignmentNotes.showLog';
export const GO_TO_CITATION_COMMAND = 'alignmentNotes.goToCitation';
export const OPEN_SAMPLE_NOTES_COMMAND = 'alignmentNotes.openSampleNotes';
export const REVIEW_FLASHCARDS_COMMAND = 'alignmentNotes.reviewFlashcards';
export const EXPORT_GLOSSARY_COMMAND = 'alignmentNotes.exportGlossary';
/** "Open to the Side" in the context menu of a citation or wikilink in VS Code's Markdown preview. */
export const OPEN_PREVIEW_LINK_TO_SIDE_COMMAND = 'alignmentNotes.preview.openToSide';

/** The Concepts view, the view of notes by kind of problem, and their commands. */
export const CONCEPTS_VIEW = 'alignmentNotes.concepts';
export const NOTE_PROBLEMS_VIEW = 'alignmentNotes.noteProblems';
export const OPEN_CONCEPT_COMMAND = 'alignmentNotes.concepts.open';
export const SHOW_IN_MAP_COMMAND = 'alignmentNotes.concepts.showInMap';
export const FIND_REFERENCES_COMMAND = 'alignmentNotes.concepts.findReferences';
export const COPY_DEFINITION_COMMAND = 'alignmentNotes.concepts.copyDefinition';
export const FILTER_CONCEPTS_COMMAND = 'alignmentNotes.concepts.filter';
export const CLEAR_FILTER_COMMAND = 'alignmentNotes.concepts.clearFilter';
export const FOLLOW_CURSOR_COMMAND = 'alignmentNotes.concepts.followCursor';
export const STOP_FOLLOWING_CURSOR_COMMAND = 'alignmentNotes.concepts.stopFollowingCursor';

/**
 * Context keys set to true the first time our hover or definition provider answers in an editor: the
 * walkthrough's steps "hover a term", "go to a citation's source" and "follow a wikilink" complete on them.
 */
export const WALKTHROUGH_CONTEXT = {
  hoveredTerm: 'alignmentNotes.walkthrough.hoveredTerm',
  followedCitation: 'alignmentNotes.walkthrough.followedCitation',
  followedWikiLink: 'alignmentNotes.walkthrough.followedWikiLink',
} as const;
