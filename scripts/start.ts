import { spawnSync } from 'node:child_process';
import { testOutputDir, repoRoot } from './lib/paths';
import { demoUrl, desktopArgs, writeDemo } from './lib/demo';
import { ensureOfflineVsCode, startCodeServer } from './lib/offlineVsCode';
import { assertPortFree } from './lib/ports';
import { installCleanupHandlers } from './lib/processes';
import { runMain, SetupError } from './lib/setupError';

/** The demo's port unless ALIGNMENT_NOTES_PORT says otherwise. */
const DEFAULT_PORT = 8123;

function hasDesktopCode(): boolean {
  return spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
}

/**
 * `npm start`: the extension live in a real VS Code on both samples (see scripts/lib/demo.ts), the course
 * summary open and the concept map beside it. Desktop VS Code when `code` is on PATH (ALIGNMENT_NOTES_OFFLINE=1
 * skips it), else the offline VS Code on 127.0.0.1 until Ctrl+C.
 */
async function main(): Promise<number> {
  const demo = writeDemo(testOutputDir('demo'));
  if (hasDesktopCode() && process.env.ALIGNMENT_NOTES_OFFLINE !== '1') {
    console.log('Opening both samples in desktop VS Code with the extension under development: the course summary, and the concept map beside it.');
    const result = spawnSync('code', desktopArgs(demo, repoRoot()), { stdio: 'inherit' });
    return result.status ?? 1;
  }
  installCleanupHandlers();
  const entry = await ensureOfflineVsCode();
  const requested = process.env.ALIGNMENT_NOTES_PORT;
  const port = requested ? Number(requested) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new SetupError(`ALIGNMENT_NOTES_PORT must be a port number, not "${requested}".`);
  await assertPortFree(port);
  const server = await startCodeServer(entry, { port, profileDir: testOutputDir('demo-profile') });
  const url = demoUrl(server.url, demo, repoRoot());
  console.log(
    `\nAlignment Notes is live in VS Code (code-server, 127.0.0.1 only), on the sample course and the sample vault: ` +
      `the course summary, and the concept map beside it once the notes are read. Open:\n\n  ${url}\n\n` +
      'Help: Welcome lists the walkthrough "Get started with Alignment Notes". Press Ctrl+C to stop.',
  );
  const code = await new Promise<number | null>((resolve) => server.process.once('exit', resolve));
  return code ?? 0;
}

runMain(main);
