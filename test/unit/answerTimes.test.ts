import { strict as assert } from 'node:assert';
import { type AnswerTime, AnswerTimes } from '../../src/vscode/languageFeatures/answerTimes';

describe('AnswerTimes: when our answers are asked and given', () => {
  it('reports an answer given at once when it is given, with its feature, and returns it unchanged', () => {
    const times = new AnswerTimes();
    const seen: AnswerTime[] = [];
    times.listen((time) => seen.push(time));
    assert.equal(times.time('hover', () => 'the hover'), 'the hover');
    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.feature, 'hover');
    assert.ok((seen[0]?.asked ?? Infinity) <= (seen[0]?.answered ?? -Infinity));
  });

  it('reports an answer that waits once it settles, fulfilled or rejected, and not before', async () => {
    const times = new AnswerTimes();
    const seen: AnswerTime['feature'][] = [];
    times.listen((time) => seen.push(time.feature));
    let give: (value: string) => void = () => undefined;
    const waiting = times.time('definition', () => new Promise<string>((resolve) => (give = resolve)));
    await Promise.resolve();
    assert.deepEqual(seen, []);
    give('the definition');
    assert.equal(await waiting, 'the definition');
    await Promise.resolve();
    assert.deepEqual(seen, ['definition']);
    await assert.rejects(times.time('completion', () => Promise.reject(new Error('no answer'))));
    await Promise.resolve();
    assert.deepEqual(seen, ['definition', 'completion']);
  });

  it('stops reporting to a listener once it is disposed', () => {
    const times = new AnswerTimes();
    let heard = 0;
    const listening = times.listen(() => heard++);
    times.time('hover', () => 1);
    listening.dispose();
    times.time('hover', () => 2);
    assert.equal(heard, 1);
  });
});
