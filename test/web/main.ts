// The web layer's main suite, on the sample course: the integration tests of every feature that must work
// on the web, in the web worker extension host. runner.ts first: it sets up mocha before any `describe`.
// Left out, because they need Node in the test itself: faults.test.ts (file permissions, symlinks, a writer
// process) and noWrites.test.ts (reads the workspace on disk).
import { run } from './runner';
import './webHost.test';
import './previewPlugin.test';
import '../integration/activation.test';
import '../integration/cache.test';
import '../integration/completion.test';
import '../integration/conceptsView.test';
import '../integration/conceptMap.test';
import '../integration/diagnostics.test';
import '../integration/hostileNotes.test';
import '../integration/hover.test';
import '../integration/liveUpdates.test';
import '../integration/navigation.test';
import '../integration/offThread.test';
import '../integration/study.test';
import '../integration/symbols.test';
import '../integration/virtualWorkspace.test';

export { run };
