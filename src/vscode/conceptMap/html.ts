import * as vscode from 'vscode';

/** A fresh random nonce for the one script the panel may run. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The panel's page: a strict CSP that allows only our nonce'd script and local styles, and no note text
 * at all (notes arrive later as messages and are written into the DOM as text by the webview).
 */
export function renderConceptMapHtml(webview: vscode.Webview, extensionUri: vscode.Uri, nonce: string): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'dist', 'conceptMap.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'conceptMap.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${style.toString()}">
  <title>Concept Map</title>
</head>
<body>
  <header>
    <label for="search">Search concepts</label>
    <input id="search" type="search" placeholder="Search concepts" autocomplete="off">
    <span id="count" role="status" aria-live="polite"></span>
  </header>
  <ul id="concepts" aria-label="Concepts"></ul>
  <script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
