import { strict as assert } from 'node:assert';
import { TermMatcher, type TermEntry, type TermMatch } from '../../src/core/occurrences/termMatcher';
import { measureWork } from './helpers/work';

const GLOSSARY: TermEntry[] = [
  { id: 'debate', phrase: 'Debate' },
  { id: 'schemer', phrase: 'Schemer' },
  { id: 'rlhf', phrase: 'RLHF' },
  { id: 'rlhf', phrase: 'Reinforcement Learning from Human Feedback' },
  { id: 'reward model', phrase: 'Reward model' },
  { id: 'goal misgeneralisation', phrase: 'Goal misgeneralisation' },
  { id: 'inner misalignment', phrase: 'Inner misalignment' },
  { id: 'misalignment', phrase: 'Misalignment' },
  { id: 'alignment', phrase: 'Alignment' },
  { id: 'influence-seeking behaviour', phrase: 'Influence-seeking behaviour' },
  { id: 'behaviour', phrase: 'Behaviour' },
  { id: 'sae', phrase: 'SAE' },
  { id: 'sae', phrase: 'Sparse autoencoders' },
  { id: 'polysemantic circuit', phrase: 'Polysemantic circuits' },
  { id: 'circuit', phrase: 'Circuit' },
  { id: 'policy', phrase: 'Policy' },
  { id: 'feature', phrase: 'Features' },
];

const glossary = new TermMatcher(GLOSSARY);

/** What `find` matched, as `[id, matched text]`. */
function found(matcher: TermMatcher, text: string, start?: number, end?: number): [string, string][] {
  return matcher.find(text, start, end).map((match) => [match.id, text.slice(match.start, match.end)]);
}

/** The match of `find` (sorted, non-overlapping) covering `offset`, as `matchAt` should report it. */
function coveringIn(matches: readonly TermMatch[], offset: number): TermMatch | undefined {
  let low = 0;
  let high = matches.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((matches[middle]?.start ?? 0) <= offset) low = middle + 1;
    else high = middle;
  }
  const match = matches[low - 1];
  return match !== undefined && offset <= match.end ? match : undefined;
}

/** A deterministic pseudo-random generator (mulberry32), so generated fixtures are the same every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROSE_WORDS = (
  'the a of and to in is that model reward policy agent training goal objective gradient oversight debate ' +
  'evaluation may not can be could under distribution shift when its behaviour generalises learned values ' +
  'human feedback preferences capabilities deceptive mesa optimizer situational awareness specification'
).split(' ');

/** About `size` characters of alignment-flavoured prose with the given phrases sprinkled in. */
function generatedProse(size: number, phrases: readonly string[], next: () => number): string {
  const sentences: string[] = [];
  let length = 0;
  while (length < size) {
    const words: string[] = [];
    const count = 8 + Math.floor(next() * 12);
    for (let i = 0; i < count; i++) {
      const pool = next() < 0.1 ? phrases : PROSE_WORDS;
      words.push(pool[Math.floor(next() * pool.length)] ?? 'model');
    }
    const sentence = `${words.join(' ')}. `;
    sentences.push(sentence);
    length += sentence.length;
  }
  return sentences.join('');
}

/** `count` distinct made-up phrases of one to three words, like a large course glossary. */
function generatedPhrases(count: number, next: () => number): string[] {
  const syllables = ['ka', 'lo', 'mi', 'ra', 'te', 'su', 'vin', 'dor', 'pel', 'qua', 'zen', 'tor', 'bri', 'stal'];
  const word = (): string => {
    let text = '';
    const length = 2 + Math.floor(next() * 3);
    for (let i = 0; i < length; i++) text += syllables[Math.floor(next() * syllables.length)] ?? 'ka';
    return text;
  };
  const phrases = new Set<string>();
  while (phrases.size < count) {
    const words = Array.from({ length: 1 + Math.floor(next() * 3) }, word);
    phrases.add(words.join(next() < 0.2 ? '-' : ' '));
  }
  return [...phrases];
}

