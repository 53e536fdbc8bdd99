/**
 * Issue 14: `fact-notes snapshot URL|FILE` against a real HTTP server on
 * 127.0.0.1 serving the sample pages (samples/pages/): the text saved for
 * each is the expected file's (test/cli/snapshot-expected/), the entry in
 * sources.yaml says where it came from, and a sheet citing it checks clean
 * until the text is edited (source-changed). Every failure (404, too slow, too
 * big, not a page, no article, no such host, redirect loop) is one line
 * naming the URL and the reason, with nothing written.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, REPO_ROOT, readProvenance } from '../helpers/core';
import { runCli } from '../helpers/cli';
import { joinLines } from '../helpers/text';
import { useTempWorkspace } from '../helpers/workspace';

const PAGES = path.join(REPO_ROOT, 'samples', 'pages');
const EXPECTED = path.join(REPO_ROOT, 'test', 'cli', 'snapshot-expected');
const page = (name: string) => fs.readFileSync(path.join(PAGES, name));

/** The test pages, as a news site would serve them. */
function routes(req: http.IncomingMessage, res: http.ServerResponse): void {
  const send = (type: string, body: Uint8Array | string, status = 200) => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  switch (req.url) {
    case '/world/blinken-lavrov.html':
      return send('text/html', page('newsnet-blinken-lavrov.html'));
    case '/news/srf.html': // declares windows-1252 in a <meta http-equiv>
      return send('text/html', page('srf-windows-1252.html'));
    case '/news/srf-header.html': // only the HTTP header says windows-1252
      return send('text/html; charset=windows-1252', Buffer.from(page('srf-windows-1252.html').toString('latin1').replace(/<meta http-equiv="Content-Type"[^>]*>/i, ''), 'latin1'));
    case '/short/abc':
      res.writeHead(301, { location: '/world/blinken-lavrov.html' });
      return void res.end();
    case '/loop':
      res.writeHead(302, { location: '/loop' });
      return void res.end();
    case '/world/':
      return send('text/html; charset=utf-8', page('no-article.html'));
    case '/docs/statement.pdf':
      return send('application/pdf', page('statement.pdf'));
    case '/logo.png':
      return send('image/png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    case '/slow':
      // Headers and half a page, then nothing more for far longer than the test's timeout.
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<!doctype html><html><body><p>');
      return;
    case '/huge':
      // An endless page, sent in chunks with no length given.
      res.writeHead(200, { 'content-type': 'text/html' });
      {
        const chunk = Buffer.alloc(256 * 1024, 'a');
        const pump = () => {
          while (res.write(chunk));
        };
        res.on('drain', pump);
        pump();
      }
      return;
    case '/huge-declared':
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(200 * 1024 * 1024) });
      res.write('%PDF-1.7\n');
      return;
    default:
      return send('text/html', '<!doctype html><title>Not found</title><h1>Page not found</h1>', 404);
  }
}

