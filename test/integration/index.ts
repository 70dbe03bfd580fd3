import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** Results the runner reads back, so that a crashed or silent host can never pass for a green run. */
export interface IntegrationResults {
  readonly host: string;
  readonly version: string;
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly tests: readonly { readonly title: string; readonly state: 'passed' | 'failed' | 'pending'; readonly error?: string }[];
}

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
  const tests: IntegrationResults['tests'][number][] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed' }));
    runner.on('pending', (test) => tests.push({ title: test.fullTitle(), state: 'pending' }));
    runner.on('fail', (test, error: Error) => tests.push({ title: test.fullTitle(), state: 'failed', error: error.stack ?? error.message }));
  });
  const results: IntegrationResults = {
    host,
    version: vscode.version,
    passed: tests.filter((t) => t.state === 'passed').length,
    failed: Math.max(failures, tests.filter((t) => t.state === 'failed').length),
    pending: tests.filter((t) => t.state === 'pending').length,
    tests,
  };
  if (resultsFile) {
    mkdirSync(dirname(resultsFile), { recursive: true });
    writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  }
  if (results.failed > 0) throw new Error(`${results.failed} integration test(s) failed.`);
}
