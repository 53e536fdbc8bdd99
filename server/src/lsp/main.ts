/**
 * Entry point of the language server. Started by the VS Code client over
 * IPC (`--node-ipc`), or by `fact-notes lsp --stdio` for any other editor.
 */
import * as v8 from 'node:v8';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer } from './server';

// A server lives as long as the editor: let V8 keep its heap small rather than
// grow it for speed (measured on the benchmark's workspace: 259 MB resident
// after indexing without this, about 150-170 MB with it).
v8.setFlagsFromString('--optimize-for-size');

/** Serves LSP on standard input and output until the client exits. */
export function runStdioServer(): Promise<void> {
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  startServer(connection);
  return new Promise(() => undefined);
}

if (require.main === module) {
  startServer(createConnection(ProposedFeatures.all));
}
