import * as vscode from 'vscode';
import type { ExportFormat } from '../../shared/protocol';

const FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  png: { 'PNG image': ['png'] },
  svg: { 'SVG drawing': ['svg'] },
};

/** The bytes to write for data the protocol has already checked: a PNG data URL decoded, or SVG text. */
function exportBytes(format: ExportFormat, data: string): Uint8Array {
  if (format === 'svg') return new TextEncoder().encode(data);
  const binary = atob(data.slice(data.indexOf(',') + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((byte, i) => bytes[i] === byte);
}

/**
 * Asks where to save the exported view (offering `concept-map.<format>` in the first workspace folder) and
 * writes it through `workspace.fs`, so it also works in web and remote workspaces. Returns the file, or
 * undefined when the user cancelled or the data was not what it claimed to be.
 */
export async function saveExport(format: ExportFormat, data: string, log: vscode.LogOutputChannel): Promise<vscode.Uri | undefined> {
  const bytes = exportBytes(format, data);
  if (format === 'png' && !isPng(bytes)) {
    log.warn('Concept map: the exported PNG was not a PNG; nothing saved.');
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  const target = await vscode.window.showSaveDialog({
    title: `Export Concept Map as ${format.toUpperCase()}`,
    filters: FILTERS[format],
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder.uri, `concept-map.${format}`) } : {}),
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, bytes);
  log.info(`Concept map: exported the view to ${target.toString(true)} (${bytes.length} bytes).`);
  return target;
}
