/**
 * Issue 13: renames never break citations. `workspace/willRenameFiles` (a
 * file, a folder, several files, a sheet moved, compact citations, sheets in
 * other folders) and F2 (`prepareRename` / `rename`) over stdio, with the
 * edits applied to real files and the rename made on disk as an editor
 * would, then the problems compared with those before.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  FileChangeType,
  PrepareRenameRequest,
  RenameRequest,
  WillRenameFilesRequest,
  type Diagnostic,
  type FileEvent,
  type PublishDiagnosticsParams,
  type TextDocumentEdit,
  type RenameFile,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { applyTextEdits, copySamples, LspClient, offsetAt, positionAt, removeFolder, uriOf } from './client';
import type * as Protocol from '../../server/src/protocol';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- values from the build output (see test/helpers/core.ts)
const { CitationsForMovesRequest } = require('../../../server/out/protocol') as typeof Protocol;
import { URI } from 'vscode-uri';

const OLD = '004_03f832fef03921f4.txt';
const NEW = '004_reuters-tass.txt';

/** Applies a workspace edit to the files on disk, as an editor does (text edits, then file renames in order), and says which files changed. */
function applyToDisk(edit: WorkspaceEdit): { changed: string[]; renamed: [string, string][] } {
  const changed: string[] = [];
  const renamed: [string, string][] = [];
  const write = (uri: string, edits: Parameters<typeof applyTextEdits>[1]) => {
    const p = URI.parse(uri).fsPath;
    fs.writeFileSync(p, applyTextEdits(fs.readFileSync(p, 'utf8'), edits));
    changed.push(p);
  };
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) write(uri, edits);
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      assert.equal(change.kind, 'rename');
      const r = change as RenameFile;
      const from = URI.parse(r.oldUri).fsPath;
      const to = URI.parse(r.newUri).fsPath;
      assert.ok(!fs.existsSync(to), 'the edit never overwrites');
      fs.renameSync(from, to);
      renamed.push([from, to]);
    } else {
      write((change as TextDocumentEdit).textDocument.uri, (change as TextDocumentEdit).edits);
    }
  }
  return { changed, renamed };
}

