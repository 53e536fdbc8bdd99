/**
 * Repairs that never lie, over LSP with the real server: a re-anchor is
 * preferred only with evidence from the workspace's other sheets, and the
 * verdict follows when that evidence changes; the repairs that are not
 * preferred are offered and apply when chosen; candidates come as
 * relatedInformation.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeActionRequest, FileChangeType, HoverRequest, type CodeAction, type Diagnostic, type MarkupContent } from 'vscode-languageserver-protocol';
import { after as positionAfter, applyTextEdits, LspClient, removeFolder, uriOf } from './client';

const PARAGRAPHS = [
  'The meeting of the two ministers took place in Reykjavik on Wednesday evening.',
  'The talks lasted about two hours, longer than either side had planned for.',
  'Lavrov said the talks were constructive and that both sides understood the need to improve relations.',
  'The Russian side did not comment on whether a summit had been agreed.',
];

/** Two paragraphs inserted at the top, paragraph 2 copy-edited in spelling and paragraph 3 in meaning. */
const EDITED = ['A new first paragraph.', 'A new second paragraph.', PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2].replace('constructive', 'constructve'), PARAGRAPHS[3].replace('did not comment', 'did comment')];

const SHEET_A = ['sources: articles', 'facts:', '  - claim: Two hours.', '    cite:', '      - file: a.txt', '        line: 3', '        quote: The talks lasted about two hours', ''].join('\n');
const SHEET_B = [
  'sources: articles',
  'facts:',
  '  - claim: Constructive.',
  '    cite:',
  '      - file: a.txt',
  '        line: 5',
  '        quote: Lavrov said the talks were constructive',
  '  - claim: No comment.',
  '    cite:',
  '      - file: a.txt',
  '        line: 7',
  '        quote: The Russian side did not comment on whether a summit had been agreed.',
  '',
].join('\n');

