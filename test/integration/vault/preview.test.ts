import { strict as assert } from 'node:assert';
import { activateExtension, openNote } from '../helpers';
import { renderPreview, tooltipOf } from '../previewHtml';

/** The Markdown preview of the sample vault: wikilinks, broken ones, embeds and concept pages' terms. */
describe('Markdown preview of a vault (VS Code\'s own rendering)', () => {
  before(activateExtension);

  it('leads wikilinks, aliased or not, to their notes, and marks a broken one with a text marker', async () => {
    const index = await renderPreview(await openNote(['index.md']));
    assert.match(index, /<a class="an-wikilink" [^>]*href="\.\/concepts\/eliciting-latent-knowledge\.md" [^>]*>Eliciting Latent Knowledge<\/a>/);
    assert.match(index, /<a class="an-wikilink" [^>]*href="\.\/concepts\/outer-alignment\.md" [^>]*>concepts\/outer-alignment<\/a>/);
    const page = await renderPreview(await openNote(['concepts', 'power-seeking.md']));
    assert.match(page, /<span class="an-wikilink an-broken" [^>]*>concepts\/shard-theory<span class="an-broken-mark"> \(not found\)<\/span><\/span>/);
  });

  it('leads a wikilink to a heading of another folder\'s note, and shows an embed\'s title and first lines', async () => {
    const page = await renderPreview(await openNote(['concepts', 'goal-drift.md']));
    assert.match(page, /<a class="an-wikilink" [^>]*href="\.\.\/debates\/drift-vs-misgeneralisation\.md#arguments" [^>]*>debates\/drift-vs-misgeneralisation#Arguments<\/a>/);
    assert.match(page, /<span class="an-embed" [^>]*role="note" aria-label="Embedded: Drift grows with episode length"><a class="an-embed-title" [^>]*href="\.\.\/findings\/drift-in-long-tasks\.md"[^>]*>Drift grows with episode length<\/a><span class="an-embed-body">[^<]*stayed near zero for the first fifty steps/);
  });

  it('shows an embedded image as the image, from its attachments folder', async () => {
    const page = await renderPreview(await openNote(['concepts', 'reward-hacking.md']));
    assert.match(page, /<img class="an-embed-image" [^>]*src="\.\.\/attachments\/proxy-gap\.svg" alt="proxy-gap\.svg">/);
  });

  it('marks a concept page\'s term where another page uses it, with the page\'s definition in the tooltip', async () => {
    const page = await renderPreview(await openNote(['concepts', 'power-seeking.md']));
    assert.match(tooltipOf(page, 'instrumental convergence'), /<span class="an-tooltip-term">[^<]+<\/span>.*concepts\/instrumental-convergence\.md:\d+/s);
  });
});
