/** Sheets for the tests that compare two parsers: the samples, a generated sheet, and random edits of them. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TempWorkspace } from './workspace';

const repo = path.resolve(__dirname, '../../..');

/** The two sample sheets and the first sheet the benchmark generates at 1/100 scale. */
export function baseSheets(): { name: string; text: string }[] {
  const bases = ['reykjavik.facts.yaml', 'broken.facts.yaml'].map((name) => ({ name, text: fs.readFileSync(path.join(repo, 'samples', name), 'utf8') }));
  const ws = new TempWorkspace('fact-notes-sheets-');
  try {
    execFileSync(process.execPath, [path.join(repo, 'bench/generate.mjs'), '--out', ws.root, '--scale', '0.01'], { stdio: 'pipe' });
    bases.push({ name: 'generated s000', text: ws.read('sheets/s000.facts.yaml') });
  } finally {
    ws.dispose();
  }
  return bases;
}

/** A small deterministic generator, so every run tries the same edits. */
export function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/** `text` after one to three random edits: a few characters deleted, or one of `pieces` inserted. */
export function randomlyEdited(text: string, pieces: readonly string[], next: () => number): string {
  for (let e = 1 + Math.floor(next() * 3); e > 0; e--) {
    const at = Math.floor(next() * text.length);
    text = next() < 0.4 ? text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3)) : text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at);
  }
  return text;
}
