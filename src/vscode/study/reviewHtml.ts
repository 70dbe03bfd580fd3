import * as vscode from 'vscode';

/**
 * The review panel's page: our one nonce'd script and our stylesheet, nothing else (no inline code, no network,
 * no images). It holds no note text: cards arrive as messages and the script writes them with `textContent`.
 */
export function renderReviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, nonce: string): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'dist', 'review.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'review.css'));
  const csp = ["default-src 'none'", `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${style.toString()}">
  <title>Flashcards</title>
</head>
<body>
  <header>
    <span id="filter"></span>
    <span id="progress" role="status" aria-live="polite"></span>
  </header>
  <main id="card" tabindex="-1" aria-live="polite">
    <p id="question-label" class="label"></p>
    <div id="question" class="question"></div>
    <div id="answer" class="answer" hidden>
      <p class="label" id="answer-label"></p>
      <div id="answer-body"></div>
      <ol id="sources" class="sources" aria-label="Where it is written"></ol>
    </div>
  </main>
  <footer>
    <button type="button" id="reveal" title="Show the answer (Space)">Show answer <kbd>Space</kbd></button>
    <div id="grades" class="grades" hidden role="group" aria-label="How well did you remember?">
      <button type="button" data-grade="again" title="Again (1)"><span class="name">Again</span> <kbd>1</kbd> <span class="interval"></span></button>
      <button type="button" data-grade="hard" title="Hard (2)"><span class="name">Hard</span> <kbd>2</kbd> <span class="interval"></span></button>
      <button type="button" data-grade="good" title="Good (3)"><span class="name">Good</span> <kbd>3</kbd> <span class="interval"></span></button>
      <button type="button" data-grade="easy" title="Easy (4)"><span class="name">Easy</span> <kbd>4</kbd> <span class="interval"></span></button>
    </div>
    <div id="done" hidden>
      <p id="done-text"></p>
      <button type="button" id="again" title="Start another session (Enter)">Review more…</button>
    </div>
  </footer>
  <script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
