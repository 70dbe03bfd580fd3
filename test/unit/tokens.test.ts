import { strict as assert } from 'node:assert';
import { acronymOf, canonicalToken, isAcronym, WordCursor, words } from '../../src/core/occurrences/tokens';

/** The words of `text` as `[word, start, end]`. */
function spans(text: string, start?: number, end?: number): [string, number, number][] {
  return [...words(text, start, end)].map((word) => [word.text, word.start, word.end]);
}

function texts(text: string): string[] {
  return [...words(text)].map((word) => word.text);
}

/** Keys of the case-insensitive form. */
const key = (word: string): string => canonicalToken(word, false);

describe('words', () => {
  it('yields each word with its UTF-16 start and end offsets', () => {
    assert.deepEqual(spans('Debate may not catch schemers.'), [
      ['Debate', 0, 6],
      ['may', 7, 10],
      ['not', 11, 14],
      ['catch', 15, 20],
      ['schemers', 21, 29],
    ]);
  });

  it('keeps an apostrophe inside a word or at its end, straight or curly', () => {
    assert.deepEqual(texts("RLHF's reward model; the models' goals don't generalise"), [
      "RLHF's", 'reward', 'model', 'the', "models'", 'goals', "don't", 'generalise',
    ]);
    assert.deepEqual(texts('RLHF’s critics say the models’ goals don’t generalise'), [
      'RLHF’s', 'critics', 'say', 'the', 'models’', 'goals', 'don’t', 'generalise',
    ]);
  });

  it('never starts a word with an apostrophe and keeps only one at its end', () => {
    assert.deepEqual(texts("'tis the 'reward hacking' of models'' past"), ['tis', 'the', 'reward', "hacking'", 'of', "models'", 'past']);
  });

  it('splits words at hyphens, whitespace, newlines and punctuation', () => {
    assert.deepEqual(texts('Influence-seeking\n  behaviour (see: goal/reward), e.g. k-NN'), [
      'Influence', 'seeking', 'behaviour', 'see', 'goal', 'reward', 'e', 'g', 'k', 'NN',
    ]);
  });

  it('reads letters and digits of any script, with their combining marks', () => {
    const decomposed = 'nai\u0308ve';
    assert.deepEqual(texts(`GPT4 is naïve, ${decomposed}: Ελληνικά 对齐 über-alignment`), [
      'GPT4', 'is', 'naïve', decomposed, 'Ελληνικά', '对齐', 'über', 'alignment',
    ]);
  });

  it('counts offsets in UTF-16 units around characters outside the Basic Multilingual Plane', () => {
    // 𝐀𝐈 are mathematical bold capitals (letters, two units each); 🤖 is a symbol, so it separates.
    const text = '🤖 𝐀𝐈 safety🤖RLHF';
    assert.deepEqual(spans(text), [
      ['𝐀𝐈', 3, 7],
      ['safety', 8, 14],
      ['RLHF', 16, 20],
    ]);
  });

  it('reads only between start and end, with offsets into the whole text', () => {
    const text = 'Inner misalignment: the mesa-objective differs.';
    assert.deepEqual(spans(text, 20, 38), [
      ['the', 20, 23],
      ['mesa', 24, 28],
      ['objective', 29, 38],
    ]);
    // A word cut by the range is read as the part inside it.
    assert.deepEqual(spans(text, 9, 14), [['align', 9, 14]]);
  });

  it('never throws on odd input', () => {
    assert.deepEqual(spans(''), []);
    assert.deepEqual(spans('\ud800 lone \udc00 surrogates \ud800'), [
      ['lone', 2, 6],
      ['surrogates', 9, 19],
    ]);
    assert.deepEqual(spans('reward model', Number.NaN, Number.POSITIVE_INFINITY), [
      ['reward', 0, 6],
      ['model', 7, 12],
    ]);
    assert.deepEqual(spans('reward model', 9, 2), []);
    assert.deepEqual(spans(undefined as unknown as string), []);
  });
});

describe('WordCursor', () => {
  it('gives equal words equal hashes and different words different ones', () => {
    const cursor = new WordCursor('RLHF reward RLHF rlhf');
    const hashes: number[] = [];
    while (cursor.next()) hashes.push(cursor.hash);
    assert.equal(hashes[0], hashes[2]);
    assert.notEqual(hashes[0], hashes[1]);
    assert.notEqual(hashes[0], hashes[3]);
  });

  it('clamps its bounds and reads a non-string as empty instead of throwing', () => {
    assert.equal(new WordCursor(undefined as unknown as string).next(), false);
    const cursor = new WordCursor('RLHF', Number.NEGATIVE_INFINITY, Number.NaN);
    assert.equal(cursor.next(), true);
    assert.deepEqual([cursor.start, cursor.end], [0, 4]);
  });
});

describe('acronymOf and isAcronym', () => {
  it('recognise two or more capitals and digits with at least two letters', () => {
    for (const word of ['RLHF', 'SAE', 'GPT4', 'CO2', 'AI']) assert.equal(isAcronym(word), true, word);
    for (const word of ['Rlhf', 'rlhf', 'A1', '2024', 'I', 'Debate', 'ChatGPT']) assert.equal(isAcronym(word), false, word);
  });

  it('see through a possessive or a lower-case plural s', () => {
    assert.equal(acronymOf("RLHF's"), 'RLHF');
    assert.equal(acronymOf('RLHF’s'), 'RLHF');
    assert.equal(acronymOf('RLHFs'), 'RLHF');
    assert.equal(acronymOf("LLMs'"), 'LLM');
    assert.equal(acronymOf('Rlhf'), undefined);
  });
});

