// One build script for every bundle the project needs.
//   node esbuild.mjs               extension (Node + web), webview, tests and scripts, with source maps
//   node esbuild.mjs --watch       the same, rebuilt on change
//   node esbuild.mjs --production  only what ships in the .vsix, minified, no source maps
// unified and remark are ESM-only; bundling the tests to CommonJS lets plain mocha run them.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Lists `*.ts` files under `dir` whose names end in `suffix`, recursively. */
function filesUnder(dir, suffix) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, suffix);
    return path.endsWith(suffix) ? [path] : [];
  });
}

/** Prints start/end lines in the format of VS Code's esbuild problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * `import source from './x.worker.ts?worker'` bundles that file on its own and imports its code as text,
 * so the webview can start it as a worker from a `blob:` URL without shipping or fetching a second file.
 */
const inlineWorker = {
  name: 'inline-worker',
  setup(build) {
    build.onResolve({ filter: /\?worker$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.slice(0, -'?worker'.length)),
      namespace: 'inline-worker',
    }));
    build.onLoad({ filter: /.*/, namespace: 'inline-worker' }, async (args) => {
      const result = await esbuild.build({
        entryPoints: [args.path],
        bundle: true,
        write: false,
        metafile: true,
        format: 'iife',
        platform: 'browser',
        target: 'es2022',
        minify: production,
        logLevel: 'silent',
      });
      return { contents: result.outputFiles[0].text, loader: 'text', watchFiles: Object.keys(result.metafile.inputs).map((file) => resolve(file)) };
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  plugins: watch ? [problemMatcher] : [],
};

/**
 * VS Code's web worker extension host (vscode.dev, github.dev, code-server's browser extensions): a worker,
 * so neither the DOM nor Node. Packages' `browser` builds may use the DOM (decode-named-character-reference's
 * reads entities through `document`); the `worker` condition, listed first by such packages, picks their
 * DOM-free build. The loader provides only `vscode`; test/unit/webBundle.test.ts checks the output.
 */
const webWorker = {
  platform: 'browser',
  conditions: ['worker'],
  format: 'cjs',
  target: 'es2022',
  external: ['vscode'],
};

/** `node:assert` in the web test bundles: test/web/assert.ts, the same assertions on chai. */
const nodeAssertForTheWeb = {
  name: 'node-assert-for-the-web',
  setup(build) {
    build.onResolve({ filter: /^node:assert$/ }, () => ({ path: resolve('test/web/assert.ts') }));
  },
};

/** What ships: the extension and webview in the .vsix, and the CLI (`bin`) in the npm package. */
const shipped = [
  {
    ...common,
    entryPoints: ['src/desktop.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    ...webWorker,
    entryPoints: ['src/web.ts'],
    outfile: 'dist/web/extension.js',
  },
  {
    ...common,
    ...webWorker,
    // Analyses notes on a Worker of the web worker extension host (src/webHost/blobWorkers.ts), a script of its own.
    entryPoints: ['src/webHost/analysisWorker.ts'],
    outfile: 'dist/web/analysisWorker.js',
    format: 'iife',
  },
  {
    ...common,
    entryPoints: ['src/cli/bin.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    // Analyses notes on worker threads for the CLI and the desktop extension host (src/node/analysisPool.ts).
    entryPoints: ['src/node/analysisWorker.ts'],
    outfile: 'dist/analysisWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'media/dist/conceptMap.js',
    // Minified in every build (the source map still names the sources): the script is fetched and parsed on
    // the way to the map's first picture, and 1.5 MB unminified took about 130 ms longer from the page's
    // start to the script loaded than 0.66 MB minified does in the bench's first opening.
    minify: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    plugins: [...common.plugins, inlineWorker],
  },
  {
    ...common,
    entryPoints: ['src/webview/review/main.ts'],
    outfile: 'media/dist/review.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    // The Markdown preview's script (`contributes.markdown.previewScripts`): shows the terms' tooltips.
    entryPoints: ['src/webview/preview/tooltips.ts'],
    outfile: 'media/dist/preview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

/** Tests and developer scripts: never shipped. */
const development = [
  {
    ...common,
    entryPoints: filesUnder('test/unit', '.test.ts'),
    outdir: 'out/test/unit',
    outbase: 'test/unit',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The core's ESM-only packages are bundled; the scripts' tools and TypeScript (webBundle.test.ts) load from node_modules.
    external: ['mocha', 'playwright-core', '@vscode/test-electron', 'typescript'],
  },
  {
    ...common,
    entryPoints: ['test/integration/index.ts', ...filesUnder('test/integration', '.test.ts')],
    outdir: 'out/test/integration',
    outbase: 'test/integration',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  },
  {
    ...common,
    ...webWorker,
    // The integration tests that run in the web worker extension host: one self-contained bundle per suite
    // (its loader provides only `vscode`), with mocha's browser build and node:assert mapped onto chai.
    entryPoints: ['test/web/main.ts', 'test/web/vault.ts'],
    outdir: 'out/test/web',
    outbase: 'test/web',
    plugins: [...common.plugins, nodeAssertForTheWeb],
  },
  {
    ...common,
    // Tests in Node that start, reload and kill a real extension host, and the agent each such host runs.
    entryPoints: ['test/process/agent.ts', ...filesUnder('test/process', '.test.ts')],
    outdir: 'out/test/process',
    outbase: 'test/process',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
  },
  {
    ...common,
    // One bundle, so that every e2e file shares one running VS Code.
    entryPoints: ['test/e2e/index.ts'],
    outfile: 'out/test/e2e/all.test.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
  },
  {
    ...common,
    entryPoints: ['scripts/start.ts', 'scripts/test.ts'],
    outdir: 'out/scripts',
    outbase: 'scripts',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
  },
  {
    ...common,
    // The benchmark (`npm run bench`): bench/*.ts → out/bench/. The core's ESM-only packages and the
    // language-service baseline are bundled; the browser driver and the packager load from node_modules.
    entryPoints: readdirSync('bench').filter((name) => name.endsWith('.ts')).map((name) => join('bench', name)),
    outdir: 'out/bench',
    outbase: 'bench',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['playwright-core', '@vscode/vsce', '@vscode/test-electron'],
  },
];

const targets = production ? shipped : [...shipped, ...development];
for (const dir of production ? ['dist', 'media/dist'] : ['dist', 'media/dist', 'out']) {
  rmSync(dir, { recursive: true, force: true });
}

try {
  if (watch) {
    for (const options of targets) await (await esbuild.context(options)).watch();
  } else {
    await Promise.all(targets.map((options) => esbuild.build(options)));
  }
} catch {
  // esbuild has already printed the errors with their locations.
  process.exit(1);
}