describe('Protocol: repairs that never lie', function () {
  let root: string;
  let client: LspClient;

  beforeEach(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fact-notes-repairs-')));
    fs.mkdirSync(path.join(root, 'articles'));
    fs.writeFileSync(path.join(root, 'articles', 'a.txt'), EDITED.join('\n\n') + '\n');
    fs.writeFileSync(path.join(root, 'a.facts.yaml'), SHEET_A);
    fs.writeFileSync(path.join(root, 'b.facts.yaml'), SHEET_B);
    client = await LspClient.start({ root });
  });
  afterEach(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
    removeFolder(root);
  });

  const actions = (uri: string, d: Diagnostic) =>
    client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as Promise<CodeAction[]>;

  it('Should prefer the re-anchor that the other sheet shows, and stop preferring it when that sheet no longer does', async () => {
    const b = await client.openFile('b.facts.yaml');
    const preferred = (p: { diagnostics: Diagnostic[] }) => p.diagnostics.some((d) => d.code === 'quote-not-found' && d.message.startsWith('Re-anchor to line 9'));
    const first = await client.waitForVersion(b, preferred);
    const lost = first.diagnostics.find((d) => d.code === 'quote-not-found')!;
    assert.deepEqual(lost.relatedInformation, [
      {
        location: { uri: uriOf(path.join(root, 'articles', 'a.txt')), range: { start: { line: 8, character: 0 }, end: { line: 8, character: 38 } } },
        message: 'A similar passage.',
      },
    ]);
    const [reanchor] = await actions(b.uri, lost);
    assert.equal(reanchor.title, 'Re-anchor to line 9');
    assert.equal(reanchor.isPreferred, true);

    // Sheet A, edited so that its citation no longer shows where the lines went: sheet B's verdict follows.
    const a = await client.openFile('a.facts.yaml');
    await client.waitForVersion(a);
    await client.replace(a, 'line: 3', 'line: 2');
    const after = await client.waitForDiagnostics(b.uri, (p) => p.diagnostics.some((d) => d.code === 'quote-not-found' && d.message.startsWith('A similar passage is on line 9, but nothing shows')));
    const unproven = after.diagnostics.find((d) => d.code === 'quote-not-found')!;
    const [offered] = await actions(b.uri, unproven);
    assert.equal(offered.title, 'Re-anchor to line 9');
    assert.equal(offered.isPreferred, false);
  });

  it('Should weigh the evidence of a closed sheet after many others were checked, and follow it when that sheet changes on disk', async () => {
    // Twenty more sheets, checked after sheet A: the server then keeps A as what features and evidence need, not as its text.
    await client.stop();
    fs.writeFileSync(path.join(root, 'articles', 'other.txt'), 'Other words.\n');
    const fillers = Array.from({ length: 20 }, (_, i) => path.join(root, `filler-${String(i).padStart(2, '0')}.facts.yaml`));
    for (const f of fillers) fs.writeFileSync(f, ['sources: articles', 'facts:', '  - claim: Other.', '    cite: other.txt:1', ''].join('\n'));
    client = await LspClient.start({ root });
    await client.waitForDiagnostics(uriOf(fillers[fillers.length - 1]));
    const b = await client.openFile('b.facts.yaml');
    await client.waitForVersion(b, (p) => p.diagnostics.some((d) => d.code === 'quote-not-found' && d.message.startsWith('Re-anchor to line 9')));

    // Sheet A, changed on disk while closed, no longer shows where the lines went.
    const sheetA = path.join(root, 'a.facts.yaml');
    fs.writeFileSync(sheetA, SHEET_A.replace('line: 3', 'line: 2'));
    await client.filesChanged([{ uri: uriOf(sheetA), type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(b.uri, (p) => p.diagnostics.some((d) => d.code === 'quote-not-found' && d.message.startsWith('A similar passage is on line 9, but nothing shows')));
    const a = await client.waitForDiagnostics(uriOf(sheetA), (p) => p.diagnostics.some((d) => d.code === 'quote-moved'));
    assert.match(a.diagnostics.find((d) => d.code === 'quote-moved')!.message, /^Change line to 7/);
  });

  it('Should offer the repair of a quote-altered citation, not preferred, and apply it when chosen', async () => {
    const b = await client.openFile('b.facts.yaml');
    const published = await client.waitForVersion(b, (p) => p.diagnostics.some((d) => d.code === 'quote-not-found'));
    // The negation dropped on its moved line: similar, but substantive, so only offered.
    const changed = published.diagnostics.find((d) => d.code === 'quote-not-found' && d.range.start.line === 11)!;
    assert.match(changed.message, /^A similar passage is on line 11, but the source says "did comment" where the quote says "did not comment"\./);
    const [offered] = await actions(b.uri, changed);
    assert.equal(offered.isPreferred, false);
    const edits = offered.edit!.changes![b.uri];
    assert.equal(
      applyTextEdits(b.text, edits),
      SHEET_B.replace('line: 7', 'line: 11').replace('quote: The Russian side did not comment on whether a summit had been agreed.', 'quote: The Russian side did comment on whether a summit had been agreed.'),
    );
  });

  it('Should point a citation of a renamed article at the file that holds its quote, in the diagnostic, its related information and the hover', async () => {
    fs.renameSync(path.join(root, 'articles', 'a.txt'), path.join(root, 'articles', 'reuters-tass.txt'));
    const a = await client.openFile('a.facts.yaml');
    const published = await client.waitForVersion(a, (p) => p.diagnostics.some((d) => d.code === 'source-not-found'));
    const [gone] = published.diagnostics;
    assert.equal(gone.message, 'Change to "reuters-tass.txt": it holds the quote. There is no file "a.txt" in "articles".');
    assert.deepEqual(gone.relatedInformation, [
      {
        location: { uri: uriOf(path.join(root, 'articles', 'reuters-tass.txt')), range: { start: { line: 6, character: 0 }, end: { line: 6, character: 32 } } },
        message: 'The quote is here.',
      },
    ]);
    const [rename] = await actions(a.uri, gone);
    assert.deepEqual([rename.title, rename.isPreferred], ['Change to "reuters-tass.txt"', true]);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: a.uri }, position: positionAfter(a.text, 'line: ') });
    const shown = (hover?.contents as MarkupContent).value.replace(/\\(.)/g, '$1');
    assert.ok(shown.includes('Change to "reuters-tass.txt": it holds the quote.'), shown);
  });
});
