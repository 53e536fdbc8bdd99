// Peer: vscode-markdown-languageservice (0.4.x) computeDiagnostics with file-link validation, on the
// markdown version of the sheets (notes/*.md, citations as [quote](../articles/a0012.txt#L14)).
// It can only tell whether the linked file exists, not whether the line or quote is right.
//
//   node bench/peers/markdown.mjs WORKSPACE    -> runs once, prints {"ms":..,"diagnostics":..,"notes":..}
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export const name = 'vscode-markdown-languageservice';
export const version = require('vscode-markdown-languageservice/package.json').version;

const noEvent = () => ({ dispose() {} });

/** An IWorkspace over the files on disk (no watching, no caching between runs). */
class DiskWorkspace {
  constructor(root, URI, TextDocument) {
    this.root = URI.file(root);
    this.URI = URI;
    this.TextDocument = TextDocument;
    this.docs = new Map();
    this.onDidChangeMarkdownDocument = noEvent;
    this.onDidCreateMarkdownDocument = noEvent;
    this.onDidDeleteMarkdownDocument = noEvent;
  }
  get workspaceFolders() {
    return [this.root];
  }
  async getAllMarkdownDocuments() {
    const out = [];
    const walk = async (dir) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) await walk(join(dir, e.name));
        else if (e.name.endsWith('.md')) out.push(await this.openMarkdownDocument(this.URI.file(join(dir, e.name))));
      }
    };
    await walk(this.root.fsPath);
    return out.filter(Boolean);
  }
  hasMarkdownDocument(resource) {
    return this.docs.has(resource.toString());
  }
  async openMarkdownDocument(resource) {
    const key = resource.toString();
    if (!this.docs.has(key)) {
      if (!resource.fsPath.endsWith('.md')) return undefined;
      let text;
      try {
        text = readFileSync(resource.fsPath, 'utf8');
      } catch {
        return undefined;
      }
      this.docs.set(key, this.TextDocument.create(key, 'markdown', 1, text));
    }
    return this.docs.get(key);
  }
  async stat(resource) {
    try {
      return { isDirectory: statSync(resource.fsPath).isDirectory() };
    } catch {
      return undefined;
    }
  }
  async readDirectory(resource) {
    return readdirSync(resource.fsPath, { withFileTypes: true }).map((e) => [e.name, { isDirectory: e.isDirectory() }]);
  }
}

/** Returns a function that computes diagnostics for every note of the workspace once. */
export function setup(ws) {
  const md = require('vscode-markdown-languageservice');
  const { URI } = require('vscode-uri');
  const { TextDocument } = require('vscode-languageserver-textdocument');
  const { CancellationTokenSource } = require('vscode-languageserver');
  let MarkdownIt;
  try {
    MarkdownIt = require('markdown-it');
  } catch (e) {
    throw new Error(`markdown-it is not resolvable from bench/ (it is only a transitive dependency): ${e.message}`);
  }
  const manifest = JSON.parse(readFileSync(join(ws, 'manifest.json'), 'utf8'));
  const paths = manifest.notes.map((p) => join(ws, p));
  const mdIt = MarkdownIt({ html: true });
  const parser = { slugifier: md.githubSlugifier, tokenize: async (doc) => mdIt.parse(doc.getText(), {}) };
  const logger = { level: md.LogLevel.Off, log() {} };
  const options = {
    validateReferences: md.DiagnosticLevel.warning,
    validateFragmentLinks: md.DiagnosticLevel.warning,
    validateFileLinks: md.DiagnosticLevel.error,
    validateMarkdownFileLinkFragments: md.DiagnosticLevel.warning,
    validateUnusedLinkDefinitions: md.DiagnosticLevel.ignore,
    validateDuplicateLinkDefinitions: md.DiagnosticLevel.ignore,
    ignoreLinks: [],
  };
  return async function diagnoseAll() {
    // a fresh workspace and service per run: computeDiagnostics is stateless, and nothing is cached across runs
    const workspace = new DiskWorkspace(ws, URI, TextDocument);
    const service = md.createLanguageService({ workspace, parser, logger, markdownFileExtensions: ['md'] });
    const token = new CancellationTokenSource().token;
    let diagnostics = 0;
    for (const p of paths) {
      const doc = await workspace.openMarkdownDocument(URI.file(p));
      diagnostics += (await service.computeDiagnostics(doc, options, token)).length;
    }
    service.dispose();
    return { diagnostics, notes: paths.length };
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const run = setup(resolve(process.argv[2]));
  const r = await run();
  console.log(JSON.stringify({ ms: performance.now() - t0, ...r }));
}
