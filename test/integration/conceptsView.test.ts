import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ConceptNode, ConceptTreeNode, GroupNode } from '../../src/core/concepts/conceptTree';
import type { AlignmentNotesApi } from '../../src/extension';
import { conceptUri } from '../../src/vscode/conceptsView/conceptItems';
import { activateExtension, eventually, openNote, positionOf, sampleNote, SUMMARY, UNIT_2, withSetting } from './helpers';

const encoder = new TextEncoder();

/** Markdown as read: the escapes of note text undone (`&nbsp;`, `&lt;`, a backslash before punctuation). */
function plain(markdown: string): string {
  return markdown.replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1');
}

/** A node's rows (the top level without one) from a view brought up to date first, so that it answers at once. */
function childrenOf(api: AlignmentNotesApi, node?: ConceptTreeNode): ConceptTreeNode[] {
  const { provider } = api.conceptsView;
  provider.refreshNow();
  const children = provider.getChildren(node);
  assert.ok(Array.isArray(children), 'an up-to-date view answers at once');
  return children;
}

/** The view's top-level rows, as the view asks for them. */
function groups(api: AlignmentNotesApi): GroupNode[] {
  return childrenOf(api).filter((node): node is GroupNode => node.kind === 'group');
}

function group(api: AlignmentNotesApi, label: string): GroupNode {
  const found = groups(api).find((node) => node.home.label === label);
  assert.ok(found, `no group "${label}" among ${groups(api).map((node) => node.home.label).join(', ')}`);
  return found;
}

/** A concept's row under a group, found the way the view finds it: the group's children, then a bucket's. */
function row(api: AlignmentNotesApi, groupLabel: string, term: string): ConceptNode {
  const rows: ConceptTreeNode[] = childrenOf(api, group(api, groupLabel)).flatMap((node) => (node.kind === 'bucket' ? childrenOf(api, node) : [node]));
  const found = rows.find((node): node is ConceptNode => node.kind === 'concept' && node.concept.term === term);
  assert.ok(found, `no row "${term}" under ${groupLabel}`);
  return found;
}

function idOf(api: AlignmentNotesApi, term: string): string {
  const id = api.index.conceptNamed(term)?.id;
  assert.ok(id, `no concept ${term}`);
  return id;
}

