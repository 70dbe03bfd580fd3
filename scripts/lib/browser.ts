import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { SetupError } from './setupError';

/** Debian's chromium, never a browser downloaded by a test tool. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new SetupError(`Chromium not found at ${path}: run \`bash scripts/setup-system.sh\` (Debian package chromium) or set CHROMIUM_PATH.`);
  }
  return path;
}

/** Launches headless chromium (playwright gives it a fresh temporary profile) with no background network traffic. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  return chromium.launch({
    executablePath,
    headless: true,
    // Our own handlers stop the browser and code-server together on Ctrl+C.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
