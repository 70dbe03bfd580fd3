// page.evaluate callbacks run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { strict as assert } from 'node:assert';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { sampleCourseDir, testOutputDir } from '../../scripts/lib/paths';
import { Workbench } from './workbench';

const SCRIPT = '<script>alert("flashcard")</script>';
const IMAGE = '<img src=x onerror=alert(1)>';

/** A note of three concepts tagged for the session, one of them with HTML in its definition. */
const EXAM_PREP = `---
tags: [exam-prep]
---

# Exam prep

* **Treacherous turn**: a system that cooperated while weak turns on its overseers once they can no longer stop it.
* **Sandbagging**: deliberately underperforming on an evaluation so that a capability goes unnoticed.
* **Prompt injection**: text such as ${SCRIPT} or ${IMAGE} hidden in a page the model reads, which it then obeys as if the user had written it.
`;

describe('flashcards in the browser', function () {
  let course: string;
  let workbench: Workbench;
  let review: FrameLocator;
  const dialogs: string[] = [];

  before(async function () {
    this.timeout(180_000);
    course = testOutputDir('e2e', `flashcards-course-${process.pid}`);
    rmSync(course, { recursive: true, force: true });
    cpSync(sampleCourseDir(), course, { recursive: true });
    writeFileSync(join(course, 'Exam prep.md'), EXAM_PREP);
    writeFileSync(join(course, 'One concept.md'), '# One concept\n\n* **Gradient hacking**: a model steering its own training by how it behaves.\n');
    workbench = await Workbench.start({ name: 'flashcards', development: true, folder: course });
    workbench.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    review = workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  });

  after(async () => {
    await workbench?.close();
    rmSync(course, { recursive: true, force: true });
  });

  it('counts the cards due today in the status bar', async () => {
    await workbench.openNote('Course summary.md');
    const status = workbench.page.locator('.statusbar-item', { hasText: /\d+ due/ });
    await status.waitFor({ timeout: 60_000 });
    // Counted as the index grows: 56 concepts with definitions (the course's and the two notes'), two cards each.
    let due = 0;
    for (let attempt = 0; attempt < 100 && due !== 112; attempt++) {
      due = Number(/(\d+) due/.exec((await status.textContent()) ?? '')?.[1]);
      if (due !== 112) await workbench.page.waitForTimeout(200);
    }
    assert.equal(due, 112, 'two cards per concept, none reviewed yet');
  });

  it('reviews a tag\'s cards with the keyboard alone: Space shows the answer, 1-4 grade it, HTML in a definition shows as text', async () => {
    const { page } = workbench;
    await workbench.runCommand('Alignment Notes: Review Flashcards');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'All cards' }).first().waitFor();
    await input.fill('#exam-prep');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: '6 due today' }).first().waitFor();
    await page.keyboard.press('Enter');
    await review.locator('#progress', { hasText: '0 reviewed · 6 to go' }).waitFor({ timeout: 30_000 });
    assert.equal(await review.locator('#filter').textContent(), '#exam-prep');

    const seen: string[] = [];
    for (let card = 0; card < 6; card++) {
      await review.locator('body[data-state="question"]').waitFor();
      assert.ok(await review.locator('#answer').isHidden(), 'the answer is hidden until asked for');
      const question = (await review.locator('#question').textContent()) ?? '';
      await page.keyboard.press('Space');
      await review.locator('body[data-state="answer"]').waitFor();
      const answer = (await review.locator('#answer-body').textContent()) ?? '';
      seen.push(`${question} → ${answer}`);
      if (card === 0) {
        assert.match(await review.locator('#sources').textContent() ?? '', /Exam prep\.md:\d+/);
        // Away from the title bar, where the command palette left a hover, so the screenshot shows none.
        await page.mouse.move(5, 400);
        await page.waitForTimeout(800);
        await workbench.screenshot('flashcard-review');
      }
      await page.keyboard.press(card % 2 === 0 ? '4' : '3');
      await review.locator('#progress', { hasText: `${card + 1} reviewed` }).waitFor();
    }
    // Easy sends a new card days away; Good brings it back after its 10-minute learning step, in this session.
    await review.locator('#progress', { hasText: '6 reviewed · 3 to go' }).waitFor();
    for (let card = 0; card < 3; card++) {
      await review.locator('body[data-state="question"]').waitFor();
      await page.keyboard.press('Space');
      await review.locator('body[data-state="answer"]').waitFor();
      await page.keyboard.press('3');
      await review.locator('#progress', { hasText: `${7 + card} reviewed` }).waitFor();
    }
    await review.locator('body[data-state="done"]').waitFor();
    assert.match((await review.locator('#done-text').textContent()) ?? '', /^Session complete: 9 reviews\. \d+ cards still due today\.$/);

    // Both sides of every concept were asked: definitions → term, and term → definitions.
    assert.ok(seen.includes('a system that cooperated while weak turns on its overseers once they can no longer stop it. → Treacherous turn'), seen.join('\n'));
    assert.ok(seen.includes('Sandbagging → deliberately underperforming on an evaluation so that a capability goes unnoticed.'), seen.join('\n'));
    const injection = seen.find((line) => line.startsWith('text such as'));
    assert.ok(injection?.includes(`${SCRIPT} or ${IMAGE}`), `the definition's HTML shows as text: ${injection}`);
    assert.equal(await review.locator('#card script, #card img').count(), 0);
    assert.deepEqual(dialogs, [], 'no script from a note ran');
  });

  it('asks a card afresh when it comes back right after its own grade (the last card of a session, after its learning step)', async () => {
    const { page } = workbench;
    await workbench.runCommand('Alignment Notes: Review Flashcards');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'All cards' }).first().waitFor();
    await input.fill('One concept');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: '2 due today' }).first().waitFor();
    await page.keyboard.press('Enter');
    await review.locator('#progress', { hasText: '0 reviewed · 2 to go' }).waitFor({ timeout: 30_000 });
    const focused = () => review.locator('body').evaluate(() => document.activeElement?.id ?? '');
    for (const grade of ['Easy', 'Good']) {
      await review.locator('body[data-state="question"]').waitFor();
      // The last session left the focus on its hidden "Review more…" button, the first grade on a hidden grade
      // button: a new card takes it back, so Space shows the answer.
      assert.equal(await focused(), 'card');
      await page.keyboard.press('Space');
      await review.locator('body[data-state="answer"]').waitFor();
      // One grade by mouse, one by key.
      if (grade === 'Easy') await review.locator('button[data-grade="easy"]').click();
      else await page.keyboard.press('3');
    }
    // Good sent the second card 10 minutes away: it is the only one left, so it comes straight back, as a question.
    await review.locator('#progress', { hasText: '2 reviewed · 1 to go' }).waitFor();
    await review.locator('body[data-state="question"]').waitFor();
    assert.ok(await review.locator('#answer').isHidden());
    assert.equal(await focused(), 'card');
    await page.keyboard.press('Space');
    await review.locator('body[data-state="answer"]').waitFor();
    await page.keyboard.press('3');
    await review.locator('body[data-state="done"]').waitFor();
    assert.match((await review.locator('#done-text').textContent()) ?? '', /^Session complete: 3 reviews\./);
  });
});