/** What a problem is, whatever file name it mentions or column it starts at. */
const problems = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.range.start.line}: ${d.code}`);

describe('Protocol: renames never break citations', function () {
  this.timeout(20000);
  let root: string;
  let client: LspClient;
  const sheet = (name: string) => path.join(root, name);
  const article = (name: string) => path.join(root, 'articles', name);
  const published = (p: string) => client.published.get(uriOf(p))?.length ?? 0;

  /** The diagnostics of each sheet once it was published again after `count` publications. */
  async function republished(paths: readonly string[], counts: readonly number[], predicate: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams[]> {
    return Promise.all(paths.map((p, i) => client.waitUntil(() => (published(p) > counts[i] && predicate(client.latest(uriOf(p))!) ? client.latest(uriOf(p)) : undefined), () => `new diagnostics for ${p}`)));
  }

  /** Renames on disk as an editor does it: asks the server first, applies its edit, moves the files, reports the file events. */
  async function renameInEditor(moves: readonly [string, string][]): Promise<WorkspaceEdit | null> {
    const edit = await client.connection.sendRequest(WillRenameFilesRequest.type, { files: moves.map(([from, to]) => ({ oldUri: uriOf(from), newUri: uriOf(to) })) });
    const { changed } = edit ? applyToDisk(edit) : { changed: [] };
    for (const [from, to] of moves) {
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.renameSync(from, to);
    }
    await client.filesChanged([
      ...changed.map((p): FileEvent => ({ uri: uriOf(p), type: FileChangeType.Changed })),
      ...moves.flatMap(([from, to]): FileEvent[] => [
        { uri: uriOf(from), type: FileChangeType.Deleted },
        { uri: uriOf(to), type: FileChangeType.Created },
      ]),
    ]);
    return edit;
  }

  beforeEach(async () => {
    root = copySamples({
      // A sheet in another folder, with its own sources path and compact citations.
      'desk/compact.facts.yaml': ['sources: ../articles', 'facts:', '  - claim: The talks took place in Reykjavik.', `    cite: ["${OLD}:2", 003_028d879ad9c7ab06.txt:9]`, ''].join('\n'),
    });
    client = await LspClient.start({ root });
    await Promise.all([sheet('broken.facts.yaml'), sheet('reykjavik.facts.yaml'), sheet('desk/compact.facts.yaml')].map((p) => client.waitForDiagnostics(uriOf(p))));
  });
  afterEach(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
    removeFolder(root);
  });

  it('Should update every citation of a renamed article in every sheet, and leave the problems as they were', async () => {
    const sheets = [sheet('broken.facts.yaml'), sheet('reykjavik.facts.yaml'), sheet('desk/compact.facts.yaml')];
    const before = sheets.map((p) => problems(client.latest(uriOf(p))!.diagnostics));
    const counts = sheets.map(published);
    const texts = sheets.map((p) => fs.readFileSync(p, 'utf8'));
    const edit = await renameInEditor([[article(OLD), article(NEW)]]);
    assert.deepEqual(Object.keys(edit!.changes!).sort(), sheets.map(uriOf).sort());
    // Only the file names changed, and every one of them (the comment that names the old file stays as written).
    sheets.forEach((p, i) => {
      const now = fs.readFileSync(p, 'utf8');
      assert.equal(now.replace(new RegExp(NEW.replace('.', '\\.'), 'g'), OLD), texts[i]);
      assert.ok(!now.split('\n').some((l) => l.includes(OLD) && !l.trim().startsWith('#')), `${p} still cites ${OLD}`);
    });
    assert.match(fs.readFileSync(sheet('desk/compact.facts.yaml'), 'utf8'), /cite: \["004_reuters-tass\.txt:2", 003_028d879ad9c7ab06\.txt:9\]/);
    const after = await republished(sheets, counts);
    assert.deepEqual(after.map((p) => problems(p.diagnostics)), before);
    assert.ok(after[0].diagnostics.some((d) => d.message.includes(NEW)), 'the messages name the new file');
  });

  it('Should change the sources value of each sheet once when the articles folder is renamed', async () => {
    const sheets = [sheet('broken.facts.yaml'), sheet('reykjavik.facts.yaml'), sheet('desk/compact.facts.yaml')];
    const before = sheets.map((p) => problems(client.latest(uriOf(p))!.diagnostics));
    const counts = sheets.map(published);
    const edit = await renameInEditor([[path.join(root, 'articles'), path.join(root, 'sources')]]);
    const changes = edit!.changes!;
    for (const p of [sheet('reykjavik.facts.yaml'), sheet('desk/compact.facts.yaml')]) assert.equal(changes[uriOf(p)].length, 1, `one edit for ${p}`);
    // broken.facts.yaml also cites the folder itself, as "../articles" (source-unreadable): that follows it, as ".".
    assert.deepEqual(changes[uriOf(sheet('broken.facts.yaml'))].map((e) => e.newText).sort(), ['.', 'sources']);
    assert.match(fs.readFileSync(sheet('reykjavik.facts.yaml'), 'utf8'), /^sources: sources$/m);
    assert.match(fs.readFileSync(sheet('desk/compact.facts.yaml'), 'utf8'), /^sources: \.\.\/sources$/m);
    const after = await republished(sheets, counts);
    assert.deepEqual(after.map((p) => problems(p.diagnostics)), before);
  });

  it('Should update several renamed files at once', async () => {
    const counts = [published(sheet('reykjavik.facts.yaml'))];
    const edit = await renameInEditor([
      [article(OLD), article(NEW)],
      [article('003_028d879ad9c7ab06.txt'), article('003_agi.txt')],
    ]);
    const text = fs.readFileSync(sheet('reykjavik.facts.yaml'), 'utf8');
    assert.ok(text.includes(NEW) && text.includes('003_agi.txt') && !/file: 003_028d879ad9c7ab06/.test(text));
    assert.ok(edit!.changes![uriOf(sheet('desk/compact.facts.yaml'))].length === 2, 'both compact citations');
    const [after] = await republished([sheet('reykjavik.facts.yaml')], counts);
    assert.deepEqual(after.diagnostics, []);
  });

  it('Should keep a moved sheet pointing at the same articles', async () => {
    const from = sheet('reykjavik.facts.yaml');
    const to = path.join(root, 'archive', '2021', 'reykjavik.facts.yaml');
    fs.mkdirSync(path.dirname(to), { recursive: true });
    const edit = await renameInEditor([[from, to]]);
    assert.deepEqual(Object.keys(edit!.changes!), [uriOf(from)], 'only the moved sheet changes');
    assert.match(fs.readFileSync(to, 'utf8'), /^sources: \.\.\/\.\.\/articles$/m);
    const after = await client.waitForDiagnostics(uriOf(to));
    assert.deepEqual(after.diagnostics, []);
  });

  describe('after the move (factNotes/citationsForMoves, as the VS Code client asks)', () => {
    const ask = (moves: [string, string][]) =>
      client.connection.sendRequest(CitationsForMovesRequest, { files: moves.map(([from, to]) => ({ oldUri: uriOf(from), newUri: uriOf(to) })) }) as Promise<WorkspaceEdit | null>;

    it('Should give the same edits as before the move, whether or not the server has heard of the move yet', async () => {
      const moves: [string, string][] = [[article(OLD), article(NEW)]];
      const before = await client.connection.sendRequest(WillRenameFilesRequest.type, { files: [{ oldUri: uriOf(article(OLD)), newUri: uriOf(article(NEW)) }] });
      fs.renameSync(article(OLD), article(NEW));
      assert.deepEqual(await ask(moves), before, 'moved on disk, no file event yet');
      const counts = [published(sheet('reykjavik.facts.yaml'))];
      await client.filesChanged([
        { uri: uriOf(article(OLD)), type: FileChangeType.Deleted },
        { uri: uriOf(article(NEW)), type: FileChangeType.Created },
      ]);
      await republished([sheet('reykjavik.facts.yaml')], counts);
      assert.deepEqual(await ask(moves), before, 'after the file events');
    });

    it('Should edit a moved sheet where it is now, before and after the server re-indexes it', async () => {
      const from = sheet('reykjavik.facts.yaml');
      const to = path.join(root, 'desk', 'reykjavik.facts.yaml');
      fs.renameSync(from, to);
      const edit = await ask([[from, to]]);
      assert.deepEqual(Object.keys(edit!.changes!), [uriOf(to)]);
      await client.filesChanged([
        { uri: uriOf(from), type: FileChangeType.Deleted },
        { uri: uriOf(to), type: FileChangeType.Created },
      ]);
      await client.waitForDiagnostics(uriOf(to));
      assert.deepEqual(await ask([[from, to]]), edit);
      fs.writeFileSync(to, applyTextEdits(fs.readFileSync(to, 'utf8'), edit!.changes![uriOf(to)]));
      assert.match(fs.readFileSync(to, 'utf8'), /^sources: \.\.\/articles$/m);
    });
  });

  it('Should answer nothing for a rename that no citation follows', async () => {
    fs.writeFileSync(path.join(root, 'notes.txt'), 'A note.\n');
    const edit = await client.connection.sendRequest(WillRenameFilesRequest.type, { files: [{ oldUri: uriOf(path.join(root, 'notes.txt')), newUri: uriOf(path.join(root, 'notes-2.txt')) }] });
    assert.equal(edit, null);
  });

  describe('F2 on a file value', () => {
    /** A position inside `needle`'s file name. */
    const at = (text: string, needle: string) => positionAt(text, text.indexOf(needle) + needle.indexOf(OLD) + 2);

    it('Should offer the file name, and nothing elsewhere in the sheet', async () => {
      const doc = await client.openFile('broken.facts.yaml');
      const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: doc.uri }, position: at(doc.text, `file: ${OLD}`) });
      assert.deepEqual(prepared && 'placeholder' in prepared ? prepared.placeholder : undefined, OLD);
      const range = prepared && 'range' in prepared ? prepared.range : undefined;
      assert.equal(doc.text.slice(offsetAt(doc.text, range!.start), offsetAt(doc.text, range!.end)), OLD);
      await assert.rejects(client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: doc.uri }, position: positionAt(doc.text, doc.text.indexOf('claim:') + 2) }), /Only the file name of a citation/);
    });

    it('Should rename the article and every citation of it in one edit, and update them once when the editor then announces the rename', async () => {
      const doc = await client.openFile('broken.facts.yaml');
      const sheets = [sheet('broken.facts.yaml'), sheet('reykjavik.facts.yaml'), sheet('desk/compact.facts.yaml')];
      const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: doc.uri }, position: at(doc.text, `file: ${OLD}`), newName: NEW });
      const changes = edit!.documentChanges!;
      const rename = changes.find((c) => 'kind' in c) as RenameFile;
      assert.deepEqual([rename.oldUri, rename.newUri], [uriOf(article(OLD)), uriOf(article(NEW))]);
      assert.equal(rename.options?.overwrite, false);
      const edited = changes.filter((c): c is TextDocumentEdit => !('kind' in c));
      assert.deepEqual(edited.map((e) => e.textDocument.uri).sort(), sheets.map(uriOf).sort());
      assert.equal(edited.find((e) => e.textDocument.uri === doc.uri)!.textDocument.version, doc.version, 'the open sheet at its version');
      // The editor, applying that edit, announces the rename it holds: the citations are in the edit already.
      assert.equal(await client.connection.sendRequest(WillRenameFilesRequest.type, { files: [{ oldUri: rename.oldUri, newUri: rename.newUri }] }), null);
      applyToDisk({ documentChanges: changes.filter((c) => 'kind' in c || (c as TextDocumentEdit).textDocument.uri !== doc.uri) });
      assert.ok(fs.existsSync(article(NEW)) && !fs.existsSync(article(OLD)));
      // A later rename of the same file by other means is followed again.
      const again = await client.connection.sendRequest(WillRenameFilesRequest.type, { files: [{ oldUri: rename.oldUri, newUri: rename.newUri }] });
      assert.ok(again && Object.keys(again.changes ?? {}).length > 0);
    });

    it('Should refuse a name that exists, leads outside the folder, or is empty, with a reason', async () => {
      const doc = await client.openFile('broken.facts.yaml');
      const position = at(doc.text, `file: ${OLD}`);
      const rename = (newName: string) => client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: doc.uri }, position, newName });
      await assert.rejects(rename('003_028d879ad9c7ab06.txt'), /already exists/);
      await assert.rejects(rename('../../outside.txt'), /outside the workspace folder/);
      await assert.rejects(rename('  '), /Give the article a name/);
      await assert.rejects(rename('no-such-folder/a.txt'), /Create the folder "articles\/no-such-folder" first/);
      // desk/compact.facts.yaml cites it in a quoted compact form that a name with a quotation mark would break.
      await assert.rejects(rename('004 "wire".txt'), /Change the citation on line 4 of "desk\/compact\.facts\.yaml" by hand first/);
      assert.ok(fs.existsSync(article(OLD)), 'nothing renamed');
    });
  });
});
