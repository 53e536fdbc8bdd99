/**
 * Temporary workspaces: real files written into a fresh folder under the
 * system's temporary directory, removed after the test.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export class TempWorkspace {
  /** Real absolute path of the workspace folder (symlinks such as macOS's /tmp resolved). */
  readonly root: string;

  constructor(prefix = 'fact-notes-test-') {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  }

  /** Absolute path of a workspace-relative path. */
  path(...parts: string[]): string {
    return path.join(this.root, ...parts);
  }

  /** Writes a file (text as UTF-8, or raw bytes), creating its folders. Returns its absolute path. */
  write(relative: string, content: string | Uint8Array): string {
    const full = this.path(relative);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
    return full;
  }

  /** Writes several files at once. */
  files(files: Record<string, string | Uint8Array>): this {
    for (const [name, content] of Object.entries(files)) this.write(name, content);
    return this;
  }

  mkdir(relative: string): string {
    const full = this.path(relative);
    fs.mkdirSync(full, { recursive: true });
    return full;
  }

  /** A symbolic link at `relative` pointing at `target` (absolute, or relative to the link). */
  symlink(target: string, relative: string): string {
    const full = this.path(relative);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.symlinkSync(target, full);
    return full;
  }

  read(relative: string): string {
    return fs.readFileSync(this.path(relative), 'utf8');
  }

  readBytes(relative: string): Buffer {
    return fs.readFileSync(this.path(relative));
  }

  /** Names in a workspace folder, sorted. */
  list(relative = '.'): string[] {
    return fs.readdirSync(this.path(relative)).sort();
  }

  /** Copies a folder (recursively) into the workspace. */
  copyFrom(source: string, relative = '.'): string {
    const dest = this.path(relative);
    fs.cpSync(source, dest, { recursive: true });
    return dest;
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * A fresh workspace for each test of the enclosing `describe`, disposed
 * after it. Call inside `describe`; read `.current` inside tests.
 */
export function useTempWorkspace(prefix?: string): { readonly current: TempWorkspace } {
  const holder: { current: TempWorkspace } = { current: undefined as unknown as TempWorkspace };
  beforeEach(() => {
    holder.current = new TempWorkspace(prefix);
  });
  afterEach(() => {
    holder.current?.dispose();
  });
  return holder;
}
