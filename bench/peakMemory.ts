// Child process for the peak-memory row: a fresh Node runs only the cold index of one corpus, so nothing
// else the bench holds inflates the high-water mark. Prints one JSON line.
import { collectGarbage } from './lib/timing';
import { coldIndex, notesOnDisk } from './measure/coldIndex';

function main(folder: string): void {
  const run = coldIndex(() => notesOnDisk(folder));
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  collectGarbage();
  const memory = process.memoryUsage();
  console.log(
    JSON.stringify({
      notes: run.notes.length,
      concepts: run.index.concepts().length,
      coldMs: run.totalMs,
      readMs: run.readMs,
      setNoteMs: run.analyseMs,
      buildMs: run.buildMs,
      maxRssMB,
      rssAfterGcMB: memory.rss / 2 ** 20,
      heapUsedAfterGcMB: memory.heapUsed / 2 ** 20,
    }),
  );
}

const folder = process.argv[2];
if (folder === undefined) {
  console.error('usage: node --expose-gc out/bench/peakMemory.js <corpus folder>');
  process.exit(2);
}
try {
  main(folder);
} catch (error) {
  console.error(error);
  process.exit(1);
}
