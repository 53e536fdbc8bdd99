/**
 * Writing values back into a sheet: a plain value that needs no quoting is
 * written as it is, exactly as the `yaml` package would write it.
 */
import * as assert from 'node:assert/strict';
import { parse, stringify } from 'yaml';
import { renderScalar } from '../helpers/core';

describe('renderScalar', () => {
  it('writes plain values as the yaml package does, quoting those YAML would read as something else', () => {
    const samples = ['a0012.txt', 'articles/a0012.txt', 'x', 'y', 'no', 'on', 'Yes', 'null', 'Null', 'true', 'FALSE', '12', '012', '1.5', '1e3', '0x1F', '0o17', '.5', '_x', 'a-b c', 'a b', 'v1.2', 'a//b', 'a.', 'a_', '2021-05-19', '12:30', 'a: b', '#x', 'x #y', '- x', 'ok', '~', ' x', 'x '];
    const alphabet = ['a', 'Z', '0', '9', '.', '_', '/', '-', ' ', 'e', 'x', 'n', 'o'];
    let seed = 5;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 3000; i++) {
      let v = '';
      for (let n = 1 + Math.floor(next() * 8); n > 0; n--) v += alphabet[Math.floor(next() * alphabet.length)];
      samples.push(v);
    }
    for (const value of samples) {
      const written = renderScalar(value, { style: 'plain', inFlow: false });
      const yaml = stringify(value, { lineWidth: 0, minContentWidth: 0 }).replace(/\n$/, '');
      assert.equal(written, yaml.includes('\n') ? JSON.stringify(value) : yaml, JSON.stringify(value));
      assert.equal(parse(`k: ${written}`).k, value, `${JSON.stringify(value)} reads back`);
    }
  });
});
