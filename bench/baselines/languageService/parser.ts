import MarkdownIt from 'markdown-it';
import { githubSlugifier, type IMdParser } from 'vscode-markdown-languageservice';

/** The parser the language service's own tests use: markdown-it with HTML, and its GitHub slugifier. */
export function markdownItParser(): IMdParser {
  const md = new MarkdownIt({ html: true });
  return {
    slugifier: githubSlugifier,
    async tokenize(document) {
      return md.parse(document.getText(), {});
    },
  };
}
