import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from '../integration/helpers';

describe('web worker extension host', () => {
  it('runs the extension in a web worker, without Node or the DOM, from its browser bundle', async () => {
    const api = await activateExtension();
    assert.ok('WorkerGlobalScope' in globalThis, 'these tests are not running in a worker');
    for (const name of ['process', 'Buffer', 'document', 'window']) assert.ok(!(name in globalThis), `${name} exists here`);
    // The tests run in the host of the extension they sit in, so the extension is in this worker too.
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.extensionKind, vscode.ExtensionKind.UI);
    const activated = api.log.since(0).find((line) => line.includes('Alignment Notes activated'));
    assert.match(activated ?? '', /web worker extension host/, 'the activation line does not name the web bundle');
  });
});
