import { cpSync } from 'node:fs';
import { writeLargeWorkspace } from './largeWorkspace';
import { join } from 'node:path';
import { sampleCourseDir, sampleVaultDir } from './paths';

/**
 * The integration suites: each runs in its own VS Code with its own workspace. `main` is every
 * `test/integration/*.test.ts`; the others are the tests in `test/integration/<suite>/`.
 */
export interface IntegrationSuite {
  readonly name: 'main' | 'restricted' | 'vault' | 'large';
  /** Fills the (empty) workspace folder. */
  prepare(workspace: string): void;
  /** Workspace trust on, the folder untrusted: restricted mode. */
  readonly restricted?: boolean;
  /** Bounds the whole run, overriding ALIGNMENT_NOTES_INTEGRATION_TIMEOUT_MS's default. */
  readonly timeoutMs?: number;
}

const sampleCourse = (workspace: string): void => cpSync(sampleCourseDir(), workspace, { recursive: true });

export const MAIN_SUITE: IntegrationSuite = { name: 'main', prepare: sampleCourse };

/** The sample course in restricted mode: what `capabilities.untrustedWorkspaces.supported: true` promises. */
export const RESTRICTED_SUITE: IntegrationSuite = { name: 'restricted', prepare: sampleCourse, restricted: true };

/**
 * Both note styles in one workspace, as students keep them: the sample vault at the top (concept pages in
 * `concepts/`, sources, findings) and the sample course in `course/`.
 */
export const VAULT_SUITE: IntegrationSuite = {
  name: 'vault',
  prepare: (workspace) => {
    cpSync(sampleVaultDir(), workspace, { recursive: true });
    cpSync(sampleCourseDir(), join(workspace, 'course'), { recursive: true });
  },
};

/** 50,000 files of which 10,000 are notes: `npm run test:large` (minutes, so not part of `npm test`). */
export const LARGE_SUITE: IntegrationSuite = { name: 'large', prepare: writeLargeWorkspace, timeoutMs: 30 * 60_000 };
