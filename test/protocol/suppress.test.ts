/**
 * The quick fix "Ignore CODE here…" over the real server: the comment line
 * it inserts (above the fact for a fact's code, above the citation for a
 * citation's, with the sheet's indentation), never preferred, never in Fix
 * All; the client command that selects its reason, only for a client that
 * says it runs it; and the diagnostic gone once a reason is written.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeActionKind, CodeActionRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { lineText, LspClient, removeFolder, type OpenDocument } from './client';

const EDIT_REASON = 'factNotes.editSuppressionReason';

const SHEET = [
  'facts:',
  '  - id: twice',
  '    claim: Two hours.',
  '    cite:',
  '      - file: a.txt',
  '        line: 1',
  '        quote: The talks lasted two hours.',
  '  - id: twice',
  '    claim: Again.',
  '    cite: a.txt:2',
  '',
].join('\n');

describe('Protocol: ignoring a diagnostic with a suppression comment', function () {
  let root: string;
  let client: LspClient;
  let doc: OpenDocument;

  async function start(initializationOptions?: unknown): Promise<Diagnostic[]> {
    client = await LspClient.start({ root, initializationOptions });
    doc = await client.openFile('notes.facts.yaml');
    return (await client.waitForVersion(doc)).diagnostics;
  }
  const actionsFor = (d: Diagnostic, only?: string[]) =>
    client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: doc.uri }, range: d.range, context: { diagnostics: [d], only } }) as Promise<CodeAction[]>;

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fact-notes-suppress-')));
    fs.writeFileSync(path.join(root, 'a.txt'), 'The meeting took place in Reykjavik.\nThe talks lasted two hours.\n');
    fs.writeFileSync(path.join(root, 'notes.facts.yaml'), SHEET);
  });
  afterEach(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
    removeFolder(root);
  });

  it('Should insert the comment above the citation, select its reason with the client command, and silence the code once a reason is written', async () => {
    const diagnostics = await start({ clientCommands: [EDIT_REASON] });
    const moved = diagnostics.find((d) => d.code === 'quote-moved')!;
    const actions = await actionsFor(moved);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [
        ['Change line to 2', true],
        ['Ignore quote-moved here…', false],
      ],
    );
    const ignore = actions[1];
    assert.equal(ignore.kind, CodeActionKind.QuickFix);
    assert.deepEqual(ignore.diagnostics, [moved]);
    const at = { line: 4, character: 0 };
    assert.deepEqual(ignore.edit, { changes: { [doc.uri]: [{ range: { start: at, end: at }, newText: '      # fact-notes-ignore quote-moved -- REASON\n' }] } });
    assert.deepEqual(ignore.command, { title: 'Write the reason', command: EDIT_REASON, arguments: [doc.uri, 4] });

    // Applied, the placeholder is no reason yet: the comment is reported, the code still is.
    await client.edit(doc, ignore.edit!.changes![doc.uri]);
    assert.equal(lineText(doc.text, 4), '      # fact-notes-ignore quote-moved -- REASON');
    let published = await client.waitForVersion(doc);
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['invalid-suppression', 'quote-moved', 'duplicate-id'],
    );
    // The reason typed over the placeholder (what the command selected): the code is silenced.
    await client.replace(doc, 'REASON', 'line 1 is the one meant');
    published = await client.waitForVersion(doc);
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['duplicate-id'],
    );
  });

  it("Should insert a fact's code above the fact, and offer no command to a client that did not ask for it", async () => {
    const diagnostics = await start();
    const duplicate = diagnostics.find((d) => d.code === 'duplicate-id')!;
    const ignore = (await actionsFor(duplicate)).find((a) => a.title === 'Ignore duplicate-id here…')!;
    const at = { line: 7, character: 0 };
    assert.deepEqual(ignore.edit, { changes: { [doc.uri]: [{ range: { start: at, end: at }, newText: '  # fact-notes-ignore duplicate-id -- REASON\n' }] } });
    assert.equal(ignore.command, undefined, 'other editors get the edit alone');
    assert.equal(ignore.isPreferred, false);
    // Never part of Fix All.
    const [fixAll] = await actionsFor(duplicate, ['source.fixAll.factNotes']);
    assert.ok(fixAll.edit!.changes![doc.uri].every((e) => !e.newText.includes('fact-notes-ignore')));
  });

  it('Should offer no ignoring for invalid-suppression itself', async () => {
    fs.writeFileSync(path.join(root, 'notes.facts.yaml'), SHEET.replace('  - id: twice\n    claim: Again.', '  # fact-notes-ignore duplicate-id\n  - id: twice\n    claim: Again.'));
    const diagnostics = await start({ clientCommands: [EDIT_REASON] });
    const invalid = diagnostics.find((d) => d.code === 'invalid-suppression')!;
    assert.ok(invalid);
    assert.deepEqual(await actionsFor(invalid), []);
  });
});
