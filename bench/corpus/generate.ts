import GithubSlugger from 'github-slugger';
import { type CourseLayout, type NotePlace, oneCourseLayout } from './courseLayout';
import { type CorpusFile, type FileSizes, fileSizes } from './files';
import { chance, int, pick, type Random, seeded, shuffled } from './prng';
import { capitalise, titleCase } from './text';
import { acronymOf, aliasOf, makeVocab, termKey } from './vocab';
import { BOLD_OPENINGS, FILLER, GROUP_OPENINGS, HEADS, LOOKALIKE, MODIFIERS, SECTION_TITLES } from './words';

/**
 * A deterministic generator of course notes in the users' format (performance-baseline.md §1): the same
 * options give a byte-identical corpus on every machine. Layout: `Course NNNN/Unit K - <title>.md`, ten units
 * per folder; each note has a `#` course heading, a `##` unit heading and 2-4 `####` sections holding
 * glossary bullets (aliases, acronyms, citations before or after the colon, `is/are` definitions), nested
 * definitions (bold parents with bold children, italic sub-terms, plain group bullets), acronym headings
 * (`#### Long Name (LN)`), prose that mentions terms (lower case, as written, plural), emphasis, inline code,
 * math, links to example.org, and code (fenced and inline) holding look-alike definitions that must never
 * count. Citations lead to real headings of other generated notes: 80% absolute GitHub blob URLs with
 * percent-encoded names, 20% relative (`./Unit%206%20-%20X.md#slug`). Another `CourseLayout` (manyCourses.ts)
 * puts the same kind of notes in other folders and addresses them with other URLs.
 */
export interface CorpusOptions {
  readonly files: number;
  /** Distinct terms in the vocabulary; every one is defined at least once when there are enough definitions. */
  readonly vocab: number;
  readonly seed: number;
}

export interface CorpusStats extends FileSizes {
  readonly definitions: number;
  readonly definitionsByStyle: { readonly bold: number; readonly italic: number; readonly heading: number };
  /** Nested definitions: a definition bullet under a definition bullet. */
  readonly nestedDefinitions: number;
  /** Distinct terms defined, by a case-, hyphen- and plural-insensitive key. */
  readonly distinctTerms: number;
  readonly definitionsWithAlias: number;
  readonly distinctAliases: number;
  readonly citations: number;
  readonly relativeCitations: number;
  readonly termMentions: number;
  /** Look-alike definitions inside fenced or inline code. */
  readonly lookalikes: number;
}

export interface Corpus {
  readonly options: CorpusOptions;
  readonly files: readonly CorpusFile[];
  /** The vocabulary, in the order terms were first defined. */
  readonly vocabulary: readonly string[];
  readonly stats: CorpusStats;
}

interface PlannedSection {
  readonly heading: string;
  /** Set for an acronym heading: the heading defines this term. */
  readonly term?: string;
}

interface PlannedNote extends NotePlace {
  readonly sections: readonly PlannedSection[];
  readonly slugs: readonly string[];
  readonly targetBytes: number;
}

class Generator {
  readonly #random: Random;
  readonly #vocab: readonly string[];
  /** Terms in definition order: a shuffled pass over the vocabulary, repeated, so every term gets defined. */
  #stream: string[] = [];
  readonly #defined: string[] = [];
  readonly #definedKeys = new Set<string>();
  readonly #aliases = new Set<string>();
  readonly #plans: PlannedNote[] = [];
  #note = 0;
  readonly counts = {
    definitions: 0,
    bold: 0,
    italic: 0,
    heading: 0,
    nested: 0,
    withAlias: 0,
    citations: 0,
    relative: 0,
    mentions: 0,
    lookalikes: 0,
  };

  constructor(
    private readonly options: CorpusOptions,
    private readonly layout: CourseLayout,
  ) {
    this.#random = seeded(options.seed, layout.seedTag, options.files, options.vocab);
    this.#vocab = makeVocab(options.vocab, options.seed);
  }

  generate(): Corpus {
    for (let i = 0; i < this.options.files; i++) this.#plans.push(this.#plan(i));
    const files = this.#plans.map((plan, i) => {
      this.#note = i;
      return { path: `${plan.folder}/${plan.fileName}`, text: this.#body(plan) };
    });
    return { options: this.options, files, vocabulary: this.#defined, stats: this.#stats(files) };
  }

  #nextTerm(): string {
    if (this.#stream.length === 0) this.#stream = shuffled(this.#random, this.#vocab).reverse();
    const term = this.#stream.pop() ?? '';
    const key = termKey(term);
    if (!this.#definedKeys.has(key)) {
      this.#definedKeys.add(key);
      this.#defined.push(term);
    }
    return term;
  }

