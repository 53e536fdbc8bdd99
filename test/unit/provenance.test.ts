/**
 * Issue 14 (first part): reading a folder's sources.yaml (FORMAT.md
 * section 8). A malformed file gives problems with their lines and never
 * throws.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_OPTIONS, PROVENANCE_KEYS, REPO_ROOT, SourceStore, nodeFileSystem, readProvenance } from '../helpers/core';
import { joinLines } from '../helpers/text';
import { useTempWorkspace } from '../helpers/workspace';

describe('Provenance: sources.yaml (issue 14)', () => {
  it('reads every key of an entry, all but file optional', () => {
    const text = joinLines(
      '# Where the articles came from.',
      '- file: 004_03f832fef03921f4.txt',
      '  title: Blinken and Lavrov meet in Reykjavik',
      '  outlet: Reuters',
      '  author: Jane Doe',
      '  published: 2021-05-20',
      '  retrieved: 2021-05-21T08:00:00Z',
      '  url: https://example.org/a',
      '  sha256: 0123abcd',
      '- file: 002.txt',
      '',
    );
    const { entries, problems } = readProvenance(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.get('004_03f832fef03921f4.txt'), {
      file: '004_03f832fef03921f4.txt',
      title: 'Blinken and Lavrov meet in Reykjavik',
      outlet: 'Reuters',
      author: 'Jane Doe',
      published: '2021-05-20',
      retrieved: '2021-05-21T08:00:00Z',
      url: 'https://example.org/a',
      sha256: '0123abcd',
    });
    assert.deepEqual(entries.get('002.txt'), { file: '002.txt' });
  });

  it('says what is wrong, with the line, and reads the rest', () => {
    const text = joinLines('- file: a.txt', '  titel: A', '- title: No file', '- file: a.txt', '- file: b.txt', '  outlet: [x, y]', '- just text', '');
    const { entries, problems } = readProvenance(text);
    assert.deepEqual([...entries.keys()], ['a.txt', 'b.txt']);
    assert.deepEqual(problems.map((p) => [p.line, p.message.split(':')[0]]), [
      [2, 'Remove "titel" or rename it'],
      [3, 'Add the "file" this entry is about.'],
      [4, 'Keep one entry for "a.txt"'],
      [6, 'Give "outlet" a single value.'],
      [7, 'Write each entry as keys and values, starting with "file'],
    ]);
  });

  it('never throws on broken YAML, a mapping, or nothing', () => {
    assert.deepEqual(readProvenance('').problems, []);
    assert.equal(readProvenance('file: a.txt\n').problems[0].message, 'Write sources.yaml as a list of entries, each starting with "- file:".');
    const broken = readProvenance('- file: "a.txt\n');
    assert.ok(broken.problems.length > 0, 'a problem for the unclosed quotation mark');
    assert.match(broken.problems[0].message, /not valid YAML/);
  });

  it('has a JSON Schema with the same keys, only file required', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'sources.schema.json'), 'utf8')) as { items: { required: string[]; properties: Record<string, unknown> } };
    assert.deepEqual(Object.keys(schema.items.properties), [...PROVENANCE_KEYS]);
    assert.deepEqual(schema.items.required, ['file']);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { yamlValidation: { fileMatch: string; url: string }[] } };
    assert.ok(pkg.contributes.yamlValidation.some((v) => v.fileMatch === 'sources.yaml' && v.url === './schemas/sources.schema.json'));
  });

  describe('through the store', () => {
    const ws = useTempWorkspace('fact-notes-provenance-');
    it('finds the entry of a source in its folder, and forgets it when a file changes', () => {
      ws.current.write('articles/a.txt', 'Text.\n');
      ws.current.write('articles/sources.yaml', joinLines('- file: a.txt', '  outlet: AP', ''));
      const store = new SourceStore(nodeFileSystem, ws.current.root, DEFAULT_OPTIONS.maxSourceBytes);
      assert.deepEqual(store.provenanceOf(ws.current.path('articles', 'a.txt')), { file: 'a.txt', outlet: 'AP' });
      assert.equal(store.provenanceOf(ws.current.path('a.txt')), undefined, 'no sources.yaml in the root folder');
      ws.current.write('articles/sources.yaml', joinLines('- file: a.txt', '  outlet: AFP', ''));
      store.invalidate(ws.current.path('articles', 'sources.yaml'));
      assert.deepEqual(store.provenanceOf(ws.current.path('articles', 'a.txt')), { file: 'a.txt', outlet: 'AFP' });
    });
  });
});
