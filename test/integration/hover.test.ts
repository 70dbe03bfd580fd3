import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, hoversAt, hoverText, inWorkspace, openNote, positionOf, SUMMARY, UNIT_2 } from './helpers';

describe('hover', () => {
  before(activateExtension);

  it('shows a lower-case term in a unit note: term, aliases, both definitions with where each is defined', async () => {
    const document = await openNote(UNIT_2);
    const text = hoverText(await hoversAt(document, positionOf(document, 'inner misalignment', 8)));
    assert.match(text, /\*\*Inner misalignment\*\* · _goal misgeneralisation_/);
    assert.match(text, inWorkspace(String.raw`Defined in \[Course summary\.md:14\]\(<folder>/[^)]*Course%20summary\.md#L14\)`));
    assert.match(text, inWorkspace(String.raw`Defined in \[units/Unit 1 - Losing control to AI\.md:47\]\(<folder>/[^)]*#L47\)`), 'the second definition, in Unit 1, is listed too');
    assert.match(text, /Cites \[Unit 1 › Why alignment could be hard/, 'the cited unit heading, resolved locally');
  });

  it('renders the definition as markdown with its citations pointing at the local unit note', async () => {
    const document = await openNote(SUMMARY);
    const text = hoverText(await hoversAt(document, positionOf(document, '**Governance**', 4)));
    assert.match(text, inWorkspace(String.raw`\[\[Unit 1\]\]\(<folder>/[^)]*Unit%201%20-%20Losing%20control%20to%20AI\.md#L\d+\)`));
    assert.doesNotMatch(text, /github\.com/);
  });

  it('shows parent and children of nested concepts', async () => {
    const document = await openNote(SUMMARY);
    const parent = hoverText(await hoversAt(document, positionOf(document, '**Polysemantic circuits**', 4)));
    assert.match(parent, /includes \[Polysemanticity\]/);
    const child = hoverText(await hoversAt(document, positionOf(document, '**Polysemanticity**', 4)));
    assert.match(child, /part of \[Polysemantic circuits\]/);
  });

  it('shows a definition written as nested bullets as a list, never an empty definition', async () => {
    const document = await openNote(UNIT_2);
    const text = hoverText(await hoversAt(document, positionOf(document, '**Jailbreak**', 4)));
    assert.match(text, /^\*\*Jailbreak\*\*/);
    assert.match(text, /\* A prompt written to get around safety fine-tuning/);
    assert.match(text, /\* Evidence that the fine-tuning changed what the model says/);
  });

  it('joins `* **RLHF:**` in a unit note and the summary\'s `Reinforcement Learning from Human Feedback (RLHF)`, hovered by either name', async () => {
    const unit = await openNote(UNIT_2);
    const summary = await openNote(SUMMARY);
    const hovers = [
      hoverText(await hoversAt(unit, positionOf(unit, '**RLHF:**', 3))),
      hoverText(await hoversAt(summary, positionOf(summary, "RLHF's biggest", 2))),
      hoverText(await hoversAt(summary, positionOf(summary, '#### Reinforcement Learning from Human Feedback', 10))),
    ];
    for (const text of hovers) {
      assert.match(text, /^\*\*Reinforcement Learning from Human Feedback\*\* · _RLHF_/);
      assert.match(text, /Overview: a pretrained model is fine-tuned/, "the summary's definition");
      assert.match(text, /\* Raters compare pairs of answers/, "the unit note's nested bullets");
      assert.match(text, /Defined in \[Course summary\.md:28\][^]*Defined in \[units\/Unit 2 - What makes aligning AI difficult\.md:\d+\]/);
      assert.match(text, /includes [^\n]*\[Reward model overoptimisation\]/, 'a nested definition is a child concept, not part of the body');
      assert.doesNotMatch(text, /pushing so hard against the reward model/, 'the child is not repeated in the body');
    }
  });

  it('shows the cited section with its first lines when hovering a citation', async () => {
    const document = await openNote(SUMMARY);
    const text = hoverText(await hoversAt(document, positionOf(document, '[[Unit 1]]', 3)));
    assert.match(text, inWorkspace(String.raw`\*\*\[Unit 1 › What is AI alignment\?\]\(<folder>/[^)]*#L\d+\)\*\*`));
    assert.match(text, /units\/Unit 1 - Losing control to AI\.md/);
    assert.ok(text.split('---')[1]?.trim().length, 'an excerpt of the section follows');
  });

  it('says when a citation anchor was resolved to the closest heading, and when there is no local copy', async () => {
    const document = await openNote(SUMMARY);
    const approximate = hoverText(await hoversAt(document, positionOf(document, 'what-failure-look-like', -20)));
    assert.match(approximate, /No heading #what-failure-look-like: showing the closest, "What failure looks like"/);
    const unit5 = positionOf(document, 'Unit%205%3A', 0);
    const line = document.lineAt(unit5.line).text;
    const missing = hoverText(await hoversAt(document, new vscode.Position(unit5.line, line.lastIndexOf('[[Unit 5]]') + 3)));
    assert.match(missing, /\*\*Unit 5\*\* · no local copy in this workspace/);
    assert.match(missing, /https:\/\/github\.com\/.*Unit%205%3A%20Governance\.md#compute-governance/);
  });

  it('cuts a long definition, with a link to read all of it', async () => {
    const document = await openNote(UNIT_2);
    const config = vscode.workspace.getConfiguration('alignmentNotes');
    await config.update('hover.maxDefinitionLength', 80, vscode.ConfigurationTarget.Global);
    try {
      const text = hoverText(await hoversAt(document, positionOf(document, 'inner misalignment', 8)));
      assert.match(text, inWorkspace(String.raw` …\n\n_Defined in \[Course summary\.md:14\]\([^)]*\) · \[read all\]\(<folder>/[^)]*Course%20summary\.md#L14\)_`));
      assert.doesNotMatch(text, /training data \[Unit 1\]/, 'the end of the long definition is cut');
    } finally {
      await config.update('hover.maxDefinitionLength', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('shows nothing of ours on a word that names no concept', async () => {
    const document = await openNote(SUMMARY);
    const text = hoverText(await hoversAt(document, positionOf(document, 'Key definitions', 1)));
    assert.doesNotMatch(text, /Defined in/);
  });

  it('reports when each of our hovers, definitions and completions was asked and answered, for the large suite\'s figures', async () => {
    const api = await activateExtension();
    const heard: { feature: string; asked: number; answered: number }[] = [];
    const listening = api.answerTimes.listen((time) => heard.push(time));
    try {
      const document = await openNote(UNIT_2);
      const position = positionOf(document, 'inner misalignment', 8);
      const before = performance.now();
      await hoversAt(document, position);
      await vscode.commands.executeCommand('vscode.executeDefinitionProvider', document.uri, position);
      await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, position);
      assert.deepEqual(heard.map((time) => time.feature), ['hover', 'definition', 'completion']);
      for (const time of heard) assert.ok(before <= time.asked && time.asked <= time.answered && time.answered <= performance.now(), JSON.stringify(time));
    } finally {
      listening.dispose();
    }
  });

  it('follows the hover setting', async () => {
    const document = await openNote(UNIT_2);
    const config = vscode.workspace.getConfiguration('alignmentNotes');
    await config.update('hover.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      assert.doesNotMatch(hoverText(await hoversAt(document, positionOf(document, 'inner misalignment', 8))), /Defined in/);
    } finally {
      await config.update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

describe('hover on hostile notes', () => {
  before(activateExtension);

  it('keeps hovers untrusted: a command link in a definition is not a link', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: '* **Quitter**: click [here](command:workbench.action.quit) or [there](javascript:alert(1)).\n\nA quitter appears.',
    });
    const hovers = await hoversAt(document, positionOf(document, 'quitter appears', 2));
    assert.ok(hovers.length > 0, 'no hover for a term defined in an unsaved note');
    for (const content of hovers.flatMap((hover) => hover.contents)) {
      if (typeof content !== 'string' && 'isTrusted' in content) assert.notEqual(content.isTrusted, true);
    }
    const text = hoverText(hovers);
    assert.match(text, /click here or there/);
    assert.doesNotMatch(text, /command:|javascript:/);
  });

  it('still hovers in other notes beside a note with a 5 MB line and a citation with %E0%A4%A', async () => {
    const hostile = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: `* **Broken**: see [[Unit 1]](https://github.com/o/r/blob/main/Unit%E0%A4%A.md#%E0%A4%A).\n\n${'word '.repeat(1_000_000)}`,
    });
    assert.ok(hoverText(await hoversAt(hostile, positionOf(hostile, '[[Unit 1]]', 3))).includes('no local copy'));
    const document = await openNote(UNIT_2);
    assert.match(hoverText(await hoversAt(document, positionOf(document, 'inner misalignment', 8))), /Inner misalignment/);
  });
});
