/** Link targets a hover may keep: web pages, mail, files and in-note anchors. */
const SAFE_TARGET = /^(?:https?:|mailto:|file:|#)/i;

/**
 * Note markdown made safe to show in a hover, on top of VS Code's untrusted rendering: images are dropped
 * (no remote loads from a hover), raw HTML tags are shown as text, and a link whose target is anything but
 * a web page, mail, file or anchor (`command:`, `javascript:`, `data:`, `vscode:`) keeps only its text.
 * `rewrite` may replace a link's target, e.g. a citation's GitHub URL by its local note: the host's own
 * target is kept whatever its scheme (a note on the web is `vscode-remote:`, `vscode-vfs:`..., not `file:`).
 */
export function safeMarkdown(markdown: string, rewrite: (url: string) => string | undefined = () => undefined): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[((?:\[[^\]]*\]|[^[\]])*)\]\(\s*<?([^)\s>]*)>?(\s+"[^"]*")?\s*\)/g, (_match, text: string, url: string) => {
      const local = rewrite(url);
      if (local !== undefined) return `[${text}](${local})`;
      return SAFE_TARGET.test(url) ? `[${text}](${url})` : text;
    })
    .replace(/</g, '&lt;');
}