describe('the Concepts view', () => {
  let api: AlignmentNotesApi;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('alignmentNotes.concepts.focus');
  });

  // The side bar closes again, and the summary is the active editor: VS Code saves a workspace edit at once to a
  // note that is not (files.refactoring.autoSave), and the tests after these edit the summary and revert it.
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.window.showTextDocument(await openNote(SUMMARY));
  });

  it('lists the sample course by unit, each concept with its definition count and a tooltip of its first definition, as untrusted markdown', async () => {
    assert.deepEqual(
      groups(api).map((node) => `${node.home.label} ${node.shown}`),
      ['Unit 1 12', 'Unit 2 10', 'Unit 3 8', 'Unit 4 18', 'Unit 5 1', 'Course summary 3'],
    );
    const { provider } = api.conceptsView;
    const unit1 = provider.getTreeItem(group(api, 'Unit 1'));
    assert.equal(unit1.label, 'Unit 1');
    assert.equal(unit1.description, '12');
    assert.match(String(unit1.tooltip), /Unit 1: Losing control to AI/);
    const node = row(api, 'Unit 1', 'Inner misalignment');
    const item = provider.getTreeItem(node);
    assert.deepEqual([typeof item.label === 'object' ? item.label.label : item.label, item.description], ['Inner misalignment', '2 definitions']);
    assert.equal(item.resourceUri?.toString(), conceptUri(node.id).toString());
    const resolved = provider.resolveTreeItem(item, node);
    const tooltip = resolved.tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.equal(tooltip.isTrusted, false);
    assert.equal(tooltip.supportHtml, false);
    const text = plain(tooltip.value);
    assert.match(text, /^\*\*Inner misalignment\*\* · _goal misgeneralisation_/);
    assert.match(text, /training used a sensible objective/);
    assert.match(text, /Defined in .*Course summary\.md:\d+.* and 1 more place/);
  });

  it('opens a concept\'s definition when its row is clicked', async () => {
    const item = api.conceptsView.provider.getTreeItem(row(api, 'Unit 2', 'KL penalty'));
    assert.ok(item.command);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const editor = await eventually('the definition to open', () => (vscode.window.activeTextEditor?.document.uri.path.endsWith('Course summary.md') ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.document.getText(editor.selection), 'KL penalty');
  });

  it('Show in Concept Map opens the map focused on the concept', async () => {
    const node = row(api, 'Unit 3', 'Debate');
    const shown = await vscode.commands.executeCommand<string | undefined>('alignmentNotes.concepts.showInMap', node);
    assert.equal(shown, node.id);
    assert.ok(api.conceptMap.panel, 'the map is open');
    assert.equal(api.conceptMap.focused, node.id);
    api.conceptMap.panel.dispose();
  });

  it('Find All References lists every place the concept is named, in a references peek at its definition', async () => {
    const node = row(api, 'Unit 1', 'Inner misalignment');
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('alignmentNotes.concepts.findReferences', node);
    const places = locations.map((location) => vscode.workspace.asRelativePath(location.uri, false));
    assert.ok(places.includes('Course summary.md'), places.join(', '));
    assert.ok(places.includes('units/Unit 1 - Losing control to AI.md'), places.join(', '));
    const provided = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', locations[0]?.uri, locations[0]?.range.start);
    assert.equal(locations.length, provided.length, 'the same places as Shift+F12 on the term');
    assert.ok(vscode.window.activeTextEditor?.document.uri.path.endsWith('Course summary.md'));
    await vscode.commands.executeCommand('closeReferenceSearch');
  });

  it('Copy Definition puts the first definition on the clipboard as a glossary bullet', async () => {
    const copied = await vscode.commands.executeCommand<string | undefined>('alignmentNotes.concepts.copyDefinition', row(api, 'Unit 2', 'Reward model'));
    assert.match(copied ?? '', /^\*\*Reward model\*\*: a network trained on the preference dataset to predict how a person would rate a response/);
    assert.equal(await vscode.env.clipboard.readText(), copied);
  });

  it('answers a view made stale by an edit once every concept\'s home is built in slices, never in one block, and an up-to-date view at once', async () => {
    const { provider } = api.conceptsView;
    childrenOf(api);
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Stale view\n\n* **Sandbagging**: doing worse on purpose during an evaluation.\n' });
    // An unsaved note's group is named after the document.
    const isNew = (node: ConceptTreeNode): boolean => node.kind === 'group' && node.home.label.includes(document.uri.path);
    try {
      const { later } = await eventually('the view to answer later, being stale', () => {
        const answer = provider.getChildren();
        return Array.isArray(answer) ? undefined : { later: answer };
      }, 10_000);
      const rows = await later;
      assert.ok(rows.some(isNew), rows.map((node) => (node.kind === 'group' ? node.home.label : node.kind)).join(', '));
      assert.ok(Array.isArray(provider.getChildren()), 'then at once');
    } finally {
      const remove = new vscode.WorkspaceEdit();
      remove.delete(document.uri, new vscode.Range(0, 0, 3, 0));
      assert.ok(await vscode.workspace.applyEdit(remove));
      await eventually('the group to go with the edit', () => (groups(api).some(isNew) ? undefined : true), 10_000);
    }
  });

  it('Filter Concepts... keeps the fuzzy search\'s matches, says so in the view\'s message, and clears', async () => {
    const { treeView } = api.conceptsView;
    await vscode.commands.executeCommand('alignmentNotes.concepts.filter', 'reward');
    assert.equal(treeView.message, 'Filtered by "reward": 4 concepts.');
    assert.deepEqual(groups(api).map((node) => `${node.home.label} ${node.shown}`), ['Unit 1 2', 'Unit 2 2']);
    assert.equal(api.conceptsView.provider.getTreeItem(group(api, 'Unit 2')).description, '2 of 10');
    await vscode.commands.executeCommand('alignmentNotes.concepts.filter', 'no such concept at all');
    assert.equal(treeView.message, 'Filtered by "no such concept at all": no concepts match.');
    await vscode.commands.executeCommand('alignmentNotes.concepts.clearFilter');
    assert.equal(treeView.message, undefined);
    assert.equal(groups(api).length, 6);
  });

  it('Follow Cursor reveals and selects the concept under the cursor', async () => {
    await withSetting('conceptsView.followCursor', true, async () => {
      await vscode.commands.executeCommand('alignmentNotes.concepts.focus');
      const document = await openNote(UNIT_2);
      const editor = await vscode.window.showTextDocument(document);
      for (const [text, term] of [['reward model', 'Reward model'], ['KL penalty', 'KL penalty']] as const) {
        const at = positionOf(document, text, 2);
        editor.selection = new vscode.Selection(at, at);
        const id = idOf(api, term);
        await eventually(`${term} to be revealed`, () => (api.conceptsView.followed === id && api.conceptsView.treeView.selection[0]?.kind === 'concept' && api.conceptsView.treeView.selection[0].id === id ? true : undefined), 10_000);
      }
      assert.equal(vscode.window.activeTextEditor?.document, document, 'the editor keeps the focus');
    });
  });

  it('marks the concepts whose definitions have problems with a badge on their row', async () => {
    const { decorations, provider } = api.conceptsView;
    const misspelt = row(api, 'Unit 1', 'Resiliance');
    await eventually('the misspelling to mark its concept', () => (decorations.problemsOf(misspelt.id) > 0 ? true : undefined), 15_000);
    const item = provider.getTreeItem(misspelt);
    assert.ok(item.resourceUri);
    const decoration = decorations.provideFileDecoration(item.resourceUri);
    assert.match(decoration?.badge ?? '', /^\d+$/);
    assert.match(decoration?.tooltip ?? '', /problem/);
    const clean = row(api, 'Unit 3', 'Debate');
    assert.equal(decorations.problemsOf(clean.id), 0);
    assert.equal(decorations.provideFileDecoration(conceptUri(clean.id)), undefined);
  });

  it('lists the notes with problems by kind, the coverage hints the Problems panel leaves out included', async () => {
    await withSetting('diagnostics.unmentionedConcepts', true, () => notesWithProblems(api));
  });

  async function notesWithProblems(api: AlignmentNotesApi): Promise<void> {
    const { problemsProvider } = api.conceptsView;
    const kinds = await eventually('the kinds of problem', () => {
      const found = problemsProvider.getChildren();
      return found.some((node) => node.kind === 'kind' && node.group.code === 'coverage-unmentioned-concept') ? found : undefined;
    }, 15_000);
    const titles = kinds.map((node) => (node.kind === 'kind' ? node.group.title : ''));
    assert.ok(titles.includes('Terms that look misspelt'), titles.join(', '));
    assert.ok(titles.includes('Concepts named nowhere else'), titles.join(', '));
    const misspelt = kinds.find((node) => node.kind === 'kind' && node.group.code === 'likely-misspelt-duplicate');
    assert.ok(misspelt);
    const notes = problemsProvider.getChildren(misspelt).map((node) => String(problemsProvider.getTreeItem(node).label));
    assert.ok(notes.includes('Course summary.md'), notes.join(', '));
    const [note] = problemsProvider.getChildren(misspelt);
    assert.ok(note);
    const [problem] = problemsProvider.getChildren(note);
    assert.ok(problem);
    const item = problemsProvider.getTreeItem(problem);
    assert.match(String(item.label), /looks like/);
    assert.equal(item.command?.command, 'vscode.open');
  }

  it('updates after an edit, refreshing only the group that changed', async () => {
    // An unsaved note of its own (nothing to revert, nothing on disk), citing Unit 3.
    const cite = '[[Unit 3]](https://github.com/alignment-notes/course-notes/blob/main/AI-Alignment-Fast-Track/Unit%203%3A%20Using%20AI%20to%20align%20AI.md#debate)';
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: `# Extra terms\n\n* **Honeypot** ${cite}: a tempting chance to misbehave.\n` });
    await eventually('the new concept in its unit', () => (group(api, 'Unit 3').shown === 9 ? true : undefined), 10_000);
    const { provider } = api.conceptsView;
    const before = { ...provider.refreshes };
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, document.lineAt(2).range, `* **Honeypot** ${cite}: a tempting chance to misbehave, set up to catch a model.`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await eventually('the edited definition in its row', () => (row(api, 'Unit 3', 'Honeypot').concept.definitions[0]?.text.includes('set up to catch') ? true : undefined), 10_000);
    assert.equal(provider.refreshes.whole, before.whole, 'no refresh of the whole view');
    assert.equal(provider.refreshes.groups, before.groups + 1, 'one group refreshed: Unit 3');
    const remove = new vscode.WorkspaceEdit();
    remove.delete(document.uri, new vscode.Range(2, 0, 3, 0));
    assert.ok(await vscode.workspace.applyEdit(remove));
    await eventually('the concept to go with the edit', () => (group(api, 'Unit 3').shown === 8 ? true : undefined), 10_000);
  });

  it('shows a concept name made of HTML and script as text, in its row and its tooltip', async () => {
    const note = sampleNote('Hostile names.md');
    const name = '<img src=x onerror=alert(1)> <script>alert(2)</script>';
    await vscode.workspace.fs.writeFile(note, encoder.encode(`# Hostile names\n\n* **${name}**: a name made of <b>markup</b> and a [link](command:workbench.action.quit).\n`));
    try {
      const hostile = await eventually('the hostile concept', () => {
        const found = groups(api).find((node) => node.home.label === 'Hostile names');
        return found && childrenOf(api, found)[0];
      }, 10_000);
      assert.equal(hostile.kind, 'concept');
      const item = api.conceptsView.provider.getTreeItem(hostile);
      assert.equal(typeof item.label === 'object' ? item.label.label : item.label, name);
      const tooltip = api.conceptsView.provider.resolveTreeItem(item, hostile).tooltip;
      assert.ok(tooltip instanceof vscode.MarkdownString);
      assert.equal(tooltip.isTrusted, false);
      // Every `<` is escaped (`\<` by appendText, `&lt;` by safeMarkdown), so no tag reaches the renderer.
      assert.doesNotMatch(tooltip.value, /(^|[^\\])</, tooltip.value);
      assert.ok(plain(tooltip.value).startsWith(`**${name}**`), 'the name is shown as written');
      assert.doesNotMatch(tooltip.value, /command:/, 'no command link');
    } finally {
      await vscode.workspace.fs.delete(note);
    }
  });
});