describe('TermMatcher', () => {
  describe('find', () => {
    it('finds every term in a note sentence, with offsets into the text', () => {
      const text =
        "Debate may not catch schemers, and RLHF's reward model can be gamed; the behaviour is a kind of goal misgeneralization.";
      assert.deepEqual(found(glossary, text), [
        ['debate', 'Debate'],
        ['schemer', 'schemers'],
        ['rlhf', "RLHF's"],
        ['reward model', 'reward model'],
        ['behaviour', 'behaviour'],
        ['goal misgeneralisation', 'goal misgeneralization'],
      ]);
      assert.deepEqual(glossary.find(text)[0], { id: 'debate', start: 0, end: 6 });
      assert.deepEqual(glossary.find(text)[2], { id: 'rlhf', start: 35, end: 41 });
    });

    it('matches plurals, possessives and British or American spellings of a term', () => {
      const text = "Policies trained this way learn features; a schemer's behaviors hide goal misgeneralisations.";
      assert.deepEqual(found(glossary, text), [
        ['policy', 'Policies'],
        ['feature', 'features'],
        ['schemer', "schemer's"],
        ['behaviour', 'behaviors'],
        ['goal misgeneralisation', 'goal misgeneralisations'],
      ]);
    });

    it('matches an acronym only in its capitals, with a possessive or plural s', () => {
      const text = 'RLHF, rlhf, Rlhf, RLHF’s critics and two RLHFs; SAEs and saes.';
      assert.deepEqual(found(glossary, text), [
        ['rlhf', 'RLHF'],
        ['rlhf', 'RLHF’s'],
        ['rlhf', 'RLHFs'],
        ['sae', 'SAEs'],
      ]);
    });

    it('matches a lower-case term written in capitals, as in a shouted heading', () => {
      assert.deepEqual(found(glossary, '## WHY INNER MISALIGNMENT MATTERS'), [['inner misalignment', 'INNER MISALIGNMENT']]);
    });

    it('tolerates any whitespace, one line break and hyphens between the words of a phrase', () => {
      const text = [
        'Influence seeking behaviour is rare.',
        'Some influence-seeking\n  behaviours persist.',
        'Reinforcement learning from human-feedback helps; sparse\tautoencoder features too.',
      ].join('\n');
      assert.deepEqual(found(glossary, text), [
        ['influence-seeking behaviour', 'Influence seeking behaviour'],
        ['influence-seeking behaviour', 'influence-seeking\n  behaviours'],
        ['rlhf', 'Reinforcement learning from human-feedback'],
        ['sae', 'sparse\tautoencoder'],
        ['feature', 'features'],
      ]);
    });

    it('does not match a phrase across other punctuation or a blank line', () => {
      const text = 'The problem is inner. Misalignment follows; inner\n\nmisalignment, reward (model).';
      assert.deepEqual(found(glossary, text), [
        ['misalignment', 'Misalignment'],
        ['misalignment', 'misalignment'],
      ]);
    });

    it('prefers the longest phrase at each word', () => {
      const text = 'Polysemantic circuits are circuits; inner misalignment is a kind of misalignment.';
      assert.deepEqual(found(glossary, text), [
        ['polysemantic circuit', 'Polysemantic circuits'],
        ['circuit', 'circuits'],
        ['inner misalignment', 'inner misalignment'],
        ['misalignment', 'misalignment'],
      ]);
    });

    it('takes the leftmost of overlapping phrases and never overlaps matches', () => {
      const matcher = new TermMatcher([
        { id: 'model collapse', phrase: 'Model collapse' },
        { id: 'reward model', phrase: 'Reward model' },
        { id: 'collapse', phrase: 'Collapse' },
      ]);
      assert.deepEqual(found(matcher, 'Reward model collapse and model collapse.'), [
        ['reward model', 'Reward model'],
        ['collapse', 'collapse'],
        ['model collapse', 'model collapse'],
      ]);
    });

    it('matches whole words only', () => {
      const text = 'Misalignment and misaligned circuitry are not alignment.';
      assert.deepEqual(found(glossary, text), [
        ['misalignment', 'Misalignment'],
        ['alignment', 'alignment'],
      ]);
    });

    it('lets the smallest id win when two entries share a phrase key, in whatever order they come', () => {
      const entries = [
        { id: 'second', phrase: 'behaviors' },
        { id: 'first', phrase: 'Behaviour' },
        { id: 'third', phrase: 'BEHAVIOUR' },
        { id: 'b', phrase: 'C++' },
        { id: 'a', phrase: 'c++' },
      ];
      for (const order of [entries, [...entries].reverse()]) {
        assert.deepEqual(found(new TermMatcher(order), 'behaviour, behavior, BEHAVIOUR, C++'), [
          ['first', 'behaviour'],
          ['first', 'behavior'],
          ['third', 'BEHAVIOUR'],
          ['a', 'C++'],
        ]);
      }
    });

    it('ignores empty, whitespace-only and punctuation-only phrases', () => {
      const matcher = new TermMatcher([
        { id: 'empty', phrase: '' },
        { id: 'blank', phrase: ' \n\t ' },
        { id: 'dashes', phrase: '--' },
        { id: 'debate', phrase: ' Debate ' },
      ]);
      assert.deepEqual(found(matcher, 'Debate -- and more -- debate.'), [
        ['debate', 'Debate'],
        ['debate', 'debate'],
      ]);
    });

    it('treats terms named like object properties as plain terms', () => {
      const matcher = new TermMatcher([
        { id: '__proto__', phrase: '__proto__' },
        { id: 'constructor', phrase: 'constructor' },
        { id: 'toString', phrase: 'toString' },
      ]);
      assert.deepEqual(found(matcher, 'The constructor calls toString on __proto__, not valueOf or hasOwnProperty.'), [
        ['constructor', 'constructor'],
        ['toString', 'toString'],
        ['__proto__', '__proto__'],
      ]);
      assert.deepEqual(found(glossary, 'constructor toString __proto__ hasOwnProperty valueOf'), []);
    });

    it('matches phrases with regular-expression characters literally, punctuation included', () => {
      const matcher = new TermMatcher([
        { id: 'cpp', phrase: 'C++' },
        { id: 'knn', phrase: 'k-NN (approx.)' },
        { id: 'dotnet', phrase: '.NET' },
        { id: 'star', phrase: 'a.*b' },
      ]);
      const text = 'C++ and plan C. Use k-NN (approx.) not k-NN approx; .NET or NET; a.*b but not axb or a.b.';
      assert.deepEqual(found(matcher, text), [
        ['cpp', 'C++'],
        ['knn', 'k-NN (approx.)'],
        ['dotnet', '.NET'],
        ['star', 'a.*b'],
      ]);
    });

    it('scans only between start and end and reports offsets into the whole text', () => {
      const text = '`RLHF` code, then prose on RLHF and debate, then `debate` code.';
      const start = text.indexOf('then prose');
      const end = text.indexOf(', then `debate`');
      const matches = glossary.find(text, start, end);
      assert.deepEqual(matches, [
        { id: 'rlhf', start: text.indexOf('RLHF and'), end: text.indexOf('RLHF and') + 4 },
        { id: 'debate', start: text.indexOf('debate,'), end: text.indexOf('debate,') + 6 },
      ]);
      // A phrase cut by the range is not matched; a word cut by it is read as the part inside.
      assert.deepEqual(found(glossary, 'goal misgeneralisation', 0, 10), []);
      assert.deepEqual(found(glossary, 'misalignment', 3), [['alignment', 'alignment']]);
    });

    it('handles a term with 1,000 aliases', () => {
      const entries: TermEntry[] = [{ id: 'debate', phrase: 'Debate' }];
      for (let i = 0; i < 1000; i++) entries.push({ id: 'debate', phrase: `AI safety via debate variant ${i}` });
      const matcher = new TermMatcher(entries);
      assert.deepEqual(found(matcher, 'AI safety via debate variant 999, and debate.'), [
        ['debate', 'AI safety via debate variant 999'],
        ['debate', 'debate'],
      ]);
    });

    it('never throws on bad input', () => {
      assert.deepEqual(glossary.find(undefined as unknown as string), []);
      assert.deepEqual(glossary.find('Debate', Number.NaN, Number.NaN), [{ id: 'debate', start: 0, end: 6 }]);
      assert.deepEqual(glossary.find('Debate', -10, 1e9), [{ id: 'debate', start: 0, end: 6 }]);
      assert.deepEqual(glossary.find('Debate', 6, 0), []);
      assert.deepEqual(glossary.find('\ud800Debate\udfff'), [{ id: 'debate', start: 1, end: 7 }]);
      const junk = [null, 42, { id: 1, phrase: 'x' }, { id: 'ok', phrase: 'Oversight' }, { phrase: 'Debate' }];
      assert.deepEqual(found(new TermMatcher(junk as unknown as TermEntry[]), 'oversight and debate'), [['ok', 'oversight']]);
      assert.deepEqual(new TermMatcher(undefined as unknown as TermEntry[]).find('Debate'), []);
      assert.deepEqual(new TermMatcher([]).find('Debate'), []);
    });

    it('reads pathological text in one pass, each character at most twice: one 5 MB word, megabytes of punctuation or spaces', () => {
      /** `body`'s answer, failing if it read the characters of `text` more than twice over or ran a regular expression per character. */
      const inOnePass = <T>(text: string, body: () => T): T => {
        const { result, reads, regexRuns } = measureWork(body);
        assert.ok(reads <= 2 * text.length + 100, `${reads} characters read for ${text.length}`);
        assert.ok(regexRuns <= 100, `${regexRuns} regular expressions run`);
        return result;
      };
      const word = 'RLHF'.repeat(1_300_000);
      assert.deepEqual(inOnePass(word, () => glossary.find(`Debate ${word} debate`)).map((match) => match.id), ['debate', 'debate']);
      assert.equal(inOnePass(word, () => glossary.matchAt(word, word.length / 2)), undefined);
      const dots = `reward ${'.'.repeat(5_000_000)} model`;
      assert.deepEqual(inOnePass(dots, () => glossary.find(dots)), []);
      const spaces = `reward${' '.repeat(2_000_000)}model`;
      assert.deepEqual(inOnePass(spaces, () => found(glossary, spaces)).map(([id]) => id), ['reward model']);
    });

    it('scans a 5 MB note written on a single line', () => {
      const sentence = "Debate may not catch schemers, and RLHF's reward model can be gamed. ";
      const text = sentence.repeat(Math.ceil((5 * 1024 * 1024) / sentence.length));
      const matches = glossary.find(text);
      assert.equal(matches.length, 4 * Math.ceil((5 * 1024 * 1024) / sentence.length));
      const last = text.lastIndexOf('reward model');
      assert.deepEqual(matches.at(-1), { id: 'reward model', start: last, end: last + 'reward model'.length });
    });
  });

  describe('matchAt', () => {
    const note = [
      '# Unit 3: Goal misgeneralisation',
      '',
      'Inner misalignment arises when the learned policy pursues a different goal. RLHF’s reward model',
      'can be gamed: influence-seeking',
      '  behaviours are one failure; polysemantic circuits found by SAEs are another. Not alignment.',
    ].join('\n');

    it('returns the match under an offset inside a word, at its end or between its words', () => {
      const start = note.indexOf('Inner misalignment');
      const expected = { id: 'inner misalignment', start, end: start + 'Inner misalignment'.length };
      assert.deepEqual(glossary.matchAt(note, start), expected);
      assert.deepEqual(glossary.matchAt(note, start + 3), expected);
      assert.deepEqual(glossary.matchAt(note, start + 5), expected);
      assert.deepEqual(glossary.matchAt(note, expected.end), expected);
      assert.equal(glossary.matchAt(note, expected.end + 1), undefined);
    });

    it('returns undefined away from any match and for offsets outside the text', () => {
      assert.equal(glossary.matchAt(note, note.indexOf('arises') + 2), undefined);
      assert.equal(glossary.matchAt(note, -1), undefined);
      assert.equal(glossary.matchAt(note, note.length + 1), undefined);
      assert.equal(glossary.matchAt(note, Number.NaN), undefined);
      assert.equal(glossary.matchAt(undefined as unknown as string, 0), undefined);
    });

    it('agrees with find at every offset of a note', () => {
      const matches = glossary.find(note);
      assert.ok(matches.length >= 8);
      for (let offset = 0; offset <= note.length; offset++) {
        assert.deepEqual(glossary.matchAt(note, offset), coveringIn(matches, offset), `offset ${offset}`);
      }
    });

    it('agrees with find where overlapping phrases chain across many words', () => {
      // `reward model`, `model collapse`, `collapse risk`, ... overlap in a chain: which one a word belongs to
      // depends on where the chain starts, far before the offset.
      const chain = ['reward', 'model', 'collapse', 'risk', 'model', 'collapse', 'risk', 'model'];
      const entries = chain.slice(1).map((word, i) => ({ id: `${chain[i]} ${word}`, phrase: `${chain[i]} ${word}` }));
      const matcher = new TermMatcher(entries);
      const text = `Notes: ${Array.from({ length: 200 }, () => chain.join(' ')).join(' ')} end.`;
      const matches = matcher.find(text);
      for (let offset = 0; offset <= text.length; offset += 7) {
        assert.deepEqual(matcher.matchAt(text, offset), coveringIn(matches, offset), `offset ${offset}`);
      }
    });

    it('reads only a window around the offset, however long the text', () => {
      const next = random(7);
      const phrases = generatedPhrases(3000, next);
      const matcher = new TermMatcher(phrases.map((phrase, i) => ({ id: `t${i}`, phrase })));
      const text = generatedProse(5 * 1024 * 1024, phrases, next);
      const offsets = Array.from({ length: 2000 }, () => Math.floor(next() * text.length));
      const answers = offsets.map((offset) => {
        const { result, reads } = measureWork(() => matcher.matchAt(text, offset));
        // The look-back stops by 2,048 + 64 × the longest phrase's words; scanning the text would read 5 MB.
        if (reads > 10_000) assert.fail(`matchAt at ${offset} read ${reads} characters`);
        return result;
      });
      const matches = matcher.find(text);
      offsets.forEach((offset, i) => assert.deepEqual(answers[i], coveringIn(matches, offset), `offset ${offset}`));
    });
  });

  describe('update', () => {
    /** Every match of `find` and the answer of `matchAt` at every offset: what two matchers must agree on. */
    function answers(matcher: TermMatcher, text: string): unknown[] {
      return [matcher.find(text), ...Array.from({ length: text.length + 1 }, (_, offset) => matcher.matchAt(text, offset))];
    }

    it('gives what a fresh build from the new entries gives, after any sequence of removals and additions', function () {
      this.timeout(120_000); // about 5 s alone; a loaded two-core machine took it past mocha's 20 s
      const next = random(7);
      // Few words, shared prefixes, punctuation before, between and after words, acronyms and repeated phrase keys.
      const words = ['reward', 'model', 'Models', 'RLHF', 'policy', 'k-NN', 'C++', '(approx.)', '.NET', 'inner', 'goal'];
      const phrase = (): string => {
        const length = 1 + Math.floor(next() * 3);
        return Array.from({ length }, () => words[Math.floor(next() * words.length)] ?? 'goal').join(next() < 0.3 ? '-' : ' ');
      };
      const pool: TermEntry[] = Array.from({ length: 40 }, () => ({ id: `c${Math.floor(next() * 12)}`, phrase: phrase() }));
      const texts = Array.from({ length: 6 }, () => Array.from({ length: 30 }, phrase).join(next() < 0.5 ? ' and ' : ', '));
      for (let run = 0; run < 60; run++) {
        let current = pool.filter(() => next() < 0.5);
        const matcher = new TermMatcher(current);
        for (let step = 0; step < 4; step++) {
          // An entry may be in twice (added again): each copy is removed on its own.
          const kept: TermEntry[] = [];
          const removed: TermEntry[] = [];
          for (const entry of current) (next() < 0.3 ? removed : kept).push(entry);
          const added = pool.filter(() => next() < 0.15);
          current = [...kept, ...added];
          matcher.update(removed, added);
          const fresh = new TermMatcher(current);
          for (const text of texts) assert.deepEqual(answers(matcher, text), answers(fresh, text), `run ${run}, step ${step}`);
        }
      }
    });

    it('finds nothing once every entry is removed, and a removed phrase no longer blocks a shorter one', () => {
      const entries = [
        { id: 'inner misalignment', phrase: 'Inner misalignment' },
        { id: 'misalignment', phrase: 'Misalignment' },
        { id: 'net', phrase: '.NET' },
      ];
      const matcher = new TermMatcher(entries);
      matcher.update([entries[0] as TermEntry], []);
      assert.deepEqual(found(matcher, 'Inner misalignment in .NET'), [
        ['misalignment', 'misalignment'],
        ['net', '.NET'],
      ]);
      matcher.update(entries.slice(1), []);
      assert.deepEqual(matcher.find('Inner misalignment in .NET'), []);
      assert.equal(matcher.matchAt('misalignment', 3), undefined);
    });

    it('keeps a phrase that two entries of one concept give until both are removed', () => {
      const term = { id: 'behaviour', phrase: 'Behaviour' };
      const alias = { id: 'behaviour', phrase: 'behaviors' };
      const matcher = new TermMatcher([term, alias]);
      matcher.update([alias], []);
      assert.deepEqual(found(matcher, 'a behavior'), [['behaviour', 'behavior']]);
      matcher.update([term], []);
      assert.deepEqual(found(matcher, 'a behavior'), []);
    });
  });

  describe('cost', () => {
    it('builds 30,000 entries in one pass over their phrases and finds them in 5 MB of prose in one pass over the text', () => {
      const next = random(42);
      const phrases = generatedPhrases(30_000, next);
      const entries = phrases.map((phrase, i) => ({ id: `term ${i}`, phrase }));
      const text = generatedProse(5 * 1024 * 1024, phrases, next);
      const built = measureWork(() => new TermMatcher(entries));
      const phraseLength = phrases.reduce((sum, phrase) => sum + phrase.length, 0);
      assert.ok(built.reads <= 2 * phraseLength, `${built.reads} characters read to build from ${phraseLength}`);
      assert.ok(built.regexRuns <= 20 * entries.length, `${built.regexRuns} regular expressions run to build ${entries.length} entries`);
      const scan = measureWork(() => built.result.find(text));
      assert.ok(scan.result.length > 10_000);
      // Each word is read, keyed (a few regular expressions, once per distinct word) and its gap read again.
      assert.ok(scan.reads <= 4 * text.length, `${scan.reads} characters read for ${text.length}`);
      assert.ok(scan.regexRuns <= text.length / 20, `${scan.regexRuns} regular expressions run over ${text.length} characters`);
    });
  });
});
