// The core's analysis worker (src/node/analysisWorker.ts), bundled beside the bench as out/bench/analysisWorker.js,
// so a concurrent `node esbuild.mjs --production` that rewrites dist/ cannot pull it away mid-run.
import '../src/node/analysisWorker';
