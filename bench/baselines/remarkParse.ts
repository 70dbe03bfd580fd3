import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { collectGarbage } from '../lib/timing';
import type { Note } from '../measure/coldIndex';

/** The naive way: `unified().use(remarkParse).parse` of every note, in memory (no disk read, no extraction). */
export function remarkParseAll(notes: readonly Note[]): { ms: number; blocks: number } {
  collectGarbage();
  const started = performance.now();
  const processor = unified().use(remarkParse);
  let blocks = 0;
  for (const note of notes) blocks += processor.parse(note.text).children.length;
  return { ms: performance.now() - started, blocks };
}
