import { type ConceptNode, type FromWebviewMessage, isToWebviewMessage, readConceptMapState } from '../shared/protocol';

/**
 * The concept-map page. Note text only ever reaches the DOM through `textContent` and `title`,
 * never through HTML, so a concept named `<img src=x onerror=...>` stays text.
 */
const vscode = acquireVsCodeApi();
const search = document.getElementById('search') as HTMLInputElement;
const list = document.getElementById('concepts') as HTMLUListElement;
const count = document.getElementById('count') as HTMLSpanElement;
let nodes: readonly ConceptNode[] = [];

function post(message: FromWebviewMessage): void {
  vscode.postMessage(message);
}

function render(): void {
  const query = search.value.trim().toLowerCase();
  const shown = nodes.filter((node) => query === '' || node.label.toLowerCase().includes(query));
  list.replaceChildren(
    ...shown.map((node) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'concept';
      button.textContent = node.label;
      button.title = node.summary;
      button.dataset.id = node.id;
      button.addEventListener('click', () => post({ type: 'openConcept', id: node.id }));
      item.append(button);
      return item;
    }),
  );
  count.textContent = `${shown.length} of ${nodes.length} concepts`;
}

search.value = readConceptMapState(vscode.getState()).query;
search.addEventListener('input', () => {
  vscode.setState({ query: search.value });
  render();
});
window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isToWebviewMessage(event.data)) return;
  nodes = event.data.nodes;
  render();
  post({ type: 'rendered', nodeCount: nodes.length });
});
post({ type: 'ready' });
