/**
 * Entry point of the language server. Started by the VS Code client over
 * IPC (`--node-ipc`), or by `fact-notes lsp --stdio` for any other editor.
 */
import * as v8 from 'node:v8';
import {
  createConnection,
  ErrorCodes,
  ExitNotification,
  InitializeRequest,
  Message,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageStrategy,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { fullCollection } from '../node';
import { FrameCheck, FramingError } from './framing';
import { startServer } from './server';

/**
 * A server lives as long as the editor: while it is idle, V8 keeps its heap
 * small (collects often, compiles for size); while it checks (the workspace
 * at start-up, edits as they come), it lets the heap grow and compiles for
 * speed. Measured at ten times the benchmark's workspace: indexing in
 * 14-20 s against 29-32 s; edits of the 5,000-fact sheet alone, p50 60 ms
 * and p95 91 ms against 87 and 138 ms. After a long batch, one full
 * collection lets V8 give the room back: about 200 MB resident there
 * 10-20 s later, 30 s without it.
 */
function heapForWork(): { readonly started: () => void; readonly done: (long: boolean) => void } {
  v8.setFlagsFromString('--optimize-for-size');
  return {
    started: () => v8.setFlagsFromString('--no-optimize-for-size'),
    done: (long) => {
      v8.setFlagsFromString('--optimize-for-size');
      if (long) fullCollection();
    },
  };
}

/**
 * Serves LSP on standard input and output until the client exits. Standard
 * input ending after a whole message is read as an `exit` notification (the
 * library exits with status 0 after `shutdown`, else 1); input that cannot be
 * framed or decoded ends the process with status 1 and one line on standard
 * error. The client's process, when `initialize` names it, is watched by the
 * library: the server exits when it is gone.
 */
export function runStdioServer(): Promise<never> {
  const exit = JSON.stringify({ jsonrpc: '2.0', method: ExitNotification.method });
  const input = process.stdin.pipe(new FrameCheck(`Content-Length: ${Buffer.byteLength(exit)}\r\n\r\n${exit}`));
  const reader = new StreamMessageReader(input);
  const writer = new StreamMessageWriter(process.stdout);
  reader.onError((error) => {
    const why = error instanceof FramingError ? error.message : `cannot read a message: ${oneLine(error.message)}`;
    process.stderr.write(`fact-notes lsp: ${why}; exiting.\n`);
    process.exit(1);
  });
  startServer(createConnection(ProposedFeatures.all, reader, writer, { messageStrategy: initializeFirst(writer) }), { busy: heapForWork() });
  return new Promise(() => undefined);
}

/**
 * Before `initialize`, requests are answered with ServerNotInitialized and
 * notifications other than `exit` are dropped, as the LSP specification asks.
 */
function initializeFirst(writer: MessageWriter): MessageStrategy {
  let initializing = false;
  return {
    handleMessage(message, next) {
      if (Message.isRequest(message) && message.method === InitializeRequest.method) initializing = true;
      if (initializing || (Message.isNotification(message) && message.method === ExitNotification.method) || Message.isResponse(message)) {
        next(message);
      } else if (Message.isRequest(message)) {
        void writer.write({ jsonrpc: '2.0', id: message.id, error: { code: ErrorCodes.ServerNotInitialized, message: 'The server is not initialized yet.' } } as Message);
      }
    },
  };
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

if (require.main === module) {
  startServer(createConnection(ProposedFeatures.all), { busy: heapForWork() });
}
