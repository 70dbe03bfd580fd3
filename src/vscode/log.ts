import * as vscode from 'vscode';

/** The extension's log channel, "Alignment Notes" in the Output panel. */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Alignment Notes', { log: true });
}
