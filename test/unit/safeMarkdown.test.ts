import { strict as assert } from 'node:assert';
import { safeMarkdown } from '../../src/core/render/safeMarkdown';

const CITATION = 'https://github.com/org/course/blob/main/units/Unit%201.md#intro';

describe('safeMarkdown', () => {
  it('links a citation to its local note whatever the workspace scheme: file, vscode-remote (the web) or vscode-vfs (github.dev)', () => {
    for (const local of ['file:///notes/units/Unit%201.md#L5', 'vscode-remote://127.0.0.1:8080/notes/units/Unit%201.md#L5', 'vscode-vfs://github/org/course/units/Unit%201.md#L5']) {
      assert.equal(safeMarkdown(`agreed rules [[Unit 1]](${CITATION}).`, (url) => (url === CITATION ? local : undefined)), `agreed rules [[Unit 1]](${local}).`);
    }
  });

  it('keeps a note-written link only to a web page, mail, file or anchor; any other scheme keeps only its text', () => {
    const markdown = '[web](https://example.org) [run](command:workbench.action.terminal.new) [remote](vscode-remote://host/x.md) [top](#top)';
    assert.equal(safeMarkdown(markdown), '[web](https://example.org) run remote [top](#top)');
  });

  it('keeps a note-written link the rewrite does not know as it is', () => {
    assert.equal(safeMarkdown(`[[Unit 1]](${CITATION})`, () => undefined), `[[Unit 1]](${CITATION})`);
  });
});
