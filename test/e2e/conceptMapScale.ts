// page.evaluate callbacks run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testOutputDir } from '../../scripts/lib/paths';
import { Workbench } from './workbench';

/**
 * The concept map at scale, measured in the real browser: a generated course of thousands of concepts
 * opened in the offline VS Code, timed from the palette command to the first picture and to the settled
 * map. For the benchmark (not a timed test): `measureConceptMapAtScale()` returns the numbers.
 */

export interface LargeCourseShape {
  readonly concepts: number;
  /** Other concepts each definition names: `concepts × mentions` links. */
  readonly mentions: number;
  readonly notes: number;
  /** Sections per note: each is a unit of the map. */
  readonly sections: number;
}

export const SCALE_COURSE: LargeCourseShape = { concepts: 5_000, mentions: 4, notes: 50, sections: 2 };

function term(i: number): string {
  return `Concept ${String(i).padStart(4, '0')}`;
}

/**
 * Writes a course whose index has `concepts` concepts and about `concepts × mentions` links: each
 * definition names concepts nearby (same section, mostly) and one far away, deterministically.
 */
export function writeLargeCourse(dir: string, shape: LargeCourseShape = SCALE_COURSE): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const perNote = Math.ceil(shape.concepts / shape.notes);
  const perSection = Math.ceil(perNote / shape.sections);
  let seed = 1;
  const random = (): number => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
  for (let note = 0; note < shape.notes; note++) {
    const lines = [`# Note ${note}`, ''];
    for (let k = 0; k < perNote; k++) {
      const i = note * perNote + k;
      if (i >= shape.concepts) break;
      if (k % perSection === 0) lines.push('', `## Section ${note}.${k / perSection}`, '');
      const named = new Set<number>();
      while (named.size < shape.mentions) {
        const far = named.size === shape.mentions - 1;
        const other = far ? Math.floor(random() * shape.concepts) : i - (i % perSection) + Math.floor(random() * perSection);
        if (other !== i && other < shape.concepts) named.add(other);
      }
      lines.push(`* **${term(i)}**: an idea that builds on ${[...named].map(term).join(', ')}.`);
    }
    writeFileSync(join(dir, `Note ${String(note).padStart(3, '0')}.md`), `${lines.join('\n')}\n`);
  }
}

export interface ScaleMeasurement {
  readonly concepts: number;
  readonly links: number;
  /** From pressing Enter on "Open Concept Map" to the nodes on screen. */
  readonly commandToFirstPictureMs: number;
  /** From pressing Enter to the layout settled and every link drawn. */
  readonly commandToSettledMs: number;
  /** Main-thread tasks over 50 ms in the map's page between the first picture and the settled map. */
  readonly longestTaskMs: number;
  readonly longTasks: number;
}

/** Opens a generated course in the offline VS Code and times the concept map on it. */
export async function measureConceptMapAtScale(shape: LargeCourseShape = SCALE_COURSE): Promise<ScaleMeasurement> {
  const course = testOutputDir('e2e', `concept-map-scale-course-${process.pid}`);
  writeLargeCourse(course, shape);
  const workbench = await Workbench.start({ name: 'concept-map-scale', development: true, folder: course });
  try {
    // The status bar shows the count while a note is open.
    await workbench.openNote('Note 000.md');
    await workbench.page.locator('.statusbar-item', { hasText: `${shape.concepts} concepts` }).waitFor({ timeout: 300_000 });
    await workbench.page.keyboard.press('F1');
    const input = workbench.page.locator('.quick-input-widget input');
    await input.fill('>Alignment Notes: Open Concept Map');
    await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Concept Map' }).first().waitFor();
    const started = Date.now();
    await workbench.page.keyboard.press('Enter');
    const map = workbench.conceptMap();
    const state = map.locator('#map');
    await map.locator('body').evaluate(() => {
      const tasks: number[] = [];
      (window as unknown as { longTasks: number[] }).longTasks = tasks;
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration))).observe({ type: 'longtask', buffered: true });
    });
    await map.locator('#map[data-state="drawn"], #map[data-state="settled"]').waitFor({ timeout: 120_000 });
    const commandToFirstPictureMs = Date.now() - started;
    await map.locator('#map[data-state="settled"]').waitFor({ timeout: 300_000 });
    const commandToSettledMs = Date.now() - started;
    const longTasks = await state.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    const status = (await map.locator('#status').textContent()) ?? '';
    const [concepts, , links] = (status.match(/\d+/g) ?? []).map(Number);
    return {
      concepts: concepts ?? 0,
      links: links ?? 0,
      commandToFirstPictureMs,
      commandToSettledMs,
      longestTaskMs: Math.round(Math.max(0, ...longTasks)),
      longTasks: longTasks.length,
    };
  } finally {
    await workbench.close();
    rmSync(course, { recursive: true, force: true });
  }
}
