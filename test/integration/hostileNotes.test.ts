import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, eventually, hoversAt, hoverText, positionOf, sampleNote } from './helpers';

const encoder = new TextEncoder();

/** A note of hostile definitions: markup, scripts, links that run things, and a term with 1,000 aliases. */
const PAYLOADS = [
  '# Hostile payloads',
  '',
  '* **<script>alert(1)</script>**: a term that is a script tag.',
  '* **Payload term**: <script>alert(document.cookie)</script> <img src=x onerror=alert(1)> [run](command:workbench.action.terminal.new) [js](javascript:alert(1)) [data](data:text/html,x) [[Unit 1]](<java\tscript:alert(1)>) [[Unit 1]](command:workbench.action.quit) <a href="command:workbench.action.quit">quit</a>',
  `* **Many names term** (${Array.from({ length: 1_000 }, (_, i) => `alias number ${i}`).join(', ')}): a term with a thousand aliases.`,
  '* **__proto__**: a term named like a property.',
  '',
  'The payload term, the many names term and __proto__ in prose.',
].join('\n');

/** Every hover content as markdown, with whether it is trusted or may render HTML. */
function contentsOf(hovers: readonly vscode.Hover[]): { value: string; trusted: boolean; html: boolean }[] {
  return hovers.flatMap((hover) =>
    hover.contents.map((content) => {
      if (typeof content === 'string') return { value: content, trusted: false, html: false };
      const markdown = content as vscode.MarkdownString;
      return { value: markdown.value, trusted: markdown.isTrusted !== undefined && markdown.isTrusted !== false, html: markdown.supportHtml === true };
    }),
  );
}

/** Hover markdown must not be trusted, render HTML, keep a raw tag, or link to a scheme that runs or loads. */
function assertInert(hovers: readonly vscode.Hover[]): string {
  const contents = contentsOf(hovers);
  assert.ok(contents.length > 0, 'no hover');
  for (const { value, trusted, html } of contents) {
    assert.equal(trusted, false, 'hover is trusted');
    assert.equal(html, false, 'hover renders HTML');
    assert.doesNotMatch(value, /\]\(\s*<?\s*(?:command|javascript|data|vscode|java\s*script):/i, value);
    assert.doesNotMatch(value, /<(?:script|img|a|iframe)\b/i, value);
  }
  return contents.map((content) => content.value.replace(/&nbsp;/g, ' ')).join('\n');
}

describe('hostile notes in the extension host', () => {
  const payloads = sampleNote('hostile', 'Payloads.md');
  const binary = sampleNote('hostile', 'image.md');
  const huge = sampleNote('hostile', 'Huge export.md');
  const complex = sampleNote('hostile', 'Pasted chat log.md');

  before(async function () {
    this.timeout(60_000);
    const api = await activateExtension();
    const logged = api.log.count();
    await vscode.workspace.fs.writeFile(payloads, encoder.encode(PAYLOADS));
    await vscode.workspace.fs.writeFile(binary, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, ...Array.from({ length: 2_000 }, (_, i) => (i * 31) % 256)]));
    await vscode.workspace.fs.writeFile(huge, encoder.encode(`* **Huge term**: defined in a note too large to analyse.\n\n${'Prose line.\n'.repeat(100_000)}`));
    // 5,000 nested emphasis openers and their closers: remark took about 17 s over this paragraph.
    await vscode.workspace.fs.writeFile(complex, encoder.encode(`# Pasted\n\n${'*a '.repeat(5_000)}${'b* '.repeat(5_000)}\n\n* **Pasted term**: defined after it.\n`));
    const notes = [payloads, binary, huge, complex];
    // On a time-out, which notes are missing and what the extension logged meanwhile tell a lost event from a slow analysis.
    await eventually('the hostile notes to be indexed', () => (notes.every((uri) => api.index.hasNote(uri.toString())) ? true : undefined), 30_000).catch((error: unknown) => {
      const missing = notes.filter((uri) => !api.index.hasNote(uri.toString())).map((uri) => vscode.workspace.asRelativePath(uri, false));
      throw new Error(`${error instanceof Error ? error.message : String(error)}; missing: ${missing.join(', ')}; logged meanwhile: ${api.log.since(logged).join(' | ') || 'nothing'}`);
    });
  });

  after(async () => {
    await vscode.workspace.fs.delete(sampleNote('hostile'), { recursive: true }).then(undefined, () => undefined);
  });

  it('hovers on a term whose definition carries scripts, HTML and command/javascript/data links are untrusted and inert', async () => {
    const document = await vscode.workspace.openTextDocument(payloads);
    const text = assertInert(await hoversAt(document, positionOf(document, 'payload term,', 2)));
    assert.match(text, /Payload term/);
    assert.match(text, /&lt;script/, 'the script tag is shown as text');
  });

  it('a hover on a term with 1,000 aliases lists a few and says how many more', async () => {
    const document = await vscode.workspace.openTextDocument(payloads);
    const text = assertInert(await hoversAt(document, positionOf(document, 'many names term and', 5)));
    assert.match(text, /and 988 more/);
    assert.ok(text.length < 3_000, `hover of ${text.length} characters`);
  });

  it('completions from hostile terms carry no command and untrusted documentation', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Payl' });
    const list = await eventually('completions of a hostile term', async () => {
      const found = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 4));
      return found.items.some((item) => item.detail?.startsWith('Alignment Notes')) ? found : undefined;
    });
    const ours = list.items.filter((item) => item.detail?.startsWith('Alignment Notes'));
    for (const item of ours) {
      assert.equal(item.command, undefined, 'a completion item carries a command');
      const documentation = item.documentation;
      if (documentation instanceof vscode.MarkdownString) {
        assert.notEqual(documentation.isTrusted, true);
        assert.notEqual(documentation.supportHtml, true);
        assert.doesNotMatch(documentation.value, /\]\(\s*(?:command|javascript|data):/i);
      }
    }
  });

  it('a binary .md, a note over the size limit, a paragraph too complex to read and a command: citation get a diagnostic each, and the workspace keeps working', async () => {
    const codes = (uri: vscode.Uri): string[] => vscode.languages.getDiagnostics(uri).map((d) => String(d.code));
    await eventually('the binary note diagnostic', () => (codes(binary).includes('note-binary') ? true : undefined), 20_000);
    await eventually('the note-too-large diagnostic', () => (codes(huge).includes('note-too-large') ? true : undefined), 20_000);
    await eventually('the unsafe citation diagnostic', () => (codes(payloads).includes('citation-unsafe-link') ? true : undefined), 20_000);
    const tooComplex = await eventually('the paragraph-too-complex diagnostic', () => vscode.languages.getDiagnostics(complex).find((d) => d.code === 'paragraph-too-complex'), 20_000);
    assert.deepEqual([tooComplex.range.start.line, tooComplex.severity], [2, vscode.DiagnosticSeverity.Warning]);
    const pasted = await vscode.workspace.openTextDocument(complex);
    assert.match(hoverText(await hoversAt(pasted, positionOf(pasted, 'Pasted term', 2))), /defined after it/, 'the note after the paragraph is still analysed');
    const document = await vscode.workspace.openTextDocument(payloads);
    assertInert(await hoversAt(document, positionOf(document, '__proto__ in', 3)));
  });
});
