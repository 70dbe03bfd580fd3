import * as vscode from 'vscode';
import type { PackedAnalysisJson } from '../core/index/packedAnalysis';
import type { Arrival, CourseIndex } from '../core/index/courseIndex';
import type { NoteAnalyser, Urgency } from '../core/notes/noteAnalyser';
import { ATTACHMENT_GLOB, isAttachment } from '../core/links/attachments';
import { costlyToAnalyse } from '../core/notes/limits';
import { insideAny } from '../core/util/uriPaths';
import { noteKey } from './convert';
import { NewFolders } from './newFolders';
import type { Settings } from './settings';
import { Slices } from './slices';

/** Quiet time after a keystroke before the note is re-indexed; a hover or F12 indexes at once instead (see `sync`). */
const EDIT_DELAY_MS = 150;
/** Files read at a time during a full index; the next batch is read while the last is analysed. */
const BATCH = 200;
/** The most new folders searched one by one; more, and each workspace folder is searched once instead. */
const SEARCHES_PER_BATCH = 20;

/** How far an index of the whole workspace has got: notes read of notes found (0 found while listing them). */
export interface IndexProgress {
  readonly read: number;
  readonly found: number;
}

/** A note as read from disk, with what had happened to it by then, to tell later whether the read is stale. */
interface DiskRead {
  readonly uri: vscode.Uri;
  readonly key: string;
  readonly text: string;
  /** The note's event count when the read started. */
  readonly count: number;
  /** The deletion count when the read started. */
  readonly deletions: number;
}

/**
 * A path in its workspace folder as a glob that matches it: glob syntax in a name stands for itself only
 * approximately (each such character matches any one), so callers compare the URIs found.
 */
function globOfPath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false).replace(/[[\]{}*?!,\\]/g, '?');
}

/**
 * Keeps the core's index in step with the workspace: every note on disk (per the include/exclude settings,
 * in every workspace folder) and the unsaved text of open editors. Reads through `workspace.fs` so it also
 * works in virtual and web workspaces.
 */
