import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { workbenchUrl } from './offlineVsCode';
import { sampleCourseDir, sampleVaultDir } from './paths';

/**
 * The demo `npm start` opens and its end-to-end test checks: one multi-root workspace with both samples,
 * the course summary in the editor and the concept map beside it, before any input. The workspace file is
 * written outside the samples (test-output) and names them by a relative path: the samples are opened where
 * they are, and nothing in them is written.
 */
export interface Demo {
  /** The `.code-workspace` file. */
  readonly workspaceFile: string;
  /** The note opened at start: the course summary. */
  readonly summary: string;
}

/** The workspace's own setting that opens the concept map once the first index is done. */
export const OPEN_MAP_ON_STARTUP = 'alignmentNotes.conceptMap.openOnStartup';

/** The workspace file's content for a file written in `dir`: both samples, and the map on at start. */
export function demoWorkspace(dir: string): { folders: { name: string; path: string }[]; settings: Record<string, unknown> } {
  // Forward slashes: a .code-workspace file is read the same on every platform.
  const path = (folder: string): string => relative(dir, folder).split(sep).join('/');
  return {
    folders: [
      { name: 'Sample course', path: path(sampleCourseDir()) },
      { name: 'Sample vault', path: path(sampleVaultDir()) },
    ],
    settings: { [OPEN_MAP_ON_STARTUP]: true },
  };
}

/** Writes the demo's workspace file into `dir` (created if needed) and says what to open with it. */
export function writeDemo(dir: string): Demo {
  mkdirSync(dir, { recursive: true });
  const workspaceFile = join(dir, 'alignment-notes-demo.code-workspace');
  writeFileSync(workspaceFile, `${JSON.stringify(demoWorkspace(dir), null, 2)}\n`);
  return { workspaceFile, summary: join(sampleCourseDir(), 'Course summary.md') };
}

/** Desktop VS Code's arguments: the extension under development, the workspace, and the summary opened in it. */
export function desktopArgs(demo: Demo, extensionDevelopmentPath: string): string[] {
  return [`--extensionDevelopmentPath=${extensionDevelopmentPath}`, demo.workspaceFile, demo.summary];
}

/** The offline VS Code's URL for the demo: the workspace, the extension under development and the summary (`openFile`). */
export function demoUrl(base: string, demo: Demo, extensionDevelopmentPath: string): string {
  return workbenchUrl(base, { workspace: demo.workspaceFile, openFile: demo.summary, extensionDevelopmentPath });
}

