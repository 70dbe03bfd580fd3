import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { ConceptWorkspaceSymbolProvider } from '../../src/vscode/languageFeatures/symbolProviders';
import { activateExtension, sampleNote } from './helpers';

async function documentSymbols(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  return (await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
}

/** Concept symbols only (ours are `Key`): VS Code's markdown extension adds every note's headings. */
async function conceptSymbols(query: string): Promise<vscode.SymbolInformation[]> {
  const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', query);
  return symbols.filter((symbol) => symbol.kind === vscode.SymbolKind.Key);
}

/** The top-level symbol named `name` that has a child named `child`: ours, not the markdown extension's heading. */
function sectionHolding(symbols: readonly vscode.DocumentSymbol[], name: string, child: string): vscode.DocumentSymbol {
  const section = symbols.find((symbol) => symbol.name === name && symbol.children.some((candidate) => candidate.name === child));
  assert.ok(section, `no "${name}" holding "${child}" among ${symbols.map((symbol) => symbol.name).join(', ')}`);
  return section;
}

function childNamed(symbol: vscode.DocumentSymbol, name: string): vscode.DocumentSymbol {
  const child = symbol.children.find((candidate) => candidate.name === name);
  assert.ok(child, `"${symbol.name}" has no child "${name}"`);
  return child;
}

describe('symbols', () => {
  before(activateExtension);

  it('outlines Course summary.md with each concept under the heading that defines it', async () => {
    const uri = sampleNote('Course summary.md');
    const symbols = await documentSymbols(uri);
    const keyDefinitions = sectionHolding(symbols, 'Key definitions', 'Inner misalignment');
    assert.equal(keyDefinitions.kind, vscode.SymbolKind.String);
    const inner = childNamed(keyDefinitions, 'Inner misalignment');
    assert.equal(inner.kind, vscode.SymbolKind.Key);
    assert.equal(inner.detail, 'goal misgeneralisation', 'a concept’s detail lists its aliases');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.getText(inner.selectionRange), 'Inner misalignment');
    for (const name of ['Resiliance', 'Saint', 'Schemer']) childNamed(keyDefinitions, name);
  });

  it('makes a heading that defines a concept that concept, and nests a concept under the bullet it is indented in', async () => {
    const symbols = await documentSymbols(sampleNote('Course summary.md'));
    const rlhf = sectionHolding(symbols, 'Reinforcement Learning from Human Feedback', 'Reward model');
    assert.equal(rlhf.kind, vscode.SymbolKind.Key);
    assert.equal(rlhf.detail, 'RLHF');
    const interpretability = sectionHolding(symbols, 'Mechanistic interpretability', 'Polysemantic circuits');
    childNamed(childNamed(interpretability, 'Polysemantic circuits'), 'Polysemanticity');
    childNamed(childNamed(interpretability, 'Curve detectors'), 'Feature visualisation');
  });

  it('leaves look-alike definitions in code out of the outline', async () => {
    const names: string[] = [];
    const collect = (symbols: readonly vscode.DocumentSymbol[]): void => {
      for (const symbol of symbols) {
        names.push(symbol.name);
        collect(symbol.children);
      }
    };
    collect(await documentSymbols(sampleNote('Course summary.md')));
    assert.ok(names.includes('Inner misalignment'));
    for (const name of ['NotAConcept', 'AlsoNotAConcept', 'InlineNotAConcept']) assert.ok(!names.includes(name), name);
  });

  it('finds both the misspelt Resiliance and Resilience for the query resilience, in their notes', async () => {
    const symbols = await conceptSymbols('resilience');
    const where = (name: string): string | undefined => symbols.find((symbol) => symbol.name === name)?.containerName;
    assert.equal(where('Resiliance'), 'Course summary.md');
    assert.equal(where('Resilience'), 'Unit 1 - Losing control to AI.md');
    const resilience = symbols.find((symbol) => symbol.name === 'Resilience');
    assert.match(resilience?.location.uri.path ?? '', /\/units\/Unit 1 - Losing control to AI\.md$/);
  });

  it('finds Schemer for the misspelt query schemr', async () => {
    const symbols = await conceptSymbols('schemr');
    assert.ok(
      symbols.some((symbol) => symbol.name === 'Schemer'),
      `found ${symbols.map((symbol) => symbol.name).join(', ')}`,
    );
  });

  it('lists every definition of the concepts for an empty query', async () => {
    const all = await conceptSymbols('');
    const inner = all.filter((symbol) => symbol.name === 'Inner misalignment').map((symbol) => symbol.containerName);
    assert.deepEqual(inner.sort(), ['Course summary.md', 'Unit 1 - Losing control to AI.md']);
    assert.ok(all.length <= 500);
  });

  it('never throws on odd queries (called directly: VS Code would swallow the error)', async () => {
    const provider = new ConceptWorkspaceSymbolProvider((await activateExtension()).index);
    for (const query of ['(', '[[', '\\', '*'.repeat(5000), '   ', '🙂', '\u0000']) {
      assert.doesNotThrow(() => provider.provideWorkspaceSymbols(query), `query ${JSON.stringify(query.slice(0, 20))}`);
    }
  });
});
