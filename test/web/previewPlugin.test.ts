import { strict as assert } from 'node:assert';
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownItInstance } from 'markdown-it';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, sampleNote, SUMMARY } from '../integration/helpers';

/**
 * Where VS Code's Markdown extension runs in the web worker host too (vscode.dev: no remote), it calls this
 * extension's `extendMarkdownIt` there; code-server runs it in its Node host only (docs/DEVELOPMENT.md). These run
 * the plugin as that extension would, on the sample course.
 */
describe('Markdown preview plugin in the web worker extension host', () => {
  it('gives a Markdown extension in this worker (vscode.dev\'s) a working preview plugin: terms, citations inline or by reference, wikilinks', async () => {
    const api = await activateExtension();
    await api.ready;
    // As VS Code's Markdown extension calls it: the extension's exports, on its own markdown-it, per document.
    const exports = vscode.extensions.getExtension<{ extendMarkdownIt?: (md: MarkdownItInstance) => MarkdownItInstance }>(EXTENSION_ID)?.exports;
    assert.ok(exports?.extendMarkdownIt, 'the web bundle exports no extendMarkdownIt');
    const md = exports.extendMarkdownIt(new MarkdownIt({ html: true, linkify: true }));
    const unit = 'https://github.com/alignment-notes/course-notes/blob/main/AI-Alignment-Fast-Track/Unit%201%3A%20Losing%20control%20to%20AI.md#what-is-ai-alignment';
    const text = `Schemers, per [[Unit 1]](${unit}) and [[Unit 1]][u1], and [[Course summary#Key definitions]].\n\n[u1]: ${unit}\n`;
    const html = md.render(text, { currentDocument: sampleNote(...SUMMARY) });
    assert.match(html, /<span class="an-term" [^>]*>Schemers<\/span>/);
    const local = /href="\.\/units\/Unit%201%20-%20Losing%20control%20to%20AI\.md#what-is-ai-alignment"[^>]*class="an-citation"/g;
    assert.equal(html.match(local)?.length, 2, 'both citations lead to the local unit');
    assert.match(html, /<a class="an-wikilink" [^>]*href="\.\/Course%20summary\.md#key-definitions"/);
  });
});
