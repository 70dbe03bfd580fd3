/** A problem with the machine or the set-up, reported as one line without a stack trace. */
export class SetupError extends Error {
  override readonly name = 'SetupError';
}

/** Runs `main`, printing a `SetupError` as one line and exiting 1; other errors keep their stack. */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof SetupError) console.error(`alignment-notes: ${error.message}`);
      else console.error(error);
      process.exit(1);
    },
  );
}

/** Fails early on a Node.js other than 20, the only major the offline VS Code (code-server 4.100.3) runs on. */
export function assertNodeVersion(version = process.versions.node): void {
  if (Number(version.split('.')[0]) !== 20) {
    throw new SetupError(`Node.js 20 is required (found v${version}): the offline VS Code, code-server 4.100.3, runs only on Node 20.`);
  }
}
