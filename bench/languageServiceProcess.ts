// A whole process for the language-service baseline: read the folder's notes as the CLI reads them, load them
// into VS Code's markdown language service and answer its first workspace-symbol query.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { firstWorkspaceSymbols, languageServiceDocuments } from './baselines/languageService/firstWorkspaceSymbols';
import { notesOnDisk } from './measure/coldIndex';

async function main(folder: string): Promise<void> {
  const root = resolve(folder);
  const { symbols } = await firstWorkspaceSymbols(pathToFileURL(root).href, languageServiceDocuments(notesOnDisk(root)));
  console.log(`${symbols} symbols`);
}

const folder = process.argv[2];
if (folder === undefined) {
  console.error('usage: node out/bench/languageServiceProcess.js <folder>');
  process.exit(2);
}
main(folder).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
