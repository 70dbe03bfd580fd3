import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { utf8Parts } from '../../src/core/util/utf8Parts';
import { finish } from '../../src/core/util/steps';

describe('utf8Parts: cache parts encoded into one buffer', () => {
  it('gives the bytes of the joined parts, two steps a part, however many characters take more than a byte', () => {
    const parts = ['{"head":1}\n', 'plain ASCII', 'goal misgeneralisation — “quoted” → arrows', '数学と整合性', '🧠🤖 emoji pairs', '', 'a lone \uD800 surrogate'];
    const steps = utf8Parts(parts);
    let count = 0;
    for (let next = steps.next(); ; next = steps.next()) {
      if (next.done === true) {
        assert.deepEqual(Buffer.from(next.value), Buffer.from(new TextEncoder().encode(parts.join(''))));
        break;
      }
      count++;
    }
    assert.equal(count, 2 * parts.length, 'a step to count each part, and one to encode it');
  });

  it('equals TextEncoder on the joined text for any parts: lone surrogates, pairs, and characters of every width', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), { maxLength: 12 }), (parts) => {
        assert.deepEqual(Buffer.from(finish(utf8Parts(parts))), Buffer.from(new TextEncoder().encode(parts.join(''))));
      }),
      { seed: 6, numRuns: 300 },
    );
  });
});