  #plan(i: number): PlannedNote {
    const random = this.#random;
    const place = this.layout.place(i, random);
    const sectionTitles = shuffled(random, SECTION_TITLES);
    const sections: PlannedSection[] = [];
    const count = int(random, 2, 4);
    for (let s = 0; s < count; s++) {
      if (chance(random, 0.3)) {
        const term = this.#nextTerm();
        this.counts.heading++;
        this.counts.definitions++;
        sections.push({ heading: `${titleCase(term)} (${acronymOf(term)})`, term });
      } else sections.push({ heading: sectionTitles[s] ?? 'Notes' });
    }
    const slugger = new GithubSlugger();
    const slugs = [place.courseHeading, place.unitHeading, ...sections.map((section) => section.heading)].map((text) => slugger.slug(text));
    const [minBytes, maxBytes] = this.layout.noteBytes;
    return { ...place, sections, slugs, targetBytes: int(random, minBytes, maxBytes) };
  }

  #body(plan: PlannedNote): string {
    const random = this.#random;
    const blocks: string[] = [`# ${plan.courseHeading}`, `## ${plan.unitHeading}`, this.#paragraph(2)];
    let length = blocks.join('\n\n').length;
    plan.sections.forEach((section, s) => {
      const sectionBlocks: string[] = [`#### ${section.heading}`];
      if (section.term !== undefined) {
        sectionBlocks.push(this.#paragraph(int(random, 1, 2)));
        if (chance(random, 0.35)) sectionBlocks.push(this.#list(int(random, 2, 3), () => this.#definition('', 'italic')));
      }
      const sectionTarget = (plan.targetBytes * (s + 1)) / plan.sections.length;
      length += sectionBlocks.join('\n\n').length + 2;
      while (sectionBlocks.length === 1 || length < sectionTarget) {
        const block = this.#block();
        sectionBlocks.push(block);
        length += block.length + 2;
      }
      blocks.push(...sectionBlocks);
    });
    return `${blocks.join('\n\n')}\n`;
  }

  /** One block of a section, chosen by weight. */
  #block(): string {
    const random = this.#random;
    const roll = random() * 12;
    if (roll < 2.8) return this.#list(int(random, 2, 3), () => this.#glossaryItem());
    if (roll < 3.8) return this.#groupList();
    if (roll < 4.6) return this.#list(int(random, 2, 3), () => this.#boldNonDefinition());
    if (roll < 8.2) return this.#paragraph(int(random, 2, 4));
    if (roll < 10.8) return this.#list(int(random, 2, 4), () => `* ${this.#sentence()}`);
    if (roll < 11.4) return this.#fencedLookalikes();
    return this.#inlineLookalike();
  }

  #list(items: number, item: () => string): string {
    return Array.from({ length: items }, item).join('\n');
  }

  /** A definition bullet, sometimes with nested definitions or nested prose. */
  #glossaryItem(): string {
    const random = this.#random;
    const head = this.#definition('', 'bold');
    const roll = random();
    if (roll < 0.75) return head;
    if (roll < 0.9) {
      const italic = chance(random, 0.5);
      const children = this.#list(int(random, 2, 3), () => {
        this.counts.nested++;
        return this.#definition('  ', italic ? 'italic' : 'bold');
      });
      return `${head}\n${children}`;
    }
    return `${head}\n${this.#list(int(random, 1, 2), () => `  * ${this.#sentence()}`)}`;
  }

  /** A plain parent bullet that groups definitions (Saint, Sycophant, Schemer). */
  #groupList(): string {
    const random = this.#random;
    const citation = chance(random, 0.5) ? ` ${this.#citation()}` : '';
    const children = this.#list(int(random, 2, 3), () => this.#definition('  ', 'bold'));
    return `* ${pick(random, GROUP_OPENINGS)}${citation}:\n${children}`;
  }

  #boldNonDefinition(): string {
    const random = this.#random;
    if (chance(random, 0.5)) return `* **${pick(random, BOLD_OPENINGS)}** that ${this.#sentence().replace(/^\w/, (c) => c.toLowerCase())}`;
    return `* ${this.#words(3, 6)} **${this.#words(1, 2)}** ${this.#words(3, 8)}.`;
  }

  /**
   * `* **Term** (alias) [[Unit k]](url): text` and its variants; italic sub-terms are `*Term*: text`.
   * The text ends with a citation most of the time.
   */
  #definition(indent: string, style: 'bold' | 'italic'): string {
    const random = this.#random;
    const term = this.#nextTerm();
    this.counts.definitions++;
    this.counts[style]++;
    const text = (): string => this.#definitionText();
    const cite = (): string => (chance(random, 0.85) ? ` ${this.#citation()}` : '');
    if (style === 'italic') return `${indent}* *${term}*: ${text()}${cite()}`;
    const roll = random();
    if (roll < 0.1) return `${indent}* **${term}:** ${text()}${cite()}`;
    if (roll < 0.2) return `${indent}* **${term}** ${chance(random, 0.5) ? 'is' : 'are'} ${text().replace(/^\w/, (c) => c.toLowerCase())}${cite()}`;
    let aliases = '';
    if (chance(random, 0.3)) {
      this.counts.withAlias++;
      const names = [aliasOf(random, term)];
      if (chance(random, 0.1)) names.push(aliasOf(random, term));
      for (const name of names) this.#aliases.add(name.toLowerCase());
      aliases = ` (${names.join(', ')})`;
    }
    if (chance(random, 0.2)) return `${indent}* **${term}**${aliases} ${this.#citation()}: ${text()}`;
    return `${indent}* **${term}**${aliases}: ${text()}${cite()}`;
  }

  #definitionText(): string {
    return this.#sentence().replace(/\.$/, '') + (chance(this.#random, 0.3) ? `; ${this.#words(4, 9)}.` : '.');
  }

  #paragraph(sentences: number): string {
    const parts = Array.from({ length: sentences }, () => this.#sentence());
    if (chance(this.#random, 0.25)) parts.push(`See ${this.#citation()}.`);
    return parts.join(' ');
  }

  /** A sentence of filler with 1-2 term mentions and, sometimes, emphasis, inline code, math or a web link. */
  #sentence(): string {
    const random = this.#random;
    const parts: string[] = [this.#words(3, 7)];
    const mentions = chance(random, 0.7) ? int(random, 1, 2) : 0;
    for (let m = 0; m < mentions; m++) parts.push(this.#mention(), this.#words(2, 6));
    const extra = random();
    if (extra < 0.12) parts.push(`*${this.#words(1, 2)}*`, this.#words(1, 3));
    else if (extra < 0.2) parts.push(`\`${pick(random, ['pi_theta', 'loss.backward()', 'kl_penalty', 'reward_model(x)'])}\``);
    else if (extra < 0.26) parts.push(`$${pick(random, ['\\pi_\\theta(a|s)', 'D_{KL}(p \\| q)', 'R(s, a)', '\\nabla_\\theta L'])}$`);
    else if (extra < 0.32) parts.push(`[${this.#words(1, 3)}](https://example.org/reading/${int(random, 1, 9999)})`);
    return `${capitalise(parts.join(' '))}.`;
  }

  #words(min: number, max: number): string {
    return Array.from({ length: int(this.#random, min, max) }, () => pick(this.#random, FILLER)).join(' ');
  }

  /** A term as prose mentions it: 60% lower case, 30% as written, 10% plural. */
  #mention(): string {
    const random = this.#random;
    this.counts.mentions++;
    const term = pick(random, this.#vocab);
    const roll = random();
    if (roll < 0.6) return term.toLowerCase();
    if (roll < 0.9) return term;
    return `${term.toLowerCase()}s`;
  }

  /** `[[Unit k]](url#slug)` to a real heading of another note: 80% absolute GitHub URL, 20% relative (the layout's range). */
  #citation(): string {
    const random = this.#random;
    const here = this.#plans[this.#note];
    const range = this.layout.relativeRange(this.#note, random);
    const relative = here !== undefined && range.size > 1 && chance(random, 0.2);
    let target = this.#note;
    while (target === this.#note && this.#plans.length > 1) {
      target = relative ? range.start + int(random, 0, range.size - 1) : int(random, 0, this.#plans.length - 1);
    }
    const plan = this.#plans[target];
    if (!plan) return '';
    const slug = pick(random, plan.slugs);
    this.counts.citations++;
    if (relative && here) {
      this.counts.relative++;
      return `[[Unit ${plan.unit}]](${this.layout.relativeUrl(here, plan)}#${slug})`;
    }
    return `[[Unit ${plan.unit}]](${this.layout.absoluteUrl(plan)}#${slug})`;
  }

  /** A fenced block of markdown examples: look-alike definitions that are code, not definitions. */
  #fencedLookalikes(): string {
    const random = this.#random;
    const lines = Array.from({ length: int(random, 2, 3) }, () => {
      this.counts.lookalikes++;
      const term = `${LOOKALIKE} ${pick(random, MODIFIERS)} ${pick(random, HEADS)}`;
      return chance(random, 0.7) ? `* **${term}**: ${this.#words(4, 8)}.` : `  * *${term}*: ${this.#words(3, 6)}.`;
    });
    return ['```markdown', ...lines, '```'].join('\n');
  }

  #inlineLookalike(): string {
    const random = this.#random;
    this.counts.lookalikes++;
    const term = `${LOOKALIKE} ${pick(random, HEADS)}`;
    return `${capitalise(this.#words(3, 6))} \`* **${term}**: ${this.#words(2, 4)}\` ${this.#words(3, 6)} ${this.#mention()}.`;
  }

  #stats(files: readonly CorpusFile[]): CorpusStats {
    const c = this.counts;
    return {
      ...fileSizes(files),
      definitions: c.definitions,
      definitionsByStyle: { bold: c.bold, italic: c.italic, heading: c.heading },
      nestedDefinitions: c.nested,
      distinctTerms: this.#definedKeys.size,
      definitionsWithAlias: c.withAlias,
      distinctAliases: this.#aliases.size,
      citations: c.citations,
      relativeCitations: c.relative,
      termMentions: c.mentions,
      lookalikes: c.lookalikes,
    };
  }
}

/** Generates a corpus in memory. Deterministic: the same options and layout give byte-identical files. */
export function generateCorpus(options: CorpusOptions, layout: CourseLayout = oneCourseLayout(options.files)): Corpus {
  if (!Number.isInteger(options.files) || options.files < 1) throw new Error(`files must be a positive integer, not ${options.files}`);
  return new Generator(options, layout).generate();
}
