import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { repoRoot } from './paths';
import { spawnTracked, stopTracked } from './processes';
import { assertNodeVersion, SetupError } from './setupError';

/**
 * The offline VS Code: code-server from the npm registry (VS Code for the browser), installed on demand
 * into a per-user cache outside the repository (see `installDir`).
 * 4.100.3 (VS Code 1.100.3) is the newest code-server that runs on Node 20.
 */
export const CODE_SERVER_VERSION = '4.100.3';
/** @vscode/ripgrep's version and ripgrep release inside code-server 4.100.3; its postinstall looks for this archive before downloading. */
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';
/** Written last by a finished install: a folder without it is a half-written install. */
const MARKER = '.installed.json';

/** The Debian packages the install and the browser tests need; `scripts/setup-system.sh` installs them. */
export const DEBIAN_PACKAGES = 'build-essential python3 pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep chromium';

/**
 * `$XDG_CACHE_HOME/alignment-notes/code-server-<version>` (`~/.cache` without it). Not inside the repository,
 * as @vscode/test-electron's `.vscode-test/` is: the repository is the extension development path, and with
 * code-server's own files inside it (its built-in themes among them) the workbench never applies the colour
 * theme of the user settings and stays in its built-in Light+.
 */
export function installDir(): string {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'alignment-notes', `code-server-${CODE_SERVER_VERSION}`);
}

