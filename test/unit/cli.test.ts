import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateBenchCorpus } from '../../bench/corpus/corpora';
import { parseDelimited } from './helpers/delimited';
import { FOAM_VAULT, SAMPLE_COURSE, SAMPLE_VAULT } from './helpers/sampleCourse';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: join(SAMPLE_COURSE, '..', '..') });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('alignment-notes CLI on the sample course', () => {
  it('index prints note, concept, definition and citation counts with timings', () => {
    const { status, stdout } = cli('index', SAMPLE_COURSE);
    assert.equal(status, 0);
    assert.match(stdout, /^5 notes, \d+ concepts, \d+ definitions, 47 citations$/m);
    assert.match(stdout, /^read \d+ ms, parse and index \d+ ms, concepts \d+ ms$/m);
  });

  it('index --json gives the same counts to machines', () => {
    const { status, stdout } = cli('index', SAMPLE_COURSE, '--json');
    assert.equal(status, 0);
    const data = JSON.parse(stdout) as { notes: number; concepts: number; citations: number; timings: { indexMs: number } };
    assert.equal(data.notes, 5);
    assert.equal(data.citations, 47);
    assert.ok(data.concepts >= 25);
    assert.equal(typeof data.timings.indexMs, 'number');
  });

  it('check reports the citation whose anchor matches no heading, naming the closest heading', () => {
    const { status, stdout } = cli('check', SAMPLE_COURSE);
    assert.equal(status, 0, 'warnings and information are not errors');
    assert.match(
      stdout,
      /^samples\/alignment-course\/Course summary\.md:16:\d+: warning: No heading #what-failure-look-like in Unit 1 - Losing control to AI\.md; the closest is "What failure looks like" \(#what-failure-looks-like\)\. \[citation-anchor-not-found\]$/m,
    );
    assert.match(stdout, /: information: No local copy of \[Unit 5\].* \[citation-no-local-copy\]$/m);
  });

  it('check leaves out the coverage hints unless --coverage asks for them', () => {
    const without = cli('check', SAMPLE_COURSE);
    assert.doesNotMatch(without.stdout, /\[coverage-/);
    const { status, stdout } = cli('check', SAMPLE_COURSE, '--coverage');
    assert.equal(status, 0, 'hints are not errors');
    assert.match(stdout, /^samples\/alignment-course\/Course summary\.md:11:5: hint: "Resiliance" is defined but named nowhere else in your notes\. \[coverage-unmentioned-concept\]$/m);
    assert.equal(stdout.split('\n').filter((line) => line.includes('[coverage-')).length, 20);
  });

  it('check on both sample vaults prints exactly the problems their EXPECTED.json lists, and index counts their concepts', function () {
    this.timeout(30_000); // four runs of the CLI
    for (const vault of [SAMPLE_VAULT, FOAM_VAULT]) {
      const expected = JSON.parse(readFileSync(join(vault, 'EXPECTED.json'), 'utf8')) as { concepts: unknown[]; problems: { file: string; line: number; code: string }[] };
      const { status, stdout, stderr } = cli('check', vault);
      assert.equal(status, 0);
      const printed = stdout.split('\n').filter((line) => / \[[a-z-]+\]$/.test(line));
      assert.deepEqual(
        printed.map((line) => line.replace(/^(?:.*?)([^/]+\/[^:]*|[^:/]+):(\d+):\d+: .* \[([a-z-]+)\]$/, '$2 $3')),
        expected.problems.map((p) => `${p.line} ${p.code}`),
      );
      assert.match(stderr, new RegExp(`^${expected.problems.length} problems \\(0 errors\\) in \\d+ notes$`, 'm'));
      assert.match(cli('index', vault).stdout, new RegExp(`^\\d+ notes, ${expected.concepts.length} concepts, `, 'm'));
    }
  });

  it('check exits 1 with an error for a binary file named .md, and still checks the other notes', () => {
    const folder = mkdtempSync(join(tmpdir(), 'alignment-notes-cli-'));
    try {
      writeFileSync(join(folder, 'ok.md'), '* **Saint**: does what we hoped [[Unit 1]](https://github.com/o/r/blob/main/Unit%201.md#x).');
      writeFileSync(join(folder, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]));
      const { status, stdout } = cli('check', folder);
      assert.equal(status, 1);
      assert.match(stdout, /image\.md:1:1: error: cannot read this note: it is a binary file, not text \[note-unreadable\]/);
      assert.match(stdout, /ok\.md:1:\d+: information: No local copy of \[Unit 1\]/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('check warns about a note too long or nested too deep to analyse, and a paragraph too complex to read in full, without failing', () => {
    const folder = mkdtempSync(join(tmpdir(), 'alignment-notes-cli-'));
    try {
      writeFileSync(join(folder, 'long.md'), `* **Long term**: x\n\n${'Prose line.\n'.repeat(30_000)}`);
      writeFileSync(join(folder, 'deep.md'), `# Deep\n${'>'.repeat(500)} * **Deep term**: x\n`);
      writeFileSync(join(folder, 'complex.md'), `# Complex\n\n${'[a]('.repeat(50_000)}\n\n* **Complex term**: x\n`);
      const { status, stdout } = cli('check', folder);
      assert.equal(status, 0, 'warnings are not errors');
      assert.match(stdout, /complex\.md:3:1: warning: This paragraph holds so many brackets, .* reads it as plain text.* \[paragraph-too-complex\]$/m);
      assert.match(stdout, /long\.md:1:1: warning: This note is 360,\d{3} characters long; .* \[note-too-large\]$/m);
      assert.match(stdout, /deep\.md:2:1: warning: This line nests quotes or lists 501 levels deep; .* \[note-too-deeply-nested\]$/m);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('export --format json writes the concepts and the graph', () => {
    const folder = mkdtempSync(join(tmpdir(), 'alignment-notes-cli-'));
    try {
      const out = join(folder, 'course.json');
      const { status } = cli('export', SAMPLE_COURSE, '--format', 'json', '--out', out);
      assert.equal(status, 0);
      const data = JSON.parse(readFileSync(out, 'utf8')) as { concepts: { term: string }[]; graph: { nodes: unknown[]; edges: unknown[] } };
      assert.ok(data.concepts.some((concept) => concept.term === 'Inner misalignment'));
      assert.ok(data.graph.nodes.length > data.concepts.length, 'unit nodes are in the graph too');
      assert.ok(data.graph.edges.length > 0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('export --format csv, tsv and md write the glossary, parsed back to the same concepts, with sources as paths from the folder', function () {
    this.timeout(60_000);
    const folder = mkdtempSync(join(tmpdir(), 'alignment-notes-cli-'));
    try {
      const written = (format: string): string => {
        const out = join(folder, `glossary.${format}`);
        const { status, stderr } = cli('export', SAMPLE_COURSE, '--format', format, '--out', out);
        assert.equal(status, 0, stderr);
        return readFileSync(out, 'utf8');
      };
      const csv = parseDelimited(written('csv'), ',');
      assert.deepEqual(csv[0], ['Term', 'Aliases', 'Definitions', 'Sources', 'Tags']);
      const inner = csv.find((row) => row[0] === 'Inner misalignment');
      assert.equal(inner?.[1], 'goal misgeneralisation');
      assert.match(inner?.[3] ?? '', /^Course summary\.md:14\nunits\/Unit 1 - Losing control to AI\.md:\d+$/);
      assert.equal(inner?.[4], 'Unit_1');
      const tsv = written('tsv').split('\n');
      assert.equal(tsv[0], '#separator:tab');
      const rows = parseDelimited(tsv.slice(4).join('\n'), '\t');
      assert.deepEqual(rows.map((row) => row[0]), csv.slice(1).map((row) => row[0]), 'the same concepts in the same order');
      const md = written('md');
      assert.match(md, /^## Inner misalignment$/m);
      assert.equal([...md.matchAll(/^## /gm)].length, csv.length - 1);
      const links = [...md.matchAll(/\]\(<([^>]+)#L\d+>\)/g)].map((match) => decodeURI(match[1] ?? ''));
      assert.ok(links.length >= csv.length - 1);
      for (const link of new Set(links)) assert.ok(existsSync(join(folder, link)), `${link} leads to a note from the exported file`);
      const stdout = cli('export', SAMPLE_COURSE, '--format', 'md').stdout;
      assert.match(stdout, /^# Glossary\n/);
      assert.match(stdout, /\(\[Course summary\.md:14\]\(<Course%20summary\.md#L14>\)\)/, 'on stdout, links lead from the folder');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('explains bad usage in one line plus the usage, with exit code 2', () => {
    for (const args of [['bogus', SAMPLE_COURSE], ['index'], ['index', '/no/such/folder'], ['export', SAMPLE_COURSE], ['export', SAMPLE_COURSE, '--format', 'xlsx'], ['index', SAMPLE_COURSE, '--threads', 'many']]) {
      const { status, stderr } = cli(...args);
      assert.equal(status, 2, args.join(' '));
      assert.match(stderr, /^alignment-notes: .+\n\nUsage: alignment-notes/);
    }
  });

  it('prints the same problems and counts whether notes are analysed on worker threads too or on the main thread only', function () {
    this.timeout(300_000);
    // Beside the samples, 300 generated vault pages and 300 course notes: enough chunks for the workers to take some.
    const generated = mkdtempSync(join(tmpdir(), 'alignment-notes-cli-'));
    try {
      for (const kind of ['vault', 'many-courses'] as const) {
        for (const file of generateBenchCorpus(kind, 300, 42).files) {
          mkdirSync(join(generated, kind, dirname(file.path)), { recursive: true });
          writeFileSync(join(generated, kind, file.path), file.text);
        }
      }
      let onWorkers = 0;
      for (const folder of [SAMPLE_COURSE, SAMPLE_VAULT, FOAM_VAULT, generated]) {
        const here = cli('check', folder, '--threads', '0');
        const there = cli('check', folder, '--threads', '2');
        assert.match(here.stderr, /^\d+ problems \(\d+ errors\) in [1-9]\d* notes$/m, folder);
        assert.deepEqual([there.status, there.stdout, there.stderr], [here.status, here.stdout, here.stderr], folder);
        const counts = (threads: string): Record<string, unknown> => {
          const { timings, ...rest } = JSON.parse(cli('index', folder, '--json', '--threads', threads).stdout) as Record<string, unknown>;
          return rest;
        };
        const { onWorkerThreads, ...threaded } = counts('2');
        const { onWorkerThreads: none, ...single } = counts('0');
        assert.deepEqual([threaded, none], [single, 0], folder);
        onWorkers = Number(onWorkerThreads);
      }
      assert.ok(onWorkers > 50, `the workers analysed ${onWorkers} of the 600 generated notes`);
    } finally {
      rmSync(generated, { recursive: true, force: true });
    }
  });
});
