// Child process for the peak-memory row: a fresh Node runs only the cold index of one corpus (worker pool
// included: its threads count in the process's RSS), so nothing else the bench holds inflates the high-water
// mark. Prints one JSON line.
import { collectGarbage } from './lib/timing';
import { coldIndex, notesOnDisk } from './measure/coldIndex';

async function main(folder: string): Promise<void> {
  const run = await coldIndex(() => notesOnDisk(folder), { workers: true });
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  collectGarbage();
  const memory = process.memoryUsage();
  console.log(
    JSON.stringify({
      notes: run.notes.length,
      concepts: run.index.concepts().length,
      coldMs: run.totalMs,
      readMs: run.readMs,
      workersMs: run.workersMs,
      setNoteMs: run.analyseMs,
      buildMs: run.buildMs,
      pooled: run.pooled ? 1 : 0,
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
main(folder).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
