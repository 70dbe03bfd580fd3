import type * as desktop from './extensionHost';

/** The web bundle's `extensionHost.ts`: VS Code's web worker extension host (vscode.dev, github.dev, code-server). */
export const EXTENSION_HOST: typeof desktop.EXTENSION_HOST = 'web worker extension host';
