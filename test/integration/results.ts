import type Mocha from 'mocha';

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
 * Runs the tests mocha has loaded and counts them, in a Node extension host (mocha from node_modules) and in
 * the web worker host (mocha's browser build) alike.
 */
export async function runAndCount(mocha: Mocha, host: string, version: string): Promise<IntegrationResults> {
  const tests: IntegrationResults['tests'][number][] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed' }));
    runner.on('pending', (test) => tests.push({ title: test.fullTitle(), state: 'pending' }));
    runner.on('fail', (test, error: Error) => tests.push({ title: test.fullTitle(), state: 'failed', error: error.stack ?? error.message }));
  });
  return {
    host,
    version,
    passed: tests.filter((t) => t.state === 'passed').length,
    failed: Math.max(failures, tests.filter((t) => t.state === 'failed').length),
    pending: tests.filter((t) => t.state === 'pending').length,
    tests,
  };
}
