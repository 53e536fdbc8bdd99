import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { AUTHOR, NEWS_PAGE, OUTLET, PARAGRAPHS, PUBLISHED, servePage, TITLE, type PageServer } from '../lib/newsPage';
import { activate, codeOf, fileUri, hoverText, open, positionOf, revertAndCloseAll, root, waitFor, waitForDiagnostics } from './helpers';

/** What the commands resolve to (server/src/protocol.ts, SaveSourceResult). */
interface SaveSourceResult {
  uri?: string;
  file?: string;
  title?: string;
  outlet?: string;
  published?: string;
  lines?: number;
  error?: string;
  exists?: boolean;
  cancelled?: boolean;
}

const DESK = 'desk-save-source';
const SHEET = `${DESK}/harbour.facts.yaml`;
const NAME = 'harbour-gazette-quotas';
// The saved text: the headline, the byline, outlet and date, then a line per paragraph.
const CITED_LINE = 6;
const QUOTE = 'counted about 41 million young cod';

const saved = (...parts: string[]) => path.join(root(), DESK, 'saved', ...parts);
const listing = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

async function hoverAt(uri: vscode.Uri, pos: vscode.Position, expect: string): Promise<string> {
  return waitFor(async () => {
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos));
    return text.includes(expect) && text;
  }, { what: `a hover containing ${JSON.stringify(expect)}` });
}

