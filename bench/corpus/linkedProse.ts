import { type CorpusFile, type FileSizes, fileSizes } from './files';
import { chance, int, pick, type Random, seeded } from './prng';
import { Prose } from './prose';
import { capitalise } from './text';
import { makeVocab } from './vocab';

/**
 * Linked prose, the Foam and Zettelkasten style: notes named in plain words (`notes/Deceptive
 * sandbagging.md`), written as long paragraphs and prose bullets that link other notes by bare name,
 * `[[Deceptive sandbagging]]`, in any case, sometimes with a label, and now and then to a note never
 * written. A few hub notes (one per 2,000 notes, at least three) take 18% of all links, so each has
 * thousands of backlinks at 10,000 notes. Deterministic: the same options give byte-identical files.
 */
export interface LinkedProseOptions {
  readonly files: number;
  readonly seed: number;
}

export interface LinkedProseStats extends FileSizes {
  /** Every `[[...]]` written, broken ones included. */
  readonly links: number;
  readonly lowerCaseLinks: number;
  readonly labelledLinks: number;
  readonly brokenLinks: number;
  readonly hubs: number;
  /** Links to the hub notes, and the most backlinks any one note has. */
  readonly hubLinks: number;
  readonly maxBacklinks: number;
  readonly paragraphs: number;
  readonly bullets: number;
}

export interface LinkedProse {
  readonly options: LinkedProseOptions;
  readonly files: readonly CorpusFile[];
  readonly stats: LinkedProseStats;
}

/** Where notes live: bare-name links must find them in any folder. */
const FOLDERS = ['notes', 'notes', 'notes', 'notes/archive', 'reading', 'projects', 'inbox'];
const HUB_SHARE = 0.18;
const NOTES_PER_HUB = 2000;

class Writer {
  readonly #random: Random;
  readonly #prose: Prose;
  readonly #names: readonly string[];
  readonly #hubs: number;
  readonly #unwritten: readonly string[];
  readonly #backlinks: number[];
  readonly counts = { links: 0, lowerCase: 0, labelled: 0, broken: 0, hub: 0, paragraphs: 0, bullets: 0 };

  constructor(private readonly options: LinkedProseOptions) {
    this.#random = seeded(options.seed, 'linked-prose', options.files);
    this.#prose = new Prose(this.#random);
    const vocab = makeVocab(options.files + Math.max(5, Math.round(options.files * 0.02)), options.seed);
    this.#names = vocab.slice(0, options.files);
    this.#unwritten = vocab.slice(options.files);
    this.#hubs = Math.min(options.files, Math.max(3, Math.round(options.files / NOTES_PER_HUB)));
    this.#backlinks = this.#names.map(() => 0);
  }

  generate(): LinkedProse {
    const random = this.#random;
    const files = this.#names.map((name) => ({ path: `${pick(random, FOLDERS)}/${name}.md`, text: this.#note(name, int(random, 2500, 8500)) }));
    const c = this.counts;
    return {
      options: this.options,
      files,
      stats: {
        ...fileSizes(files),
        links: c.links,
        lowerCaseLinks: c.lowerCase,
        labelledLinks: c.labelled,
        brokenLinks: c.broken,
        hubs: this.#hubs,
        hubLinks: c.hub,
        maxBacklinks: Math.max(...this.#backlinks),
        paragraphs: c.paragraphs,
        bullets: c.bullets,
      },
    };
  }

  /** An optional H1, then long paragraphs, prose bullets and now and then a `##` heading, to `targetBytes`. */
  #note(name: string, targetBytes: number): string {
    const random = this.#random;
    const blocks: string[] = chance(random, 0.7) ? [`# ${name}`] : [];
    let written = 0;
    while (written < targetBytes) {
      const roll = random();
      let block: string;
      if (roll < 0.1 && blocks.length > 1) block = `## ${capitalise(this.#prose.nounPhrase())}`;
      else if (roll < 0.7) {
        this.counts.paragraphs++;
        block = this.#prose.paragraph(int(random, 5, 16), this.#fill);
      } else {
        const items = int(random, 2, 6);
        this.counts.bullets += items;
        block = Array.from({ length: items }, () => `- ${this.#prose.paragraph(int(random, 1, 2), this.#fill)}`).join('\n');
      }
      blocks.push(block);
      written += block.length + 2;
    }
    return `${blocks.join('\n\n')}\n`;
  }

  /** Noun-phrase slots: 8% a link, else plain words. */
  readonly #fill = (): string | undefined => (chance(this.#random, 0.08) ? this.#link() : undefined);

  /** `[[Name]]`, `[[name]]` or `[[Name|label]]`: 18% to a hub, 2% to a note never written. */
  #link(): string {
    const random = this.#random;
    this.counts.links++;
    if (chance(random, 0.02)) {
      this.counts.broken++;
      return `[[${pick(random, this.#unwritten)}]]`;
    }
    const hub = chance(random, HUB_SHARE);
    const target = hub ? int(random, 0, this.#hubs - 1) : int(random, 0, this.#names.length - 1);
    if (hub) this.counts.hub++;
    this.#backlinks[target] = (this.#backlinks[target] ?? 0) + 1;
    const name = this.#names[target] ?? '';
    const roll = random();
    if (roll < 0.2) {
      this.counts.lowerCase++;
      return `[[${name.toLowerCase()}]]`;
    }
    if (roll < 0.27) {
      this.counts.labelled++;
      return `[[${name}|${this.#prose.nounPhrase()}]]`;
    }
    return `[[${name}]]`;
  }
}

/** Generates the linked-prose corpus in memory. Deterministic: the same options give byte-identical files. */
export function generateLinkedProse(options: LinkedProseOptions): LinkedProse {
  if (!Number.isInteger(options.files) || options.files < 1) throw new Error(`files must be a positive integer, not ${options.files}`);
  return new Writer(options).generate();
}
