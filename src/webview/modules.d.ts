/** A worker entry bundled into the importing script as source text (see the `inline-worker` plugin in esbuild.mjs). */
declare module '*?worker' {
  const source: string;
  export default source;
}
