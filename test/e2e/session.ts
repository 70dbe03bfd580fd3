import { Workbench } from './workbench';

let shared: Promise<Workbench> | undefined;

/** The VS Code with the extension under development, started once for the suites that share it. */
export function developmentWorkbench(): Promise<Workbench> {
  shared ??= Workbench.start({ name: 'development', development: true });
  return shared;
}

after(async () => {
  if (shared) await (await shared).close();
});