/** Whether `path` lies inside `folder` (or is it). */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function entryScript(dir = installDir()): string {
  return join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** `complete` only when the marker a finished install writes last is there with code-server's entry. */
export function installState(dir = installDir()): 'absent' | 'partial' | 'complete' {
  if (!existsSync(dir)) return 'absent';
  return existsSync(join(dir, MARKER)) && existsSync(entryScript(dir)) ? 'complete' : 'partial';
}

function which(command: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Names what is missing for the native build of code-server, in one line. */
function assertBuildTools(): void {
  const missing = ['make', 'g++', 'python3', 'pkg-config', 'rg'].filter((tool) => !which(tool));
  const libraries = ['libsecret-1', 'x11', 'xkbfile', 'krb5-gssapi'];
  if (which('pkg-config')) {
    missing.push(...libraries.filter((lib) => spawnSync('pkg-config', ['--exists', lib]).status !== 0).map((lib) => `${lib} (dev)`));
  }
  if (missing.length > 0) {
    throw new SetupError(`the offline VS Code needs ${missing.join(', ')}: run \`bash scripts/setup-system.sh\` (Debian packages: ${DEBIAN_PACKAGES}).`);
  }
}

/** Packs Debian's `rg` where @vscode/ripgrep's postinstall looks before it tries to download from GitHub. */
function seedRipgrepCache(tmpDir: string): void {
  const cache = join(tmpDir, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(join(tmpDir, 'rg-'));
  const rg = which('rg');
  if (!rg) throw new SetupError('ripgrep (rg) is missing: run `bash scripts/setup-system.sh`.');
  copyFileSync(rg, join(staging, 'rg'));
  const archive = join(cache, `ripgrep-${RIPGREP_RELEASE}-x86_64-unknown-linux-musl.tar.gz`);
  execFileSync('tar', ['-czf', archive, '-C', staging, 'rg']);
}

/** Installs code-server into the cache unless a finished install is already there; returns the entry script. */
export async function ensureOfflineVsCode(log: (line: string) => void = console.log): Promise<string> {
  assertNodeVersion();
  const dir = installDir();
  if (isInside(dir, repoRoot())) {
    throw new SetupError(`the offline VS Code must be installed outside the repository, not in ${dir}: set XDG_CACHE_HOME to a folder outside it.`);
  }
  const state = installState(dir);
  if (state === 'complete') return entryScript();
  if (state === 'partial') {
    log(`offline VS Code: ${dir} holds an unfinished install (interrupted earlier?); removing it and installing again.`);
    rmSync(dir, { recursive: true, force: true });
  }
  assertBuildTools();
  log(`offline VS Code: installing code-server ${CODE_SERVER_VERSION} from the npm registry into ${dir} (about a minute, once) ...`);
  const tmpDir = join(dir, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  seedRipgrepCache(tmpDir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'offline-vscode', private: true }, null, 2));
  const logFile = join(dir, 'install.log');
  const child = spawnTracked('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: dir,
    env: {
      ...process.env,
      TMPDIR: tmpDir,
      // As root, code-server's postinstall refuses to run without these; its nested `npx node-gyp` needs `yes`.
      npm_config_unsafe_perm: 'true',
      npm_config_yes: 'true',
      // npm 11 skips dependency install scripts unless allowed; code-server builds native modules in them.
      npm_config_dangerously_allow_all_scripts: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = createWriteStream(logFile);
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  if (code !== 0 || !existsSync(entryScript())) {
    throw new SetupError(`installing code-server ${CODE_SERVER_VERSION} failed (npm exit ${String(code)}); see ${logFile}`);
  }
  writeFileSync(join(dir, MARKER), JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString() }));
  log('offline VS Code: installed.');
  return entryScript();
}

export interface CodeServerOptions {
  readonly port: number;
  /** A fresh folder for this run's settings, state and extensions. */
  readonly profileDir: string;
  /** Extra environment for the server and so for its extension host. */
  readonly env?: Record<string, string>;
  /** User settings written before start. */
  readonly settings?: Record<string, unknown>;
  /** Leaves workspace trust on (restricted mode for a folder not trusted yet); off by default. */
  readonly workspaceTrust?: boolean;
}

export interface RunningCodeServer {
  readonly url: string;
  readonly extensionsDir: string;
  readonly process: ChildProcess;
  /** The server's own log so far, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

function serverArgs(profileDir: string): string[] {
  return [
    '--config', join(profileDir, 'config.yaml'),
    '--user-data-dir', join(profileDir, 'user-data'),
    '--extensions-dir', join(profileDir, 'extensions'),
  ];
}

function writeProfile(options: CodeServerOptions): void {
  const { profileDir, port } = options;
  mkdirSync(join(profileDir, 'user-data', 'User'), { recursive: true });
  mkdirSync(join(profileDir, 'extensions'), { recursive: true });
  // Its own config file keeps code-server from writing a password config into the home folder.
  writeFileSync(join(profileDir, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': options.workspaceTrust === true,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'git.openRepositoryInParentFolders': 'never',
    ...options.settings,
  };
  writeFileSync(join(profileDir, 'user-data', 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

/** Installs a .vsix into the profile's extensions folder with code-server's own `--install-extension`. */
export function installExtension(entry: string, profileDir: string, vsix: string): void {
  const result = spawnSync(process.execPath, [entry, ...serverArgs(profileDir), '--install-extension', vsix, '--force'], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`installing ${vsix} failed:\n${result.stdout}${result.stderr}`);
}

/** Starts code-server on 127.0.0.1 only and resolves once it serves HTTP. */
export async function startCodeServer(entry: string, options: CodeServerOptions): Promise<RunningCodeServer> {
  writeProfile(options);
  const child = spawnTracked(
    process.execPath,
    [entry, ...serverArgs(options.profileDir), '--disable-telemetry', '--disable-update-check', ...(options.workspaceTrust ? [] : ['--disable-workspace-trust'])],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 30 s:\n${output}`)), 30_000);
    const onData = (): void => {
      if (output.includes('HTTP server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        /EADDRINUSE/.test(output)
          ? new SetupError(`port ${options.port} on 127.0.0.1 is already in use; set ALIGNMENT_NOTES_PORT to a free port.`)
          : new Error(`code-server exited with ${String(code)} before serving:\n${output}`),
      );
    });
  });
  return {
    url,
    extensionsDir: join(options.profileDir, 'extensions'),
    process: child,
    output: () => output,
    stop: () => stopTracked(child),
  };
}

/** The version line of the installed code-server: `4.100.3 <commit> with Code 1.100.3`. */
export function readCodeServerVersion(): string {
  const manifest = JSON.parse(readFileSync(join(installDir(), 'node_modules', 'code-server', 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/**
 * A workbench URL that opens `folder` or a `.code-workspace` file, optionally with a file open in the editor
 * (`openFile`), an extension under development and its tests.
 */
export function workbenchUrl(
  base: string,
  options: ({ folder: string } | { workspace: string }) & { openFile?: string; extensionDevelopmentPath?: string; extensionTestsPath?: string },
): string {
  const port = new URL(base).port;
  const remote = (path: string): string => `vscode-remote://127.0.0.1:${port}${path.split('/').map(encodeURIComponent).join('/')}`;
  const payload: [string, string][] = [];
  if (options.openFile) payload.push(['openFile', remote(options.openFile)]);
  if (options.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  const query = new URLSearchParams('folder' in options ? { folder: options.folder } : { workspace: options.workspace });
  if (payload.length > 0) query.set('payload', JSON.stringify(payload));
  return `${base}/?${query.toString()}`;
}