export class WorkspaceNotes implements vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<readonly string[]>();
  /** Fires, batched, with the notes whose content changed in the index. */
  readonly onDidChange = this.#changed.event;
  readonly #progressed = new vscode.EventEmitter<IndexProgress | undefined>();
  /** Fires as an index of the whole workspace reads its notes, and with undefined once it ends. */
  readonly onDidProgress = this.#progressed.event;
  /** From activation until the first index ends, and during each later one; see `indexing`. */
  #progress: IndexProgress | undefined = { read: 0, found: 0 };
  readonly #disposables: vscode.Disposable[] = [this.#changed, this.#progressed];
  readonly #decoder = new TextDecoder('utf-8');
  /** Open documents with edits not yet indexed, by note key. */
  readonly #pending = new Map<string, { document: vscode.TextDocument; timer: ReturnType<typeof setTimeout> }>();
  /** The document version last indexed, by note key, so `sync` is free when nothing changed. */
  readonly #indexedVersion = new Map<string, number>();
  #watchers: vscode.FileSystemWatcher[] = [];
  /** Folders that appeared: their notes and attachments are listed, as no watcher may report them (see `NewFolders`). */
  readonly #newFolders = new NewFolders((folders) => this.#listNewFolders(folders));
  /** Bumped by every event on a note, so a slow read that an event overtook does not write stale text. */
  readonly #eventCount = new Map<string, number>();
  /** Bumped by every deletion: a read that a deletion overtook checks that its file still exists. */
  #deletions = 0;
  #generation = 0;
  /**
   * Notes a watcher event is reading now, and whether another event came meanwhile: then the note is read
   * once more afterwards. A note rewritten many times a second costs one read at a time, never a queue.
   * `pass` is the read in progress, which a full index whose own read of the note it overtook waits for.
   */
  readonly #refreshing = new Map<string, { again: boolean; pass: Promise<void> }>();
  /** Notes read from disk so far. */
  #diskReads = 0;
  /** Notes whose last read failed, so that each is logged once however often a watcher or an index retries it. */
  readonly #unreadable = new Set<string>();
  /** Notes stored with an analysis made off this thread, so far. */
  #analysedElsewhere = 0;
  /** Editors' texts analysed on this thread by `sync` (a question came before their analysis on a worker, or none runs). */
  #analysedHere = 0;
  /** For tests: awaited between reading a batch of a full index (the notes read) and storing it, to land file events in that window. */
  beforeStore: ((notes: readonly string[]) => Promise<void>) | undefined;
  /** For tests: awaited between a full index listing the files and acting on the list, to land file events in that window. */
  afterListing: (() => Promise<void>) | undefined;
  /**
   * Notes stored from disk after a file event, with the index run (`#generation`) whose settings found them
   * included: a run that listed the files before such a note existed does not drop it as missing.
   */
  readonly #storedByEvent = new Map<string, number>();
  /** The same for attachments filed after a file event or a new folder's search (see `#updateFiles`). */
  readonly #filedByEvent = new Map<string, number>();
  /** Watcher-driven refreshes in flight per note, and the most ever seen for one note: 1 unless events pile up. */
  readonly #refreshesInFlight = new Map<string, number>();
  #peakRefreshes = 0;
  /** The attachments links may lead to (images, PDFs), as the index was last given them. */
  #files = new Set<string>();
  /** Where notes are analysed off this thread; undefined where no worker can start, or after one failed. */
  #analyser: NoteAnalyser | undefined;
  /** Each editor's text under analysis off this thread, and when it is stored: questions meanwhile wait for it. */
  readonly #elsewhere = new Map<string, { readonly document: vscode.TextDocument; readonly version: number; readonly done: Promise<void>; readonly overtaken: AbortController }>();
  /** Whether an editor's text at a version is costly to analyse (see `costlyToAnalyse`), decided once. */
  #costlyText: { document: vscode.TextDocument; version: number; costly: boolean } | undefined;

  constructor(
    private readonly index: CourseIndex,
    private readonly log: vscode.LogOutputChannel,
    private readonly settings: () => Settings,
    analyser?: NoteAnalyser,
  ) {
    this.#analyser = analyser;
    // This host finishes the rebuilds a load leaves (see `#indexAll`): until then questions are answered from the last one.
    index.answerFromLastBuild = true;
    this.#disposables.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.#schedule(event.document);
      }),
      vscode.workspace.onDidOpenTextDocument((document) => void this.#fromEditorElsewhere(document)),
      vscode.workspace.onDidCloseTextDocument((document) => void this.#onClose(document)),
      vscode.workspace.onDidRenameFiles((event) => {
        for (const { oldUri, newUri } of event.files) this.index.renameNote(oldUri.toString(), newUri.toString());
        this.#moveFiles(event.files);
        this.#changed.fire(event.files.flatMap(({ oldUri, newUri }) => [oldUri.toString(), newUri.toString()]));
      }),
      // VS Code's own file operations (explorer, workspace edits) are reported here at once; others reach the watchers.
      vscode.workspace.onDidCreateFiles((event) => {
        for (const uri of event.files) void (isAttachment(uri.path) ? this.#attachmentIfIncluded(uri) : this.#fromDiskIfIncluded(uri));
      }),
      vscode.workspace.onDidDeleteFiles((event) => {
        for (const uri of event.files) this.#removeUnder(uri);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.indexWorkspace()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('alignmentNotes.citationMappings')) this.#applyMappings();
        if (event.affectsConfiguration('alignmentNotes.include') || event.affectsConfiguration('alignmentNotes.exclude')) {
          void this.indexWorkspace();
        }
      }),
    );
  }

  /** How far the running index of the whole workspace has got; undefined when none runs. */
  get indexing(): IndexProgress | undefined {
    return this.#progress;
  }

  /**
   * Whether a question asked now, during a full index, has to wait for what depends on every note to be rebuilt
   * (see `answerUnlessCancelled`): only when no earlier build may answer it, as after an edit.
   */
  get answersWait(): boolean {
    return this.#progress !== undefined && this.index.answersWait;
  }

  /** One piece of that rebuild; whether pieces remain. */
  rebuildStep(): boolean {
    return this.index.rebuildStep();
  }

  #report(generation: number, progress: IndexProgress | undefined): void {
    if (generation !== this.#generation) return; // a newer run reports its own
    this.#progress = progress;
    this.#progressed.fire(progress);
  }

  /** Indexes every note of the workspace, in batches, with progress in the status bar. */
  async indexWorkspace(): Promise<void> {
    const generation = ++this.#generation;
    this.#report(generation, { read: 0, found: 0 });
    try {
      await this.#indexAll(generation);
    } finally {
      // Questions asked during the run were answered from the concepts as last built; from now on, from all.
      this.index.settle();
      this.#report(generation, undefined);
    }
    this.#changed.fire(this.index.notes());
  }

  async #indexAll(generation: number): Promise<void> {
    const started = Date.now();
    this.#applyMappings();
    this.#watch();
    const { include } = this.settings();
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Alignment Notes: indexing notes' },
      async (progress) => {
        const folders = vscode.workspace.workspaceFolders ?? [];
        this.index.setRoots(folders.map((folder) => folder.uri.toString()));
        const list = (glob: string): Promise<vscode.Uri[]> => this.#find(folders.map((folder) => new vscode.RelativePattern(folder, glob)));
        const [uris, files] = await Promise.all([list(include), list(ATTACHMENT_GLOB)]);
        await this.afterListing?.();
        if (generation !== this.#generation) return; // a newer index run took over while this one listed files
        this.#files = new Set(files.map((uri) => uri.toString()));
        // Attachments filed by events under this run's settings may be newer than its list; older stamps are spent.
        for (const [file, filedAt] of this.#filedByEvent) {
          if (filedAt === generation) this.#files.add(file);
          else this.#filedByEvent.delete(file);
        }
        this.index.setFiles([...this.#files]);
        // The attachments are filed for links while the first notes are read and analysed, not by the first question.
        const linksPrepared = this.#inSlices(() => this.index.prepareLinksStep());
        this.#report(generation, { read: 0, found: uris.length });
        const wanted = new Set(uris.map((uri) => uri.toString()));
        // A note missing from the list is gone, unless an event under this run's settings stored it: it may be newer than the list.
        const storedSince = (note: string): boolean => this.#storedByEvent.get(note) === generation;
        for (const note of this.index.notes()) if (!wanted.has(note) && !this.#unsaved(note) && !storedSince(note)) this.index.removeNote(note);
        // Each batch is analysed off this thread (or here, in slices) while the next one is read.
        let fromCache = 0;
        const elsewhere = this.#analysedElsewhere;
        let next = this.#readBatch(uris.slice(0, BATCH));
        for (let i = 0; i < uris.length; i += BATCH) {
          const reads = await next;
          if (generation !== this.#generation) return; // a newer index run took over
          next = this.#readBatch(uris.slice(i + BATCH, i + 2 * BATCH));
          fromCache += await this.#storeBatch(reads, generation);
          // Questions were answered from the last build while this one fell behind: rebuild before the next batch.
          if (this.index.rebuildWanted) await this.#rebuildInSlices();
          const read = Math.min(i + BATCH, uris.length);
          progress.report({ message: `${read} of ${uris.length}` });
          this.#report(generation, { read, found: uris.length });
        }
        await linksPrepared;
        if (generation !== this.#generation) return; // a newer index run took over while this one stored its last batch
        for (const document of vscode.workspace.textDocuments) if (this.#unsaved(noteKey(document))) this.#fromEditor(document);
        // Notes whose last read failed; a note skipped because an event overtook its read is read again by that event.
        const failed = uris.filter((uri) => this.#unreadable.has(uri.toString())).length;
        this.index.settle(); // the count below is of every note
        // What every note's answers depend on is rebuilt once for all the notes, in steps of bounded work (hundreds
        // of ms in all for 10,000 notes), yielding every slice: never in one block, nor in the first question after the index.
        await this.#rebuildInSlices();
        this.log.info(
          `Indexed ${uris.length - failed} notes in ${folders.length} folder(s) (${this.#analysedElsewhere - elsewhere} analysed on workers), ` +
            `${fromCache} from the analysis cache: ` +
            `${this.index.concepts().length} concepts, in ${Date.now() - started} ms` +
            (failed > 0 ? `; ${failed} could not be read (see above)` : '.'),
        );
      },
    );
  }

  /**
   * Rebuilds what depends on every note, a bounded step at a time, yielding between slices; then, once completion
   * is in use, what it reads (20-60 ms for 3,000 concepts), so that the next completion does not wait for it.
   */
  async #rebuildInSlices(): Promise<void> {
    await this.#inSlices(() => this.index.rebuildStep());
    const completion = this.index.completionInUse ? this.index.completionSteps() : undefined;
    if (completion) await this.#inSlices(() => completion.next().done !== true);
  }

  /** Runs `step` of the full index until it says no steps remain, yielding between slices. */
  async #inSlices(step: () => boolean): Promise<void> {
    const slices = new Slices('index');
    while (step()) await slices.pause();
  }

  /** Notes read from disk so far, and the most refreshes of one note ever in flight at once: for tests that a flood of events queues nothing. */
  get readStats(): { readonly reads: number; readonly peakRefreshesPerNote: number; readonly analysedElsewhere: number; readonly analysedHere: number } {
    return { reads: this.#diskReads, peakRefreshesPerNote: this.#peakRefreshes, analysedElsewhere: this.#analysedElsewhere, analysedHere: this.#analysedHere };
  }

  /** Whether a note exists only in an editor, or has edits there not yet saved: then the editor is the truth. */
  #unsaved(note: string): boolean {
    return vscode.workspace.textDocuments.some((document) => noteKey(document) === note && (document.isUntitled || document.isDirty));
  }

  /**
   * Indexes a document's latest text if it is not yet, for a question about it. Here and at once, or, for a text
   * costly to analyse (a long note, or hostile inline syntax: up to the inline budget's half second of one
   * thread), on a worker ahead of the index's notes, where it holds up no other extension's answers: then it
   * returns when the analysis is stored, and the question should wait for it (see `afterSync`). An ordinary
   * text is analysed here even while a worker analyses it: a note just opened is answered at once.
   */
  sync(document: vscode.TextDocument): Promise<void> | undefined {
    const key = noteKey(document);
    if (this.#indexedVersion.get(key) === document.version && this.index.hasNote(key)) return undefined;
    if (this.#analyser && this.#isNote(document) && this.#costly(document)) return this.#fromEditorElsewhere(document);
    this.#fromEditor(document);
    return undefined;
  }

  /** Answers once the document's latest text is indexed (see `sync`): at once, or when a worker's analysis is stored. */
  afterSync<T>(document: vscode.TextDocument, answer: () => T | Promise<T>): T | Promise<T> {
    const synced = this.sync(document);
    return synced ? synced.then(answer) : answer();
  }

  #costly(document: vscode.TextDocument): boolean {
    const known = this.#costlyText;
    if (known?.document === document && known.version === document.version) return known.costly;
    const text = document.getText();
    // The length and inline count first: most texts are not costly, and then need no hash here (`setNote` makes one).
    const costly = costlyToAnalyse(text) && !this.index.isAnalysed(text);
    this.#costlyText = { document, version: document.version, costly };
    return costly;
  }

  /** Indexes a document's latest text now, however costly: for edits computed from its ranges (links on a rename). */
  syncExactly(document: vscode.TextDocument): void {
    const key = noteKey(document);
    if (this.#indexedVersion.get(key) === document.version && this.index.hasNote(key)) return;
    this.#fromEditor(document);
  }

  #applyMappings(): void {
    this.index.setCitationMappings(this.settings().citationMappings);
  }

  /** One watcher per workspace folder, on the include glob; the exclude globs are checked per event. */
  #watch(): void {
    for (const watcher of this.#watchers) watcher.dispose();
    const { include } = this.settings();
    this.#watchers = (vscode.workspace.workspaceFolders ?? []).map((folder) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, include));
      watcher.onDidCreate((uri) => void this.#fromDiskIfIncluded(uri));
      watcher.onDidChange((uri) => void this.#fromDiskIfIncluded(uri));
      watcher.onDidDelete((uri) => this.#removeUnder(uri));
      return watcher;
    });
    this.#watchers.push(
      ...(vscode.workspace.workspaceFolders ?? []).map((folder) => {
        const attachments = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, ATTACHMENT_GLOB), false, true, true);
        attachments.onDidCreate((uri) => void this.#attachmentIfIncluded(uri));
        return attachments;
      }),
    );
    // Deleting a folder reports the folder, not the notes in it: watch every deletion. A folder that appears may
    // bring notes no watcher reports: watch every creation too.
    this.#watchers.push(
      ...(vscode.workspace.workspaceFolders ?? []).map((folder) => {
        const everything = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**'), false, true, false);
        everything.onDidDelete((uri) => this.#removeUnder(uri));
        everything.onDidCreate((uri) => this.#newFolders.add(uri));
        return everything;
      }),
    );
  }

  /** Forgets the notes at or under a deleted path, except those with unsaved edits. */
  #removeUnder(uri: vscode.Uri): void {
    const key = uri.toString();
    const removed = this.index.notes().filter((note) => (note === key || note.startsWith(`${key}/`)) && !this.#unsaved(note));
    this.#bump(key);
    this.#deletions++;
    for (const note of this.#unreadable) if (note === key || note.startsWith(`${key}/`)) this.#unreadable.delete(note);
    this.#updateFiles([uri], []);
    for (const note of removed) {
      this.#bump(note);
      this.#storedByEvent.delete(note);
      this.index.removeNote(note);
    }
    if (removed.length > 0) this.#changed.fire(removed);
  }

  /** Markdown that is no note: a git diff, an output channel, the Refactor Preview's copy of a note it would change. */
  #isNote(document: vscode.TextDocument): boolean {
    return document.languageId === 'markdown' && !['git', 'output', 'vscode-scm', 'vscode-bulkeditpreview-editor'].includes(document.uri.scheme);
  }

  #schedule(document: vscode.TextDocument): void {
    if (!this.#isNote(document)) return;
    const key = noteKey(document);
    clearTimeout(this.#pending.get(key)?.timer);
    this.#pending.set(key, { document, timer: setTimeout(() => void this.#fromEditorElsewhere(document), EDIT_DELAY_MS) });
  }

  /**
   * Indexes an editor's text analysed off this thread; resolves once it is stored (or dropped). A provider that
   * asks meanwhile (`sync`) analyses an ordinary text here at once; then, or after a newer edit, this analysis is
   * dropped. The same text asked for again meanwhile is not sent twice.
   */
  #fromEditorElsewhere(document: vscode.TextDocument): Promise<void> {
    if (!this.#isNote(document)) return Promise.resolve();
    const key = noteKey(document);
    clearTimeout(this.#pending.get(key)?.timer);
    this.#pending.delete(key);
    const running = this.#elsewhere.get(key);
    if (running?.document === document && running.version === document.version) return running.done;
    // A newer text of the note overtakes the last one: a worker that has not begun it never will.
    running?.overtaken.abort();
    const overtaken = new AbortController();
    const done = this.#storeAnalysedElsewhere(document, key, overtaken.signal);
    const entry = { document, version: document.version, done, overtaken };
    this.#elsewhere.set(key, entry);
    const forget = (): void => {
      if (this.#elsewhere.get(key) === entry) this.#elsewhere.delete(key);
    };
    void done.then(forget, forget);
    return done;
  }

  async #storeAnalysedElsewhere(document: vscode.TextDocument, key: string, overtaken: AbortSignal): Promise<void> {
    const version = document.version;
    const text = document.getText();
    const [packed] = this.index.isAnalysed(text) ? [] : await this.#analyseElsewhere([text], 'now', overtaken);
    if (document.isClosed || document.version !== version || this.#indexedVersion.get(key) === version) return;
    this.#indexedVersion.set(key, version);
    if (this.#store(key, text, packed)) this.#changed.fire([key]);
  }

  /**
   * Each text's packed analysis from the analyser, in order; none for the texts it could not analyse (no
   * analyser, or it failed: then it is dropped, with one log line, and notes are analysed on this thread).
   */
  async #analyseElsewhere(texts: readonly string[], urgency: Urgency = 'later', overtaken?: AbortSignal): Promise<(PackedAnalysisJson | undefined)[]> {
    const analysed: (PackedAnalysisJson | undefined)[] = texts.map(() => undefined);
    const analyser = this.#analyser;
    if (!analyser || texts.length === 0) return analysed;
    try {
      await analyser.analyse(
        texts,
        (i, packed) => (analysed[i] = packed),
        urgency,
        overtaken,
      );
    } catch (error) {
      if (this.#analyser === analyser) {
        this.#analyser = undefined;
        this.log.warn(`Analysing notes off the extension host's thread failed (${error instanceof Error ? error.message : String(error)}); analysing them on it from now on, in slices.`);
      }
    }
    return analysed;
  }

  #fromEditor(document: vscode.TextDocument): void {
    if (!this.#isNote(document)) return;
    const key = noteKey(document);
    clearTimeout(this.#pending.get(key)?.timer);
    this.#pending.delete(key);
    this.#indexedVersion.set(key, document.version);
    const text = document.getText();
    if (!this.index.isAnalysed(text)) this.#analysedHere++;
    if (this.index.setNote(key, text)) this.#changed.fire([key]);
  }

  async #onClose(document: vscode.TextDocument): Promise<void> {
    const key = noteKey(document);
    clearTimeout(this.#pending.get(key)?.timer);
    this.#pending.delete(key);
    this.#indexedVersion.delete(key);
    if (document.uri.scheme === 'untitled') {
      this.index.removeNote(key);
      this.#changed.fire([key]);
    } else if (document.isDirty || document.isClosed) {
      await this.#fromDiskAndFire(document.uri); // closing without saving: the file on disk is the truth again
    }
  }

  /**
   * Indexes a file a watcher saw, one read at a time per note however many events come. `listedAt`: the index run
   * (`#generation`) under whose settings a search of a new folder found it, which needs no asking again.
   */
  async #fromDiskIfIncluded(uri: vscode.Uri, listedAt?: number): Promise<void> {
    const key = uri.toString();
    const running = this.#refreshing.get(key);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: true, pass: Promise.resolve() };
    this.#refreshing.set(key, state);
    try {
      let found = listedAt;
      while (state.again) {
        state.again = false;
        state.pass = this.#refreshIfIncluded(uri, found);
        found = undefined; // an event that came meanwhile is asked about as any other
        try {
          await state.pass;
        } catch (error) {
          // An event's note is otherwise left out of the index without a word (the caller drops the promise).
          this.log.warn(`Could not index ${uri.toString(true)} after a change on disk: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } finally {
      this.#refreshing.delete(key);
    }
  }

  /** Indexes a file unless an exclude glob takes it out, asking VS Code's own glob engine. */
  async #refreshIfIncluded(uri: vscode.Uri, listedAt: number | undefined): Promise<void> {
    const key = uri.toString();
    const inFlight = (this.#refreshesInFlight.get(key) ?? 0) + 1;
    this.#refreshesInFlight.set(key, inFlight);
    this.#peakRefreshes = Math.max(this.#peakRefreshes, inFlight);
    try {
      await this.#indexIfIncluded(uri, listedAt);
    } finally {
      const left = (this.#refreshesInFlight.get(key) ?? 1) - 1;
      if (left === 0) this.#refreshesInFlight.delete(key);
      else this.#refreshesInFlight.set(key, left);
    }
  }

  async #indexIfIncluded(uri: vscode.Uri, listedAt: number | undefined): Promise<void> {
    // Found by a search under the settings of the run under way, a note needs no asking; otherwise it is asked under
    // them. If a newer run begins before it is stored, `#fromDisk` stores nothing: that run lists and reads it itself.
    const generation = this.#generation;
    if (listedAt === generation || (await this.#included(uri))) await this.#fromDiskAndFire(uri, generation);
  }

  async #attachmentIfIncluded(uri: vscode.Uri): Promise<void> {
    const generation = this.#generation;
    // A newer run began meanwhile: it lists the file, or its settings leave it out.
    if ((await this.#included(uri)) && generation === this.#generation) this.#updateFiles([], [uri]);
  }

  /** The files the patterns find that no exclude glob takes out, by VS Code's search; `most` per pattern. */
  async #find(patterns: readonly vscode.RelativePattern[], most?: number): Promise<vscode.Uri[]> {
    const { exclude } = this.settings();
    const excluded = exclude.length > 0 ? `{${exclude.join(',')}}` : undefined;
    return (await Promise.all(patterns.map((pattern) => vscode.workspace.findFiles(pattern, excluded, most)))).flat();
  }

  /**
   * Indexes the notes in folders that appeared (the outermost of a batch, see `NewFolders`) and are not indexed
   * yet, and files their attachments. Searched from the workspace folders, so that the exclude globs apply as in a
   * full index: with an include that matches a file name at any depth (`**` and `/name-glob`, as the default), a
   * path under each new folder; with another, or many new folders at once (an install), each workspace folder whole.
   */
  async #listNewFolders(folders: readonly vscode.Uri[]): Promise<void> {
    const generation = this.#generation;
    const deletions = this.#deletions;
    const { include } = this.settings();
    const keys = new Set(folders.map((folder) => folder.toString()));
    const roots = [...new Set(folders.map((folder) => vscode.workspace.getWorkspaceFolder(folder)).filter((root) => root !== undefined))];
    const searches = (glob: string): vscode.RelativePattern[] => {
      const name = /^\*\*\/([^/]+)$/.exec(glob)?.[1];
      if (name === undefined || folders.length > SEARCHES_PER_BATCH) return roots.map((root) => new vscode.RelativePattern(root, glob));
      return folders.flatMap((folder) => {
        const root = vscode.workspace.getWorkspaceFolder(folder);
        return root ? [new vscode.RelativePattern(root, `${globOfPath(folder)}/**/${name}`)] : [];
      });
    };
    const list = async (glob: string): Promise<vscode.Uri[]> => (await this.#find(searches(glob))).filter((uri) => insideAny(uri.toString(), keys));
    try {
      const [notes, files] = await Promise.all([list(include), list(ATTACHMENT_GLOB)]);
      if (generation !== this.#generation) return; // a newer full index lists every note and file
      // A folder deleted meanwhile took its attachments with it: only those still there are filed.
      const kept = deletions === this.#deletions ? files : (await Promise.all(files.map(async (uri) => ((await this.#exists(uri)) ? [uri] : [])))).flat();
      this.#updateFiles([], kept);
      for (const uri of notes) if (!this.index.hasNote(uri.toString()) && !this.#refreshing.has(uri.toString())) void this.#fromDiskIfIncluded(uri, generation);
    } catch (error) {
      this.log.warn(`Could not list the notes of a new folder: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Whether a file is in a workspace folder and no exclude glob takes it out, asking VS Code's own glob engine. */
  async #included(uri: vscode.Uri): Promise<boolean> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    const found = await this.#find([new vscode.RelativePattern(folder, globOfPath(uri))], 20);
    return found.some((candidate) => candidate.toString() === uri.toString());
  }

  /** Follows renamed attachments, and the attachments of renamed folders, to their new places. */
  #moveFiles(moves: readonly { readonly oldUri: vscode.Uri; readonly newUri: vscode.Uri }[]): void {
    const added: vscode.Uri[] = [];
    for (const { oldUri, newUri } of moves) {
      const from = oldUri.toString();
      for (const file of this.#files) {
        if (file.startsWith(`${from}/`)) added.push(vscode.Uri.parse(newUri.toString() + file.slice(from.length)));
      }
      if (isAttachment(newUri.path)) added.push(newUri);
    }
    this.#updateFiles(
      moves.map(({ oldUri }) => oldUri),
      added,
    );
  }

  /**
   * Drops the attachments at or under `removed` and adds `added`, which a file event or a search under the
   * running index's settings found (see `#filedByEvent`); the index and the problems follow when that changes anything.
   */
  #updateFiles(removed: readonly vscode.Uri[], added: readonly vscode.Uri[]): void {
    const before = this.#files.size;
    for (const uri of removed) {
      const key = uri.toString();
      for (const file of this.#files) if (file === key || file.startsWith(`${key}/`)) this.#files.delete(file);
      for (const file of this.#filedByEvent.keys()) if (file === key || file.startsWith(`${key}/`)) this.#filedByEvent.delete(file);
    }
    const kept = this.#files.size;
    for (const uri of added) {
      this.#files.add(uri.toString());
      this.#filedByEvent.set(uri.toString(), this.#generation);
    }
    if (kept === before && this.#files.size === kept) return;
    this.index.setFiles([...this.#files]);
    this.#changed.fire([]);
  }

  async #readBatch(uris: readonly vscode.Uri[]): Promise<DiskRead[]> {
    return (await Promise.all(uris.map((uri) => this.#read(uri)))).filter((read): read is DiskRead => read !== undefined);
  }

  /**
   * Indexes a batch of notes read from disk, analysed off this thread where possible; the rest here, in
   * slices; nothing more once a newer index run (`generation`) took over, which may have dropped these notes.
   * Returns how many had an analysis already (from the persisted cache).
   */
  async #storeBatch(reads: readonly DiskRead[], generation: number): Promise<number> {
    const slices = new Slices('index');
    // Looking a batch's texts up in the cache (a hash of each) is a step per note too: the first batch's hashes run
    // before V8 has compiled the hash, and were a block of 59 ms in a run of the large suite.
    const fresh: DiskRead[] = [];
    for (const read of reads) {
      if (!this.index.isAnalysed(read.text)) fresh.push(read);
      await slices.pause();
      if (generation !== this.#generation) return 0; // a newer index run took over: nothing of this batch is stored
    }
    const packed = await this.#analyseElsewhere(fresh.map((read) => read.text));
    const analysed = new Map(fresh.map((read, i) => [read, packed[i]]));
    await this.beforeStore?.(reads.map((read) => read.key));
    const overtaken: Promise<void>[] = [];
    for (const read of reads) {
      if (!(await this.#current(read))) {
        // The event that overtook this read is reading the note now: the index is not done before that read is stored.
        const refresh = this.#refreshing.get(read.key);
        if (refresh) overtaken.push(refresh.pass);
        continue;
      }
      if (generation !== this.#generation) break;
      this.#store(read.key, read.text, analysed.get(read), 'load');
      await slices.pause();
    }
    await Promise.allSettled(overtaken); // a failed refresh is its own event's to report
    return reads.length - fresh.length;
  }

  /** `included`: for a file event, the index run under whose settings the note was found included (see `#storedByEvent`). */
  async #fromDiskAndFire(uri: vscode.Uri, included?: number): Promise<void> {
    if (await this.#fromDisk(uri, included)) this.#changed.fire([uri.toString()]);
  }

  async #exists(uri: vscode.Uri): Promise<boolean> {
    return vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
  }

  #bump(note: string): number {
    const count = (this.#eventCount.get(note) ?? 0) + 1;
    this.#eventCount.set(note, count);
    return count;
  }

  /** Reads a note from disk unless an open editor holds newer text, and analyses it off this thread; returns whether the index changed. */
  async #fromDisk(uri: vscode.Uri, included?: number): Promise<boolean> {
    const read = await this.#read(uri);
    if (!read) return false;
    const [packed] = this.index.isAnalysed(read.text) ? [] : await this.#analyseElsewhere([read.text], 'now');
    if (!(await this.#current(read))) return false;
    if (included !== undefined && included !== this.#generation) return false; // a newer full index lists and reads it
    if (included !== undefined) this.#storedByEvent.set(read.key, included);
    return this.#store(read.key, read.text, packed);
  }

  /** Stores a note with its analysis from a worker, or analysed here without one; returns whether the index changed. */
  #store(key: string, text: string, packed: PackedAnalysisJson | undefined, arrival: Arrival = 'edit'): boolean {
    if (!packed) return this.index.setNote(key, text, undefined, arrival);
    this.#analysedElsewhere++;
    return this.index.setPackedNote(key, text, packed, arrival);
  }

  /** Reads a note, noting the events on it so far; undefined when an editor holds newer text or it cannot be read. */
  async #read(uri: vscode.Uri): Promise<DiskRead | undefined> {
    const key = uri.toString();
    if (this.#unsaved(key)) return undefined;
    const count = this.#bump(key);
    const deletions = this.#deletions;
    this.#diskReads++;
    try {
      const text = this.#decoder.decode(await vscode.workspace.fs.readFile(uri));
      this.#unreadable.delete(key);
      return { uri, key, text, count, deletions };
    } catch (error) {
      if (!this.#unreadable.has(key)) this.log.warn(`Could not read ${uri.toString(true)}: ${error instanceof Error ? error.message : String(error)}`);
      this.#unreadable.add(key);
      return undefined;
    }
  }

  /** Whether nothing overtook a read: no newer event on the note, no unsaved edit, and the file still exists after a deletion. */
  async #current(read: DiskRead): Promise<boolean> {
    if (read.deletions !== this.#deletions && !(await this.#exists(read.uri))) return false; // its folder went meanwhile
    return this.#eventCount.get(read.key) === read.count && !this.#unsaved(read.key);
  }

  dispose(): void {
    this.#newFolders.dispose();
    for (const { timer } of this.#pending.values()) clearTimeout(timer);
    for (const watcher of this.#watchers) watcher.dispose();
    for (const disposable of this.#disposables) disposable.dispose();
  }
}
