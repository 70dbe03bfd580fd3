// Child process for the warm-start row: a fresh Node, as a warm start is in a new extension host, reads the
// notes of a corpus and a persisted cache file (untimed), then makes three warm starts, dropping each index
// and collecting garbage before the next. Prints one JSON line with the times of each.
import { readFileSync } from 'node:fs';
import { collectGarbage } from './lib/timing';
import { notesOnDisk } from './measure/coldIndex';
import { warmStart } from './measure/warmStart';

function main(folder: string, cacheFile: string): void {
  const notes = notesOnDisk(folder);
  const cache = readFileSync(cacheFile, 'utf8');
  const runs = [];
  for (let run = 0; run < 3; run++) {
    const { index: _index, ...times } = warmStart(cache, notes);
    runs.push(times);
    collectGarbage();
  }
  console.log(JSON.stringify(runs));
}

const [folder, cacheFile] = process.argv.slice(2);
if (folder === undefined || cacheFile === undefined) {
  console.error('usage: node --expose-gc out/bench/warmStart.js <corpus folder> <cache file>');
  process.exit(2);
}
try {
  main(folder, cacheFile);
} catch (error) {
  console.error(error);
  process.exit(1);
}