describe('coverage problems in the editor', () => {
  before(activateExtension);

  it('reports a bold term defined nowhere, a concept named nowhere else and a cited unit with no headings, as hints, each switchable', async () => {
    await withSetting('diagnostics.unmentionedConcepts', true, coverageHints);
  });

  async function coverageHints(): Promise<void> {
    const note = sampleNote('units', 'Unit 6 - Coverage.md');
    const empty = sampleNote('units', 'Unit 7 - Empty.md');
    await vscode.workspace.fs.writeFile(empty, encoder.encode('Nothing written yet.\n'));
    await vscode.workspace.fs.writeFile(
      note,
      encoder.encode('# Unit 6\n\n## Terms\n\n* **Honeypot trap**: a test in which a **canary string** marks leaked data [[Unit 7]](Unit%207%20-%20Empty.md).\n'),
    );
    const codes = (): string[] => vscode.languages.getDiagnostics(note).map((d) => String(d.code));
    try {
      const found = await eventually('the coverage hints', () => {
        const all = vscode.languages.getDiagnostics(note);
        return ['coverage-undefined-term', 'coverage-unmentioned-concept', 'coverage-empty-unit'].every((code) => all.some((d) => d.code === code)) ? all : undefined;
      }, 15_000);
      for (const d of found.filter((d) => String(d.code).startsWith('coverage-'))) assert.equal(d.severity, vscode.DiagnosticSeverity.Hint, String(d.code));
      const bold = found.find((d) => d.code === 'coverage-undefined-term');
      assert.match(bold?.message ?? '', /"canary string"/);
      await withSetting('diagnostics.undefinedBoldTerms', false, async () => {
        await eventually('the bold-term hint to go', () => (codes().includes('coverage-undefined-term') ? undefined : true), 10_000);
        assert.ok(codes().includes('coverage-empty-unit'), 'the others stay');
      });
      // A mention written in another note ends "named nowhere else" in this one.
      const prose = sampleNote('units', 'Unit 8 - Mentions.md');
      await vscode.workspace.fs.writeFile(prose, encoder.encode('# Unit 8\n\nWe set a honeypot trap for the model.\n'));
      try {
        await eventually('the unmentioned hint to go', () => (codes().includes('coverage-unmentioned-concept') ? undefined : true), 15_000);
      } finally {
        await vscode.workspace.fs.delete(prose);
      }
    } finally {
      await vscode.workspace.fs.delete(note);
      await vscode.workspace.fs.delete(empty);
    }
  }
});