describe('CLI: fact-notes snapshot (issue 14)', function () {
  this.timeout(60_000);
  const ws = useTempWorkspace('fact-notes-snapshot-');
  let server: http.Server;
  let base = '';
  const sockets = new Set<Socket>();

  before(async () => {
    server = http.createServer(routes);
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const snap = (...args: string[]) => runCli(['snapshot', ...args], ws.current.root);
  const files = (dir = 'sources') => (fs.existsSync(ws.current.path(dir)) ? fs.readdirSync(ws.current.path(dir)).sort() : []);
  const entries = (dir = 'sources') => readProvenance(ws.current.read(path.join(dir, 'sources.yaml'))).entries;
  const expected = (name: string) => fs.readFileSync(path.join(EXPECTED, name), 'utf8');

  it('saves a web page: the article text, the original, and where it came from', async () => {
    const r = await snap(`${base}/world/blinken-lavrov.html`, '--into', 'sources');
    assert.equal(r.status, EXIT_OK, r.stderr);
    const name = r.stdout.match(/^Saved sources\/(\S+\.txt) /)?.[1];
    assert.ok(name, r.stdout);
    assert.equal(ws.current.read(path.join('sources', name)), expected('newsnet-blinken-lavrov.txt'));
    const base_ = name.replace(/\.txt$/, '');
    assert.deepEqual(files(), [`${base_}.orig.html`, name, 'sources.yaml'].sort());
    assert.deepEqual(fs.readFileSync(ws.current.path('sources', `${base_}.orig.html`)), page('newsnet-blinken-lavrov.html'), 'the original bytes, unchanged');
    const entry = entries().get(name);
    assert.ok(entry);
    assert.equal(entry.url, `${base}/world/blinken-lavrov.html`);
    assert.ok(entry.title && entry.outlet, JSON.stringify(entry));
    assert.match(entry.retrieved ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(entry.sha256 ?? '', /^[0-9a-f]{64}$/);
    assert.match(name, /^[a-z0-9-]+\.txt$/);
    assert.ok(name.length <= 64);
  });

  it('a sheet citing the saved text checks clean; editing the text gives source-changed, with a fix that records it', async () => {
    const r = await snap(`${base}/world/blinken-lavrov.html`, '--into', 'sources', '--name', 'newsnet');
    assert.equal(r.status, EXIT_OK, r.stderr);
    const text = ws.current.read(path.join('sources', 'newsnet.txt'));
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.length > 120) + 1;
    const quote = lines[at - 1].split(/(?<=[.!?”])\s/)[0];
    ws.current.write('notes.facts.yaml', joinLines('title: Snapshot', 'sources: sources', 'facts:', '  - claim: A claim.', '    cite:', `      - file: newsnet.txt`, `        line: ${at}`, `        quote: ${JSON.stringify(quote)}`));
    const clean = await runCli(['check', '--format', 'json'], ws.current.root);
    assert.equal(clean.status, EXIT_OK, clean.stdout);
    assert.deepEqual(JSON.parse(clean.stdout).diagnostics, []);

    fs.writeFileSync(ws.current.path('sources', 'newsnet.txt'), text.replace(lines[lines.length - 2], `${lines[lines.length - 2]} (Edited.)`));
    const changed = await runCli(['check', '--format', 'json'], ws.current.root);
    assert.equal(changed.status, EXIT_OK, 'a warning: the check still passes');
    const [d] = JSON.parse(changed.stdout).diagnostics;
    assert.equal(d.code, 'source-changed');
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /^Compare "newsnet\.txt" with its original, "newsnet\.orig\.html", before relying on it: its text has changed since it was saved on \d{4}-\d\d-\d\d from "http:\/\/127\.0\.0\.1:\d+\/world\/blinken-lavrov\.html"/);
    assert.equal(d.range.start.line, 5);
    const [fix] = d.fixes;
    assert.equal(fix.title, 'Record the current text as the snapshot');
    assert.equal(fix.preferred, false);
    assert.equal(fix.file, path.join('sources', 'sources.yaml'));
    // fix never applies it; applying it by hand makes the sheet clean again.
    const fixed = await runCli(['fix'], ws.current.root);
    assert.match(fixed.stdout, /source-changed/);
    const yaml = ws.current.read(path.join('sources', 'sources.yaml'));
    const lineIndex = yaml.split('\n');
    const { range, newText } = fix.edits[0];
    const row = lineIndex[range.start.line];
    lineIndex[range.start.line] = row.slice(0, range.start.character) + newText + row.slice(range.end.character);
    fs.writeFileSync(ws.current.path('sources', 'sources.yaml'), lineIndex.join('\n'));
    assert.deepEqual(JSON.parse((await runCli(['check', '--format', 'json'], ws.current.root)).stdout).diagnostics, []);
  });

  it('honours windows-1252, declared in the page or only in the HTTP header: curly quotes stay curly', async () => {
    for (const [url, name] of [
      ['/news/srf.html', 'meta'],
      ['/news/srf-header.html', 'header'],
    ]) {
      const r = await snap(`${base}${url}`, '--into', 'sources', '--name', name);
      assert.equal(r.status, EXIT_OK, r.stderr);
      const text = ws.current.read(path.join('sources', `${name}.txt`));
      assert.equal(text, expected('srf-windows-1252.txt'), url);
      assert.match(text, /[“”’–]/);
      assert.doesNotMatch(text, /[\u0080-\u009f\ufffd]/, 'no control characters or replacement characters');
    }
  });

  it('follows redirects and records where they led', async () => {
    const r = await snap(`${base}/short/abc`, '--into', 'sources', '--name', 'newsnet');
    assert.equal(r.status, EXIT_OK, r.stderr);
    assert.equal(ws.current.read(path.join('sources', 'newsnet.txt')), expected('newsnet-blinken-lavrov.txt'));
    assert.equal(entries().get('newsnet.txt')?.url, `${base}/world/blinken-lavrov.html`);
  });

  it('saves a PDF page by page, lines joined into paragraphs; its pages cite as [page N]-marked text', async () => {
    const r = await snap(`${base}/docs/statement.pdf`, '--into', 'sources', '--name', 'statement');
    assert.equal(r.status, EXIT_OK, r.stderr);
    const text = ws.current.read(path.join('sources', 'statement.txt'));
    assert.equal(text, expected('statement.txt'));
    const lines = text.split('\n');
    assert.equal(lines[0], '[page 1]');
    const page2 = lines.indexOf('[page 2]') + 1;
    assert.ok(page2 > 2, 'a second page');
    assert.deepEqual(files(), ['sources.yaml', 'statement.orig.pdf', 'statement.txt']);
    // A citation of a paragraph on page 2 checks clean.
    const at = page2 + 1;
    ws.current.write('notes.facts.yaml', joinLines('title: PDF', 'sources: sources', 'facts:', '  - claim: From the last page.', '    cite:', '      - file: statement.txt', `        line: ${at}`, `        quote: ${JSON.stringify(lines[at - 1].slice(0, 60))}`));
    const check = await runCli(['check', '--format', 'json'], ws.current.root);
    assert.deepEqual(JSON.parse(check.stdout).diagnostics, []);
    // The same file from the disk gives the same text.
    const local = await snap(path.join(PAGES, 'statement.pdf'), '--into', 'local', '--name', 'statement');
    assert.equal(local.status, EXIT_OK, local.stderr);
    assert.equal(ws.current.read(path.join('local', 'statement.txt')), text);
    assert.equal(readProvenance(ws.current.read(path.join('local', 'sources.yaml'))).entries.get('statement.txt')?.url, 'statement.pdf');
  });

  it('saves a page from a file on disk, with the same text as from the web', async () => {
    const r = await snap(path.join(PAGES, 'srf-windows-1252.html'), '--into', 'sources', '--name', 'srf');
    assert.equal(r.status, EXIT_OK, r.stderr);
    assert.equal(ws.current.read(path.join('sources', 'srf.txt')), expected('srf-windows-1252.txt'));
  });

  it('never overwrites without --force; with it, replaces the text, the original and the entry', async () => {
    assert.equal((await snap(`${base}/world/blinken-lavrov.html`, '--into', 'sources', '--name', 'a')).status, EXIT_OK);
    const before = ws.current.read(path.join('sources', 'sources.yaml'));
    const again = await snap(`${base}/news/srf.html`, '--into', 'sources', '--name', 'a');
    assert.equal(again.status, EXIT_USAGE);
    assert.equal(again.stderr, `fact-notes: ${base}/news/srf.html: "a.txt" already exists in "sources"; choose another name, or replace it (--name NAME, or --force)\n`);
    assert.equal(ws.current.read(path.join('sources', 'sources.yaml')), before);
    assert.equal(ws.current.read(path.join('sources', 'a.txt')), expected('newsnet-blinken-lavrov.txt'));
    const forced = await snap(`${base}/news/srf.html`, '--into', 'sources', '--name', 'a', '--force');
    assert.equal(forced.status, EXIT_OK, forced.stderr);
    assert.match(forced.stdout, /^Replaced sources\/a\.txt /);
    assert.equal(ws.current.read(path.join('sources', 'a.txt')), expected('srf-windows-1252.txt'));
    assert.equal(entries().size, 1);
    assert.equal(entries().get('a.txt')?.url, `${base}/news/srf.html`);
  });

  it('fails with one line naming the URL and the reason, and writes nothing', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const cases: [string[], RegExp][] = [
      [[`${base}/missing.html`], /: the server answered 404 Not Found$/],
      [[`${base}/slow`, '--timeout', '0.5'], /: no complete answer within 0\.5 seconds$/],
      [[`${base}/huge`, '--max-size', '1'], /: it is over the 1 MB limit$/],
      [[`${base}/huge-declared`, '--max-size', '1'], /: it is 200 MB, over the 1 MB limit$/],
      [[`${base}/world/`], /: no readable text: what looks most like an article is a list of headlines, links or short notices \(is it an index or front page\?\)$/],
      [[`${base}/logo.png`], /: it is not an HTML page or a PDF \(the server calls it "image\/png"\)$/],
      [[`${base}/loop`], /: it redirects too many times$/],
      [['http://no-such-host.invalid/page.html'], /: the host name "no-such-host\.invalid" could not be found$/],
      [[`http://127.0.0.1:${closedPort}/page.html`], /: the server at "127\.0\.0\.1:\d+" refused the connection$/],
      [['ftp://example.org/a.html'], /: only http and https addresses can be fetched, not ftp$/],
      [['missing.html'], /: there is no such file$/],
      [[path.join(REPO_ROOT, 'samples', 'broken.facts.yaml')], /: it is not an HTML page or a PDF \(save the page as HTML, or the document as PDF\)$/],
    ];
    for (const [args, reason] of cases) {
      const r = await snap(...args, '--into', 'sources');
      assert.equal(r.status, EXIT_PROBLEMS, `${args[0]}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '');
      const line = r.stderr.trimEnd();
      assert.equal(line.split('\n').length, 1, r.stderr);
      assert.ok(line.startsWith(`fact-notes: ${args[0]}: `), line);
      assert.match(line, reason);
      assert.deepEqual(files(), [], `nothing written for ${args[0]}`);
    }
  });

  it('keeps a hand-written sources.yaml as it was, and refuses one it cannot add to', async () => {
    const handWritten = joinLines('# Saved by hand.', '- file: notes.txt   # from the archive', '  outlet: "Reuters"');
    ws.current.write('sources/sources.yaml', handWritten);
    assert.equal((await snap(`${base}/world/blinken-lavrov.html`, '--into', 'sources', '--name', 'newsnet')).status, EXIT_OK);
    assert.ok(ws.current.read(path.join('sources', 'sources.yaml')).startsWith(handWritten));
    ws.current.write('other/sources.yaml', 'file: [broken\n');
    const r = await snap(`${base}/world/blinken-lavrov.html`, '--into', 'other', '--name', 'newsnet');
    assert.equal(r.status, EXIT_PROBLEMS);
    assert.match(r.stderr, /: "sources\.yaml" in "other" cannot take the entry: line \d+: .* Nothing was saved\.\n$/);
    assert.deepEqual(files('other'), ['sources.yaml']);
  });

  it('explains itself and its usage errors', async () => {
    const help = await snap('--help');
    assert.equal(help.status, EXIT_OK);
    assert.match(help.stdout, /^Usage: fact-notes snapshot URL\|FILE \[options\]/);
    assert.equal((await snap()).status, EXIT_USAGE);
    assert.equal((await snap('a', 'b')).status, EXIT_USAGE);
    const bad = await snap(`${base}/x`, '--timeout', 'soon');
    assert.equal(bad.status, EXIT_USAGE);
    assert.match(bad.stderr, /--timeout must be a number/);
  });
});
