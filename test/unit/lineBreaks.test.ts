import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { lineBreakAt, lineBreakLength } from '../../src/core/util/lineBreaks';

/** The lines of `text` as the analysis walks them: the helpers from offset 0 on, asked whether the text holds a `\r` once. */
function linesOf(text: string): string[] {
  const carriageReturns = text.includes('\r');
  const lines: string[] = [];
  let at = 0;
  for (let end = lineBreakAt(text, 0, carriageReturns); end >= 0; end = lineBreakAt(text, at, carriageReturns)) {
    lines.push(text.slice(at, end));
    at = end + lineBreakLength(text, end);
  }
  lines.push(text.slice(at));
  return lines;
}

describe('line breaks: the next one found by a native search, as editors count them', () => {
  it('splits a note as `\\r\\n`, a lone `\\r` and `\\n` split it, with any mix of them', () => {
    assert.deepEqual(linesOf('# Unit 1\n\n* **Schemer**: a model\r\nthat plans\rahead\n'), ['# Unit 1', '', '* **Schemer**: a model', 'that plans', 'ahead', '']);
    assert.deepEqual(linesOf('no break at all'), ['no break at all']);
    assert.deepEqual(linesOf('\r\n\r\r\n\n'), ['', '', '', '', '']);
  });

  it('agrees with the regular expression for any text of breaks and other characters, and from any offset', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('\n', '\r\n', '\r', '\u2028'), fc.string({ maxLength: 6 })), { maxLength: 40 }), fc.nat(), (parts, seed) => {
        const text = parts.join('');
        assert.deepEqual(linesOf(text), text.split(/\r\n|\r|\n/));
        const from = text.length === 0 ? 0 : seed % text.length;
        const expected = /\r\n|\r|\n/g;
        expected.lastIndex = from;
        const found = expected.exec(text);
        const at = lineBreakAt(text, from, text.includes('\r'));
        assert.equal(at, found ? found.index : -1);
        if (found) assert.equal(lineBreakLength(text, at), found[0].length);
      }),
    );
  });
});
