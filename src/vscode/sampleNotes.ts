import * as vscode from 'vscode';

/** The folder the samples are copied to under the folder the user picks; `-2`, `-3`... when the name is taken. */
export const SAMPLES_FOLDER = 'alignment-notes-samples';
/** Names tried before giving up: a folder holding a hundred copies already says something went wrong. */
const MOST_COPIES = 100;

/** What the command asks of the user; the tests give their own, the real VS Code is behind the defaults. */
export interface SampleNotesChoices {
  /** Where to put the copy; undefined when the user cancels. */
  pickParent(): Thenable<vscode.Uri | undefined>;
  /** Opens the copy. */
  open(folder: vscode.Uri): Thenable<unknown>;
}

const USER_CHOICES: SampleNotesChoices = {
  pickParent: async () =>
    (
      await vscode.window.showOpenDialog({
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: false,
        title: 'Alignment Notes: where should the sample notes go?',
        openLabel: 'Copy the Samples Here',
      })
    )?.[0],
  // A window that has a folder open keeps it: the samples open in a new one.
  open: (folder) => vscode.commands.executeCommand('vscode.openFolder', folder, { forceNewWindow: (vscode.workspace.workspaceFolders?.length ?? 0) > 0 }),
};

/**
 * "Alignment Notes: Open Sample Notes": copies the samples shipped with the extension (a course and a vault)
 * into a new folder under one the user picks and opens it. It never writes over anything: the copy goes to a
 * name that does not exist yet, and the copy itself refuses to overwrite. Returns the new folder.
 */
export async function openSampleNotes(extensionUri: vscode.Uri, log: vscode.LogOutputChannel, choices: SampleNotesChoices = USER_CHOICES): Promise<vscode.Uri | undefined> {
  const parent = await choices.pickParent();
  if (!parent) return undefined;
  const source = vscode.Uri.joinPath(extensionUri, 'samples');
  for (let copy = 1; copy <= MOST_COPIES; copy++) {
    const target = vscode.Uri.joinPath(parent, copy === 1 ? SAMPLES_FOLDER : `${SAMPLES_FOLDER}-${copy}`);
    if (await exists(target)) continue;
    try {
      await vscode.workspace.fs.copy(source, target, { overwrite: false });
    } catch (error) {
      // Made by someone else since the check: try the next name.
      if (error instanceof vscode.FileSystemError && error.code === 'FileExists') continue;
      const message = `Could not copy the sample notes to ${target.fsPath || target.toString(true)}: ${error instanceof Error ? error.message : String(error)}`;
      log.error(message);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
    log.info(`Copied the sample notes to ${target.toString(true)}.`);
    await choices.open(target);
    return target;
  }
  const message = `Could not copy the sample notes: ${SAMPLES_FOLDER} and its numbered copies up to ${MOST_COPIES} all exist in ${parent.toString(true)}. Pick another folder.`;
  log.warn(message);
  void vscode.window.showWarningMessage(message);
  return undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}
