import * as vscode from 'vscode';

/** A fresh random nonce for the one script the panel may run. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The page's content security policy: our one nonce'd script, our stylesheet, and the layout and link
 * workers, which the script starts from `blob:` URLs of their own bundled source (a worker cannot load from the
 * webview's resource origin). No inline styles or scripts, no network, no images, no frames.
 */
function conceptMapCsp(webview: vscode.Webview, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    'worker-src blob:',
  ].join('; ');
}

/**
 * The panel's page: controls and empty containers only, and no note text at all (the graph arrives later
 * as a message and the webview writes it into the DOM as text, or onto the canvas).
 */
export function renderConceptMapHtml(webview: vscode.Webview, extensionUri: vscode.Uri, nonce: string): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'dist', 'conceptMap.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'conceptMap.css'));
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${conceptMapCsp(webview, nonce)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${style.toString()}">
  <!-- cytoscape.js adds an inline <style> (which the CSP blocks) unless an element with this id exists. -->
  <meta name="cytoscape-stylesheet" id="__________cytoscape_stylesheet">
  <title>Concept Map</title>
</head>
<body>
  <header class="toolbar" role="toolbar" aria-label="Concept map">
    <label class="visually-hidden" for="search">Search concepts</label>
    <input id="search" type="search" placeholder="Search concepts" autocomplete="off" spellcheck="false">
    <label class="visually-hidden" for="scope">Show</label>
    <select id="scope" title="What the map shows">
      <option value="0">Whole map</option>
      <option value="1">Around cursor: 1 link</option>
      <option value="2">Around cursor: 2 links</option>
      <option value="3">Around cursor: 3 links</option>
      <option value="path">Path between two concepts</option>
      <option value="orphans">Orphans</option>
    </select>
    <span class="group">
      <button type="button" id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
      <button type="button" id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">−</button>
      <button type="button" id="fit" title="Fit the map to the panel (0)">Fit</button>
    </span>
    <span class="group">
      <button type="button" id="export-png" title="Save the current view as a PNG image">PNG</button>
      <button type="button" id="export-svg" title="Save the current view as an SVG drawing">SVG</button>
    </span>
    <button type="button" id="drawer-toggle" aria-expanded="false" aria-controls="drawer" title="Legend and filters">Legend</button>
  </header>
  <ul id="nodes" class="visually-hidden" role="listbox" tabindex="0"
    aria-label="Concepts on the map: arrow keys move between them, Enter opens one"></ul>
  <div class="content">
    <div id="map" data-state="empty" aria-hidden="true"></div>
    <span id="status" role="status" aria-live="polite"></span>
    <aside id="drawer" aria-label="Legend and filters" hidden>
      <fieldset id="edge-filter">
        <legend>Links</legend>
      </fieldset>
      <fieldset id="node-kinds">
        <legend>Nodes</legend>
      </fieldset>
      <fieldset id="cluster-filter">
        <legend>Groups</legend>
      </fieldset>
    </aside>
    <div id="tooltip" role="tooltip" hidden></div>
  </div>
  <script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
