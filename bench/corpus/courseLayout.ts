import { pick, type Random } from './prng';
import { encode, pad } from './text';
import { COURSE_TITLES, UNIT_TITLES } from './words';

/** Where a course note sits, and the headings that name its course and unit. */
export interface NotePlace {
  readonly folder: string;
  readonly fileName: string;
  readonly unit: number;
  readonly courseHeading: string;
  readonly unitHeading: string;
}

/** A contiguous run of note numbers: the notes of one folder. */
export interface NoteRange {
  readonly start: number;
  readonly size: number;
}

/**
 * How course notes are laid out and how citations address them. The note bodies are the same for every
 * layout (generate.ts); the layout decides folders, file names and the URLs of citations.
 */
export interface CourseLayout {
  /** Part of the PRNG seed, so that two layouts with the same options write different notes. */
  readonly seedTag: string;
  /** The smallest and largest note a note aims at, in bytes. */
  readonly noteBytes: readonly [number, number];
  /** Where note `i` goes; may draw from `random` (the generator's stream, so the order of draws matters). */
  place(i: number, random: Random): NotePlace;
  /** The notes a relative citation from note `i` may lead to. */
  relativeRange(i: number, random: Random): NoteRange;
  absoluteUrl(to: NotePlace): string;
  relativeUrl(from: NotePlace, to: NotePlace): string;
}

const UNITS_PER_FOLDER = 10;
const ONE_COURSE_BASE = 'https://github.com/example-org/course-notes/blob/main/';

/**
 * The layout of performance-baseline.md §1: `Course NNNN/Unit K - <title>.md`, ten units per folder, titles
 * drawn at random (so file names rarely repeat across folders); relative citations stay in their folder.
 */
export function oneCourseLayout(files: number): CourseLayout {
  return {
    seedTag: 'corpus',
    noteBytes: [1800, 4700],
    place(i, random) {
      const course = Math.floor(i / UNITS_PER_FOLDER);
      const unit = (i % UNITS_PER_FOLDER) + 1;
      const title = pick(random, UNIT_TITLES);
      return {
        folder: `Course ${pad(course, 4)}`,
        fileName: `Unit ${unit} - ${title}.md`,
        unit,
        courseHeading: `Course ${pad(course, 4)}: ${COURSE_TITLES[course % COURSE_TITLES.length] ?? ''}`,
        unitHeading: `Unit ${unit}: ${title}`,
      };
    },
    relativeRange(i) {
      const start = i - (i % UNITS_PER_FOLDER);
      return { start, size: Math.min(UNITS_PER_FOLDER, files - start) };
    },
    absoluteUrl: (to) => `${ONE_COURSE_BASE}${encode(to.folder)}/${encode(to.fileName)}`,
    relativeUrl: (_from, to) => `./${encode(to.fileName)}`,
  };
}