describe('canonicalToken', () => {
  it('folds case, except for acronyms matched case-sensitively', () => {
    assert.equal(key('Debate'), 'debate');
    assert.equal(key('RLHF'), 'rlhf');
    assert.equal(canonicalToken('RLHF', true), 'RLHF');
    assert.equal(canonicalToken("RLHF's", true), 'RLHF');
    assert.equal(canonicalToken('RLHFs', true), 'RLHF');
    assert.notEqual(canonicalToken('Rlhf', true), canonicalToken('RLHF', true));
  });

  it('gives singular and plural nouns the same key', () => {
    const pairs = [
      ['schemers', 'schemer'],
      ['Features', 'feature'],
      ['policies', 'policy'],
      ['boxes', 'box'],
      ['watches', 'watch'],
      ['wishes', 'wish'],
      ['glasses', 'glass'],
      ['biases', 'bias'],
      ['cases', 'case'],
      ['caches', 'cache'],
      ['movies', 'movie'],
      ['hypotheses', 'hypothesis'],
      ['uses', 'use'],
      ['autoencoders', 'autoencoder'],
    ];
    for (const [plural = '', singular = ''] of pairs) assert.equal(key(plural), key(singular), `${plural} / ${singular}`);
    assert.equal(key('schemers'), 'schemer');
    assert.equal(key('policies'), 'policy');
    assert.equal(key('boxes'), 'box');
    assert.equal(key('glasses'), 'glass');
  });

  it('drops possessives', () => {
    assert.equal(key("RLHF's"), 'rlhf');
    assert.equal(key("models'"), 'model');
    assert.equal(key('schemer’s'), 'schemer');
    assert.equal(key("Goodhart's"), 'goodhart');
  });

  it('keeps words whose final s is no plural', () => {
    for (const word of ['analysis', 'bus', 'class', 'news', 'its', 'this', 'series', 'species', 'lens', 'corrigibleness']) {
      assert.equal(key(word), word);
    }
  });

  it('does not make distinct common words collide', () => {
    const distinct = [
      'analysis', 'analyse', 'bus', 'buses', 'class', 'news', 'new', 'means', 'mean', 'its', 'it', 'use', 'us',
      'does', 'do', 'doe', 'lens', 'len', 'note', 'not', 'care', 'car', 'plan', 'plane', 'hat', 'hate', 'cut', 'cute',
      'rat', 'rate', 'bit', 'bite', 'state', 'stat', 'code', 'cod', 'mode', 'mod', 'four', 'for', 'hour', 'your',
      'our', 'or', 'tour', 'pour', 'this', 'thus', 'has', 'was', 'is', 'as', 'yes', 'his', 'always', 'always',
      'series', 'species', 'physics', 'economics', 'economic', 'politics', 'policy', 'police', 'goal', 'model',
      'modal', 'sense', 'tense', 'ten', 'case', 'cash', 'base', 'bass', 'reward', 'rewards', 'feature', 'features',
    ];
    const unique = [...new Set(distinct)];
    const variantsOfEachOther = new Set(['bus|buses', 'reward|rewards', 'feature|features', 'ten|tens']);
    const byKey = new Map<string, string>();
    for (const word of unique) {
      const other = byKey.get(key(word));
      if (other !== undefined) assert.ok(variantsOfEachOther.has(`${other}|${word}`), `${other} and ${word} share the key ${key(word)}`);
      byKey.set(key(word), word);
    }
  });

  it('spells British -ise, -isation and -yse the American way', () => {
    assert.equal(key('misgeneralise'), key('misgeneralize'));
    assert.equal(key('generalised'), key('generalized'));
    assert.equal(key('generalising'), key('generalizing'));
    assert.equal(key('generalises'), key('generalizes'));
    assert.equal(key('misgeneralisation'), 'misgeneralization');
    assert.equal(key('misgeneralisations'), 'misgeneralization');
    assert.equal(key('analysed'), key('analyzed'));
    assert.equal(key('recognisable'), key('recognizable'));
  });

  it('spells British -our the American way, leaving four, hour, your and our alone', () => {
    assert.equal(key('behaviour'), 'behavior');
    assert.equal(key('behaviours'), 'behavior');
    assert.equal(key('behaviors'), 'behavior');
    assert.equal(key('behavioural'), key('behavioral'));
    assert.equal(key('favourite'), key('favorite'));
    for (const word of ['four', 'hour', 'your', 'our', 'pour', 'tour', 'journal', 'resource']) {
      assert.equal(key(word), word);
    }
    assert.equal(key('hours'), 'hour');
    assert.equal(key('yours'), 'your');
    assert.equal(key('courses'), key('course'));
  });

  it('is applied alike to every word, so -ise words that never take -ize still match themselves', () => {
    assert.equal(key('promise'), key('promises'));
    assert.equal(key('Supervised'), key('supervised'));
    assert.equal(key('exercise'), key('exercises'));
  });

  it('never throws on odd input', () => {
    assert.equal(key(''), '');
    assert.equal(canonicalToken('', true), '');
    assert.equal(key('\ud800'), '\ud800');
    assert.equal(key(undefined as unknown as string), '');
    assert.equal(key("'"), "'");
    assert.equal(typeof key('s'.repeat(100_000)), 'string');
  });
});
