// The e2e suite is one bundle so its files share the running VS Code; mocha loads it with its globals set.
import './languageFeatures.test';
import './conceptsView.test';
import './conceptMap.test';
import './flashcards.test';
import './conceptMapVault.test';
import './wikiLinkHover.test';
import './preview.test';
import './webHost.test';
import './demo.test';
import './vsix.test';
