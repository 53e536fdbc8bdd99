/**
 * Entry point of the language server. Started by the VS Code client over
 * IPC (`--node-ipc`), or by `fact-notes lsp --stdio` for any other editor.
 */
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer } from './server';

/** Serves LSP on standard input and output until the client exits. */
export function runStdioServer(): Promise<void> {
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  startServer(connection);
  return new Promise(() => undefined);
}

if (require.main === module) {
  startServer(createConnection(ProposedFeatures.all));
}