describe('Save Source from URL / from File', () => {
  let page: PageServer;

  before(async () => {
    await activate();
    page = await servePage();
    fs.mkdirSync(path.join(root(), DESK), { recursive: true });
    // A sheet that cites the page before it is saved: source-not-found until then.
    fs.writeFileSync(path.join(root(), SHEET), [
      'title: Harbour fishing quotas',
      'sources: saved',
      '',
      'facts:',
      '  - id: young-cod-counted',
      '    claim: The autumn survey counted about 41 million young cod.',
      '    cite:',
      `      - file: ${NAME}.txt`,
      `        line: ${CITED_LINE}`,
      `        quote: ${QUOTE}`,
      '',
    ].join('\n'));
  });
  afterEach(revertAndCloseAll);
  after(async () => {
    await page?.close();
    fs.rmSync(path.join(root(), DESK), { recursive: true, force: true });
  });

  it("saves a web page into the active sheet's sources folder and opens it; its citation checks clean, turns source-changed when the text changes, and its hover shows title, outlet and date", async () => {
    const sheet = await open(SHEET);
    await waitFor(() => sheet.document.languageId === 'fact-sheet', { what: 'the sheet to be a fact sheet' });
    await waitForDiagnostics(sheet.document.uri, (ds) => ds.some((d) => codeOf(d) === 'source-not-found'), 'source-not-found before the source is saved');

    // No sheet or folder given: the active editor's sheet decides where.
    const result = await vscode.commands.executeCommand<SaveSourceResult>('factNotes.saveSourceFromUrl', page.url, { name: NAME });
    assert.ok(result?.uri, `the command saved nothing: ${JSON.stringify(result)}`);
    assert.strictEqual(vscode.Uri.parse(result.uri).fsPath, saved(`${NAME}.txt`));
    assert.deepStrictEqual({ ...result, uri: undefined }, { uri: undefined, file: `${NAME}.txt`, title: TITLE, outlet: OUTLET, published: PUBLISHED, lines: 3 + PARAGRAPHS.length });

    // On disk: the text, the page as served, and the entry in sources.yaml.
    assert.deepStrictEqual(listing(saved()), [`${NAME}.orig.html`, `${NAME}.txt`, 'sources.yaml'].sort());
    const text = fs.readFileSync(saved(`${NAME}.txt`), 'utf8');
    assert.strictEqual(text, [TITLE, `By ${AUTHOR}`, `${OUTLET}, ${PUBLISHED}`, ...PARAGRAPHS, ''].join('\n'));
    assert.ok(text.split('\n')[CITED_LINE - 1].includes(QUOTE), `line ${CITED_LINE} of the saved text: ${text.split('\n')[CITED_LINE - 1]}`);
    assert.strictEqual(fs.readFileSync(saved(`${NAME}.orig.html`), 'utf8'), NEWS_PAGE);
    const entries = parse(fs.readFileSync(saved('sources.yaml'), 'utf8')) as Record<string, unknown>[];
    assert.strictEqual(entries.length, 1);
    const { retrieved, ...entry } = entries[0];
    assert.match(String(retrieved), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepStrictEqual(entry, {
      file: `${NAME}.txt`, url: page.url, title: TITLE, outlet: OUTLET, author: AUTHOR, published: PUBLISHED,
      sha256: createHash('sha256').update(text).digest('hex'),
    });

    // The text is open beside the sheet.
    const beside = await waitFor(() => vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === saved(`${NAME}.txt`)), { what: 'the saved text in an editor' });
    const sheetEditor = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === sheet.document.uri.fsPath);
    assert.ok(sheetEditor, 'the sheet is no longer visible');
    assert.notStrictEqual(beside.viewColumn, sheetEditor.viewColumn, 'the saved text did not open beside the sheet');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, saved(`${NAME}.txt`));

    // The citation now verifies: no problem left in the sheet.
    await waitForDiagnostics(sheet.document.uri, (ds) => ds.length === 0, 'no diagnostics once the source is saved');

    // The hover over the citation's file names the page: title, outlet, date, address.
    const hover = await hoverAt(sheet.document.uri, positionOf(sheet.document, `file: ${NAME}.txt`, 'file: '.length + 3), TITLE);
    assert.ok(hover.includes(OUTLET), hover);
    assert.ok(hover.includes(PUBLISHED), hover);
    assert.ok(hover.includes(page.url), hover);

    // A change to the saved text (not on the cited line) is reported on the citation.
    fs.writeFileSync(saved(`${NAME}.txt`), text.replace('by 34 per cent', 'by 43 per cent'));
    const changed = await waitForDiagnostics(sheet.document.uri, (ds) => ds.some((d) => codeOf(d) === 'source-changed'), 'source-changed after the text changed on disk');
    assert.deepStrictEqual(changed.map(codeOf), ['source-changed']);
    assert.strictEqual(changed[0].range.start.line, positionOf(sheet.document, `file: ${NAME}.txt`).line);
  });

  it('returns "exists" for a name already saved, and replaces it with force', async () => {
    const sheetUri = fileUri(SHEET);
    const before = listing(saved()).map((f) => [f, fs.readFileSync(saved(f), 'utf8')]);
    const result = await vscode.commands.executeCommand<SaveSourceResult>('factNotes.saveSourceFromUrl', page.url, { sheetUri, name: NAME });
    assert.strictEqual(result?.exists, true, JSON.stringify(result));
    assert.match(result.error ?? '', new RegExp(`"${NAME}\\.(txt|orig\\.html)" already exists in "saved"`));
    assert.deepStrictEqual(listing(saved()).map((f) => [f, fs.readFileSync(saved(f), 'utf8')]), before, 'nothing may change');

    const replaced = await vscode.commands.executeCommand<SaveSourceResult>('factNotes.saveSourceFromUrl', page.url, { sheetUri, name: NAME, force: true });
    assert.strictEqual(replaced?.file, `${NAME}.txt`, JSON.stringify(replaced));
    const text = fs.readFileSync(saved(`${NAME}.txt`), 'utf8');
    assert.ok(text.includes('by 34 per cent'), 'the text is saved again from the page');
    const entries = parse(fs.readFileSync(saved('sources.yaml'), 'utf8')) as Record<string, unknown>[];
    assert.deepStrictEqual(entries.map((e) => [e.file, e.sha256]), [[`${NAME}.txt`, createHash('sha256').update(text).digest('hex')]]);
    await waitForDiagnostics(sheetUri, (ds) => ds.length === 0, 'no source-changed after the source is saved again');
  });

  it('shows the error and writes nothing when the page is not there (404)', async () => {
    const before = listing(saved()).map((f) => [f, fs.readFileSync(saved(f), 'utf8')]);
    const result = await vscode.commands.executeCommand<SaveSourceResult>('factNotes.saveSourceFromUrl', page.missing, { sheetUri: fileUri(SHEET) });
    assert.deepStrictEqual(result, { error: `${page.missing}: the server answered 404 Not Found.` });
    assert.deepStrictEqual(listing(saved()).map((f) => [f, fs.readFileSync(saved(f), 'utf8')]), before, 'nothing may be written');
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath.startsWith(saved())), 'no saved text is opened');
  });

  it('refuses an address that is not http or https without asking the server', async () => {
    const result = await vscode.commands.executeCommand<SaveSourceResult>('factNotes.saveSourceFromUrl', 'ftp://127.0.0.1/story.html', { sheetUri: fileUri(SHEET) });
    assert.match(result?.error ?? '', /^Give an address that starts with http:\/\/ or https:\/\//);
  });

  it('saves a page from a file into a given folder, named after the outlet and headline', async () => {
    const downloads = path.join(root(), DESK, 'downloads');
    fs.mkdirSync(downloads, { recursive: true });
    const file = path.join(downloads, 'Fishing quotas cut.html');
    fs.writeFileSync(file, NEWS_PAGE);
    const folder = fileUri(`${DESK}/from-file`);
    const result = await vscode.commands.executeCommand<SaveSourceResult>('factNotes.saveSourceFromFile', vscode.Uri.file(file).toString(), { folderUri: folder });
    assert.ok(result?.uri && result.file, `the command saved nothing: ${JSON.stringify(result)}`);
    assert.match(result.file, /^harbour-gazette-[a-z0-9-]+\.txt$/);
    const base = result.file.replace(/\.txt$/, '');
    assert.deepStrictEqual(listing(folder.fsPath), [`${base}.orig.html`, `${base}.txt`, 'sources.yaml'].sort());
    const [entry] = parse(fs.readFileSync(path.join(folder.fsPath, 'sources.yaml'), 'utf8')) as Record<string, unknown>[];
    assert.strictEqual(entry.url, 'Fishing quotas cut.html');
    assert.strictEqual(entry.title, TITLE);
    assert.strictEqual(entry.outlet, OUTLET);
    await waitFor(() => vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === path.join(folder.fsPath, result.file!)), { what: 'the saved text in an editor' });
  });
});
