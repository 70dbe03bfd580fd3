/**
 * Which extension host this bundle was built for, named in the log. The web bundle takes
 * `extensionHost.web.ts` instead (esbuild.mjs swaps any `x.ts` that has an `x.web.ts` beside it): the place
 * for what differs on the web, where there is neither Node nor the DOM.
 */
export const EXTENSION_HOST: string = 'Node.js extension host';
