import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../../scripts/lib/paths';
import { count, num } from '../lib/format';
import { notMeasured, type Row } from '../lib/results';
import { median } from '../lib/stats';
import { type LogLine, logLines, waitForLog } from './logs';
import { openNote, preparePaletteCommand, waitForWorkbench, withVsCode } from './session';

interface Manifest {
  readonly name: string;
  readonly publisher: string;
  readonly contributes?: { readonly commands?: readonly { readonly command: string; readonly title: string; readonly category?: string }[] };
}

/** The line the extension logs at the end of `activate()`: `Alignment Notes activated in 12.3 ms (...)`. */
const ACTIVATED = /\bactivated in (\d+(?:\.\d+)?) ?ms\b/;
const ACTIVATED_ANY = /^Alignment Notes activated\b/;
/** `Indexed 1000 notes in 1 folder(s): 5000 concepts, in 5123 ms.` */
const INDEXED = /^Indexed (\d+) notes.*?: (\d+) concepts, in (\d+) ms/;
/** `Concept map: drew 5000 concepts, 3000 units and 20000 links (first picture 812 ms, complete 2400 ms after the graph arrived).` */
const MAP_DRAWN = /^Concept map: drew (\d+) concepts, (\d+) units and (\d+) links \(first picture (\d+) ms, complete (\d+) ms/;
const CONCEPT_MAP_COMMAND = 'alignmentNotes.openConceptMap';
/** Activations measured: the first start, then reloads of the window (each a fresh extension host). */
const ACTIVATIONS = 5;
const MAP_TIMEOUT_MS = 90_000;

export interface ExtensionOptions {
  /** A corpus folder on disk with at least `mapNodes` concepts. */
  readonly folder: string;
  /** A note of that folder to open (its file name). */
  readonly noteFileName: string;
  readonly vsix?: string;
  readonly measureConceptMap: boolean;
  readonly mapNodes: number;
  readonly screenshot: string;
}

function manifest(): Manifest {
  return JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as Manifest;
}

const byTime = (lines: LogLine[]): LogLine[] => lines.sort((a, b) => a.at - b.at);

/** The extension host's record of each time it started activating us (before our bundle is loaded). */
function activationStarts(profileDir: string, extensionId: string): LogLine[] {
  return byTime(logLines(profileDir, (name) => /exthost.*\.log$/.test(name)).filter((line) => line.text.includes(`_doActivateExtension ${extensionId},`)));
}

function ourLog(profileDir: string): LogLine[] {
  return byTime(logLines(profileDir, (name) => name === 'Alignment Notes.log'));
}

const activations = (profileDir: string): LogLine[] => ourLog(profileDir).filter((line) => ACTIVATED_ANY.test(line.text));

/**
 * Activation time, the first index and the concept map's first picture, in the real VS Code (code-server +
 * chromium) on a generated workspace. Activation comes from logs, five times (start, then four window
 * reloads): the extension's own `activated in N ms` line, and the span from the host's
 * `_doActivateExtension` line to that line (which includes loading the bundle).
 */
export async function measureInVsCode(options: ExtensionOptions): Promise<Row[]> {
  const { name, publisher, contributes } = manifest();
  const extensionId = `${publisher}.${name}`;
  return withVsCode(options.folder, options.vsix, async ({ page, profileDir, loadedFrom }) => {
    const source = `${loadedFrom === 'vsix' ? 'installed from the .vsix' : 'extension under development'}, workspace ${options.folder.split('/').pop() ?? ''}`;
    await openNote(page, options.noteFileName);
    for (let n = 1; n <= ACTIVATIONS; n++) {
      if (n > 1) {
        await (await preparePaletteCommand(page, 'Developer: Reload Window'))();
        await waitForWorkbench(page);
        // The reloaded window restores the open note, which activates the extension; open it again if not.
        if (!(await waitForLog(() => (activations(profileDir).length >= n ? true : undefined), 15_000))) await openNote(page, options.noteFileName);
      }
      if (!(await waitForLog(() => (activations(profileDir).length >= n ? true : undefined), 60_000))) break;
    }
    const activated = activations(profileDir);
    const starts = activationStarts(profileDir, extensionId);
    const rows: Row[] = [activationRow(activated, source), hostActivationRow(activated, starts, source)];
    const lastActivation = activated.at(-1)?.at ?? 0;
    const indexed = await waitForLog(
      () => ourLog(profileDir).filter((line) => line.at >= lastActivation).map((line) => INDEXED.exec(line.text)).find((match) => match !== null) ?? undefined,
      300_000,
    );
    const indexLabel = 'First workspace index inside VS Code (background, its log line)';
    rows.push(
      indexed
        ? { id: 'vscode.index', label: indexLabel, value: Number(indexed[3]), unit: 'ms', samples: 1, detail: `${indexed[1]} notes, ${indexed[2]} concepts, read through workspace.fs; after the last activation` }
        : notMeasured('vscode.index', indexLabel, 'ms', 'no "Indexed N notes" line within 300 s'),
    );
    const mapLabel = `Concept map, first picture (${count(options.mapNodes)} concepts): command → nodes on screen`;
    const command = contributes?.commands?.find((candidate) => candidate.command === CONCEPT_MAP_COMMAND);
    if (!options.measureConceptMap) rows.push(notMeasured('conceptMap', mapLabel, 'ms', 'skipped (--skip-browser)'));
    else if (!command) rows.push(notMeasured('conceptMap', mapLabel, 'ms', `no ${CONCEPT_MAP_COMMAND} command in package.json`));
    else if (!indexed) rows.push(notMeasured('conceptMap', mapLabel, 'ms', 'the workspace never finished indexing'));
    else rows.push(...(await conceptMapRows(page, profileDir, `${command.category ? `${command.category}: ` : ''}${command.title}`, mapLabel, options)));
    return rows;
  });
}

function activationRow(activated: readonly LogLine[], source: string): Row {
  const label = 'Extension activation, activate() (its own log line)';
  if (activated.length === 0) return notMeasured('activation', label, 'ms', 'the extension logged no "Alignment Notes activated" line within 60 s');
  const samples = activated.flatMap((line) => {
    const ms = ACTIVATED.exec(line.text)?.[1];
    return ms === undefined ? [] : [Number(ms)];
  });
  if (samples.length === 0) {
    return notMeasured('activation', label, 'ms', `the extension logs "${activated[0]?.text ?? ''}" with no duration; it needs "Alignment Notes activated in <N> ms ..."`);
  }
  return {
    id: 'activation',
    label,
    value: median(samples),
    unit: 'ms',
    samples: samples.length,
    detail: `median of ${samples.length} activations (start, then window reloads): ${samples.map(num).join(', ')} ms; ${source}`,
  };
}

function hostActivationRow(activated: readonly LogLine[], starts: readonly LogLine[], source: string): Row {
  const label = 'Extension activation incl. loading the bundle (host log → our log)';
  const spans = activated.flatMap((line, i) => {
    const start = starts[i];
    return start && start.at <= line.at ? [line.at - start.at] : [];
  });
  if (spans.length === 0) return notMeasured('activation.host', label, 'ms', 'no _doActivateExtension line before our activated line in the logs');
  return {
    id: 'activation.host',
    label,
    value: median(spans),
    unit: 'ms',
    samples: spans.length,
    detail: `median of ${spans.length}: ${spans.map(num).join(', ')} ms, from the host's _doActivateExtension line to ours (1 ms log resolution); ${source}`,
  };
}

/**
 * Runs the concept-map command and waits, in chromium, for the webview's map to settle (`#map[data-state=
 * "settled"]`; the first, list-only version shows "N of N concepts" in `#count` instead). The webview's own
 * log line gives its first picture and completion, timed from the graph's arrival; the first picture from
 * the command is the external time to completion less the webview's own span from first picture to completion.
 */
async function conceptMapRows(page: Page, profileDir: string, title: string, label: string, options: ExtensionOptions): Promise<Row[]> {
  const map = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const logged = ourLog(profileDir).length;
  const run = await preparePaletteCommand(page, title);
  const started = performance.now();
  await run();
  const settled = map
    .locator('#map[data-state="settled"]')
    .waitFor({ state: 'attached', timeout: MAP_TIMEOUT_MS })
    .then(() => ({ signal: '#map[data-state=settled]', at: performance.now() }));
  const list = map
    .locator('#count', { hasText: /^\d+ of \d+ concepts?$/ })
    .waitFor({ timeout: MAP_TIMEOUT_MS })
    .then(() => ({ signal: '#count (list view)', at: performance.now() }));
  const first = await Promise.any([settled, list]).catch(() => undefined);
  void settled.catch(() => undefined);
  void list.catch(() => undefined);
  if (!first) {
    await page.screenshot({ path: options.screenshot }).catch(() => undefined);
    return [notMeasured('conceptMap', label, 'ms', `the webview did not finish drawing within ${MAP_TIMEOUT_MS / 1000} s (screenshot ${options.screenshot.replace(`${repoRoot()}/`, '')})`)];
  }
  const completeMs = first.at - started;
  const drawn = await waitForLog(() => ourLog(profileDir).slice(logged).map((line) => MAP_DRAWN.exec(line.text)).find((match) => match !== null) ?? undefined, 10_000);
  await page.screenshot({ path: options.screenshot }).catch(() => undefined);
  const shot = `screenshot ${options.screenshot.replace(`${repoRoot()}/`, '')}`;
  if (!drawn) {
    return [
      {
        id: 'conceptMap',
        label,
        value: completeMs,
        unit: 'ms',
        samples: 1,
        detail: `from running "${title}" to the webview's ${first.signal} signal (drawn at once); ${shot}`,
      },
    ];
  }
  const [, concepts = '0', units = '0', links = '0', firstPicture = '0', complete = '0'] = drawn;
  const webviewSpan = Number(complete) - Number(firstPicture);
  return [
    {
      id: 'conceptMap',
      label,
      value: completeMs - webviewSpan,
      unit: 'ms',
      samples: 1,
      detail:
        `${concepts} concepts, ${units} units, ${links} links; command → settled map ${num(completeMs)} ms in chromium, less the webview's ` +
        `own first picture → complete ${num(webviewSpan)} ms; the webview's first picture is ${firstPicture} ms after the graph arrived; ${shot}`,
      extra: { concepts: Number(concepts), units: Number(units), links: Number(links), webviewFirstPictureMs: Number(firstPicture), webviewCompleteMs: Number(complete) },
    },
    {
      id: 'conceptMap.complete',
      label: `Concept map, command → layout settled, every link drawn (${concepts} concepts, ${units} units)`,
      value: completeMs,
      unit: 'ms',
      samples: 1,
      detail: `${first.signal} seen in chromium; the webview reports complete ${complete} ms after the graph arrived`,
    },
  ];
}
