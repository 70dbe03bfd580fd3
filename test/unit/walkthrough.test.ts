import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WALKTHROUGH_CONTEXT } from '../../src/vscode/commands';
import { REPO_ROOT, sourceFiles } from './helpers/sourceFiles';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image?: string; altText?: string };
  completionEvents?: string[];
}

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
    walkthroughs?: { id: string; title: string; description: string; steps: Step[] }[];
    configuration: { properties: Record<string, { default?: unknown }> };
  };
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
const commands = new Set(manifest.contributes.commands.map((c) => c.command));
const views = new Set(Object.values(manifest.contributes.views).flatMap((list) => list.map((view) => view.id)));

/** The walkthrough "Get started with Alignment Notes" (contributes.walkthroughs) against the rest of the manifest and the code. */
describe('the walkthrough', () => {
  const walkthrough = manifest.contributes.walkthroughs?.[0];
  const steps = walkthrough?.steps ?? [];

  it('is "Get started with Alignment Notes", one step for each thing to try first, in order', () => {
    assert.equal(manifest.contributes.walkthroughs?.length, 1);
    assert.equal(walkthrough?.title, 'Get started with Alignment Notes');
    assert.deepEqual(
      steps.map((step) => step.id),
      ['hoverTerm', 'goToCitation', 'followWikiLink', 'openConceptMap', 'browseConcepts', 'reviewCard'],
    );
    for (const step of steps) assert.ok(step.title.length > 0 && step.description.length > 40, step.id);
  });

  it('shows for every step an end-to-end screenshot that exists, with alt text', () => {
    assert.ok(steps.length > 0, 'no steps');
    for (const step of steps) {
      const image = step.media.image ?? assert.fail(`${step.id} has no image`);
      assert.match(image, /^docs\/images\/[a-z-]+\.png$/, step.id);
      assert.ok(existsSync(join(REPO_ROOT, image)), `${image} is missing`);
      assert.ok((step.media.altText ?? '').length > 10, `${step.id} has no alt text`);
    }
  });

  it('completes each step on a contributed command, a contributed view or a context key our providers set', () => {
    const keys = new Set<string>(Object.values(WALKTHROUGH_CONTEXT));
    const used = new Set<string>();
    assert.ok(steps.length > 0, 'no steps');
    for (const step of steps) {
      const events = step.completionEvents ?? [];
      // Without completion events VS Code ticks a step as soon as it is selected, before anything is done.
      assert.ok(events.length > 0, `${step.id} has no completion event`);
      for (const event of events) {
        const [kind, id = ''] = event.split(/:(.*)/s);
        if (kind === 'onCommand') assert.ok(commands.has(id), `${step.id}: ${id} is not a contributed command`);
        else if (kind === 'onView') assert.ok(views.has(id), `${step.id}: ${id} is not a contributed view`);
        else if (kind === 'onContext') {
          assert.ok(keys.has(id), `${step.id}: ${id} is not one of our walkthrough context keys`);
          used.add(id);
        } else assert.fail(`${step.id}: unexpected completion event ${event}`);
      }
    }
    assert.deepEqual([...used].sort(), [...keys].sort(), 'a walkthrough context key no step waits for');
    // Each key is set by a provider: `walkthrough.answered('<action>', document)`.
    const providers = sourceFiles(join(REPO_ROOT, 'src', 'vscode', 'languageFeatures')).map((file) => readFileSync(file, 'utf8')).join('\n');
    for (const action of Object.keys(WALKTHROUGH_CONTEXT)) assert.match(providers, new RegExp(`walkthrough\\.answered\\('${action}', document\\)`), action);
  });

  it('gives buttons that run contributed commands or show a contributed view', () => {
    const buttons = steps.flatMap((step) => [...step.description.matchAll(/\]\(command:([^)?]+)/g)].map((match) => match[1] ?? ''));
    assert.ok(buttons.length >= 3, buttons.join(', '));
    for (const command of buttons) {
      const view = command.endsWith('.focus') ? command.slice(0, -'.focus'.length) : undefined;
      assert.ok(commands.has(command) || (view !== undefined && views.has(view)), `${command} is neither a command nor a view's focus command`);
    }
  });

  it('activates the extension on a workspace with notes, the notes the index reads, so the map can open at start', () => {
    const include = manifest.contributes.configuration.properties['alignmentNotes.include']?.default;
    assert.ok(manifest.activationEvents.includes(`workspaceContains:${String(include)}`), manifest.activationEvents.join(', '));
  });
});
