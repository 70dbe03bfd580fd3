import type { CourseLayout, NotePlace, NoteRange } from './courseLayout';
import { type Corpus, type CorpusOptions, generateCorpus } from './generate';
import { chance, int, pick, seeded, shuffled } from './prng';
import { encode, kebab, pad } from './text';
import { COURSE_TITLES, UNIT_TITLES } from './words';

/**
 * Many courses in one workspace, as real-notes.md §1 describes: hundreds of course folders
 * (`Technical AI Safety 017/`), each with its own `Unit 1 - <title>.md` to `Unit 24-30 - ...`. Every course
 * of one family (a title of COURSE_TITLES) follows that family's syllabus, so the same file names recur in
 * dozens of folders. Citations are GitHub blob URLs of each course's own repository, or relative links that
 * stay in the folder or cross to another course (`../Governance%20003/Unit%203%20-%20X.md#slug`). The note
 * bodies are the course generator's (generate.ts), a little longer.
 */
export interface ManyCourses extends Corpus {
  readonly layout: {
    readonly courses: number;
    readonly distinctFileNames: number;
    /** Relative citations that lead into another course's folder. */
    readonly crossCourseCitations: number;
  };
}

interface Course extends NoteRange {
  readonly folder: string;
  readonly heading: string;
  readonly repository: string;
  readonly syllabus: readonly string[];
}

/** Courses of 24-30 units until `files` notes are placed (the last one may be shorter). */
function planCourses(files: number, seed: number): Course[] {
  const random = seeded(seed, 'many-courses-plan', files);
  const syllabi = COURSE_TITLES.map(() => shuffled(random, UNIT_TITLES));
  const cohorts = COURSE_TITLES.map(() => 0);
  const courses: Course[] = [];
  for (let start = 0; start < files; ) {
    const family = int(random, 0, COURSE_TITLES.length - 1);
    const cohort = (cohorts[family] ?? 0) + 1;
    cohorts[family] = cohort;
    const title = COURSE_TITLES[family] ?? '';
    const size = Math.min(int(random, 24, 30), files - start);
    courses.push({
      start,
      size,
      folder: `${title} ${pad(cohort, 3)}`,
      heading: `${title}, cohort ${cohort}`,
      repository: `student-${pad(courses.length, 3)}/${kebab(title)}-notes`,
      syllabus: syllabi[family] ?? [],
    });
    start += size;
  }
  return courses;
}

function manyCoursesLayout(courses: readonly Course[], files: number): CourseLayout {
  const courseOf: Course[] = [];
  for (const course of courses) for (let k = 0; k < course.size; k++) courseOf.push(course);
  const owner = (i: number): Course => {
    const course = courseOf[i];
    if (!course || i >= files) throw new Error(`no course for note ${i}`);
    return course;
  };
  const byFolder = new Map(courses.map((course) => [course.folder, course]));
  return {
    seedTag: 'many-courses',
    noteBytes: [2000, 5200],
    place(i) {
      const course = owner(i);
      const unit = i - course.start + 1;
      const title = course.syllabus[unit - 1] ?? '';
      return { folder: course.folder, fileName: `Unit ${unit} - ${title}.md`, unit, courseHeading: course.heading, unitHeading: `Unit ${unit}: ${title}` };
    },
    relativeRange: (i, random) => (chance(random, 0.5) ? owner(i) : pick(random, courses)),
    absoluteUrl: (to: NotePlace) => `https://github.com/${byFolder.get(to.folder)?.repository ?? ''}/blob/main/${encode(to.folder)}/${encode(to.fileName)}`,
    relativeUrl: (from, to) => (from.folder === to.folder ? `./${encode(to.fileName)}` : `../${encode(to.folder)}/${encode(to.fileName)}`),
  };
}

/** Generates the many-courses corpus in memory. Deterministic: the same options give byte-identical files. */
export function generateManyCourses(options: CorpusOptions): ManyCourses {
  const courses = planCourses(options.files, options.seed);
  const corpus = generateCorpus(options, manyCoursesLayout(courses, options.files));
  const fileNames = new Set(corpus.files.map((file) => file.path.slice(file.path.indexOf('/') + 1)));
  const crossCourseCitations = corpus.files.reduce((sum, file) => sum + (file.text.match(/\]\(\.\.\//g)?.length ?? 0), 0);
  return { ...corpus, layout: { courses: courses.length, distinctFileNames: fileNames.size, crossCourseCitations } };
}
