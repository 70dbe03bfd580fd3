import { cpSync } from 'node:fs';
import { writeLargeWorkspace } from './largeWorkspace';
import { join } from 'node:path';
import { sampleCourseDir, sampleVaultDir } from './paths';

/**
 * The integration suites: each runs in its own VS Code with its own workspace. `main` is every
 * `test/integration/*.test.ts`; the others are the tests in `test/integration/<suite>/`.
 */
export interface IntegrationSuite {
  readonly name: 'main' | 'restricted' | 'vault' | 'large' | 'web' | 'web-vault';
  /** Fills the (empty) workspace folder. */
  prepare(workspace: string): void;
  /** Workspace trust on, the folder untrusted: restricted mode. */
  readonly restricted?: boolean;
  /** Bounds the whole run, overriding ALIGNMENT_NOTES_INTEGRATION_TIMEOUT_MS's default. */
  readonly timeoutMs?: number;
  /**
   * Runs the extension and these tests in the offline VS Code's web worker extension host instead of a
   * Node one: the bundle `out/test/web/<webTests>.js` (built from `test/web/<webTests>.ts`).
   */
  readonly webTests?: 'main' | 'vault';
  /** User settings of the suite's VS Code. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

const sampleCourse = (workspace: string): void => cpSync(sampleCourseDir(), workspace, { recursive: true });

export const MAIN_SUITE: IntegrationSuite = { name: 'main', prepare: sampleCourse };

/** The sample course in restricted mode: what `capabilities.untrustedWorkspaces.supported: true` promises. */
export const RESTRICTED_SUITE: IntegrationSuite = { name: 'restricted', prepare: sampleCourse, restricted: true };

/**
 * Both note styles in one workspace, as students keep them: the sample vault at the top (concept pages in
 * `concepts/`, sources, findings) and the sample course in `course/`.
 */
const vaultWithCourse = (workspace: string): void => {
  cpSync(sampleVaultDir(), workspace, { recursive: true });
  cpSync(sampleCourseDir(), join(workspace, 'course'), { recursive: true });
};

export const VAULT_SUITE: IntegrationSuite = { name: 'vault', prepare: vaultWithCourse };

/** The web layer: the tests test/web/main.ts names, on the sample course, in the web worker extension host. */
export const WEB_SUITE: IntegrationSuite = { name: 'web', prepare: sampleCourse, webTests: 'main' };

/** The web layer's vault tests (test/web/vault.ts), on the vault suite's workspace. */
export const WEB_VAULT_SUITE: IntegrationSuite = { name: 'web-vault', prepare: vaultWithCourse, webTests: 'vault' };

/**
 * 50,000 files of which 10,000 are notes: `npm run test:large` (minutes, so not part of `npm test`). Its figures
 * are of our blocks on the extension host, so the window's other extension with work of its own there is off:
 * VS Code's git extension, which finds the repository around the test output and spent seconds of the host's
 * thread starting `git` processes during the first index (a CPU profile of the host showed it).
 */
export const LARGE_SUITE: IntegrationSuite = { name: 'large', prepare: writeLargeWorkspace, timeoutMs: 30 * 60_000, settings: { 'git.enabled': false } };
