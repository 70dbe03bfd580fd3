// The web layer's vault suite (the sample vault with the course in `course/`): wikilinks, concept pages,
// their completion and link updates on rename, in the web worker extension host. runner.ts first.
import { run } from './runner';
import './webHost.test';
import '../integration/vault/completion.test';
import '../integration/vault/conceptPages.test';
import '../integration/vault/conceptsView.test';
import '../integration/vault/rename.test';
import '../integration/vault/wikiLinks.test';

export { run };
