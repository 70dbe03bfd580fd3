import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { runAndCount } from './results';

/**
 * The entry VS Code loads as `extensionTestsPath`, both under @vscode/test-electron and in the offline
 * VS Code. It runs every `*.test.js` beside it and rejects when any test fails.
 */
export async function run(): Promise<void> {
  const resultsFile = process.env.ALIGNMENT_NOTES_RESULTS;
  const host = `${vscode.env.appName} ${vscode.version} (${vscode.env.appHost})`;
  console.log(`Integration tests in ${host}`);
  // ALIGNMENT_NOTES_GREP runs only the tests whose full title matches, while working on them.
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec', grep: process.env.ALIGNMENT_NOTES_GREP });
  // The main suite is the tests beside this file; another suite (ALIGNMENT_NOTES_SUITE) those in its folder.
  const suite = process.env.ALIGNMENT_NOTES_SUITE ?? 'main';
  const dir = suite === 'main' ? __dirname : join(__dirname, suite);
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(join(dir, file));
  }
  const results = await runAndCount(mocha, host, vscode.version);
  if (resultsFile) {
    mkdirSync(dirname(resultsFile), { recursive: true });
    writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  }
  if (results.failed > 0) throw new Error(`${results.failed} integration test(s) failed.`);
}
