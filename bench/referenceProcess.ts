// A whole process for the reference-reading baseline: read the folder's notes as the CLI reads them and parse
// each whole with remark and the extensions the model uses (`parseMarkdown`), as the equality tests do.
import { parseMarkdown } from '../src/core/parse/processor';
import { notesOnDisk } from './measure/coldIndex';

const folder = process.argv[2];
if (folder === undefined) {
  console.error('usage: node out/bench/referenceProcess.js <folder>');
  process.exit(2);
}
let blocks = 0;
for (const note of notesOnDisk(folder)) blocks += parseMarkdown(note.text).children.length;
console.log(`${blocks} blocks`);
