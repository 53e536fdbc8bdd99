// Small shared helpers for the benchmark: seeded PRNG, statistics, hashing, argv parsing.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: a tiny seeded PRNG; returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PRNG with convenience methods. */
export function makeRandom(seed) {
  const next = mulberry32(seed);
  const r = {
    next,
    /** integer in [lo, hi] inclusive */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
    /** k distinct items of arr (k <= arr.length), in pick order */
    sample(arr, k) {
      const copy = arr.slice();
      const out = [];
      for (let i = 0; i < k && copy.length; i++) {
        const j = Math.floor(next() * copy.length);
        out.push(copy[j]);
        copy[j] = copy[copy.length - 1];
        copy.pop();
      }
      return out;
    },
  };
  return r;
}

export function median(xs) {
  return percentile(xs, 50);
}

/** Nearest-rank percentile of numeric samples; null for no samples. */
export function percentile(xs, p) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const rank = Math.ceil((p / 100) * v.length);
  return v[Math.min(v.length - 1, Math.max(0, rank - 1))];
}

/** sha256 over every file under dir (sorted relative paths + contents). */
export function hashTree(dir, skip = new Set()) {
  const h = createHash('sha256');
  const walk = (rel) => {
    const entries = readdirSync(join(dir, rel)).sort();
    for (const name of entries) {
      const r = rel ? `${rel}/${name}` : name;
      if (skip.has(r)) continue;
      const st = statSync(join(dir, r));
      if (st.isDirectory()) walk(r);
      else {
        h.update(r + '\0');
        h.update(readFileSync(join(dir, r)));
        h.update('\0');
      }
    }
  };
  walk('');
  return h.digest('hex');
}

/** Minimal `--key value` / `--flag` parser. */
export function parseArgs(argv, spec) {
  const out = {};
  for (const [k, d] of Object.entries(spec)) out[k] = d.default;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument: ${a}`);
    let [key, val] = a.slice(2).split(/=(.*)/s, 2);
    const name = key.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    const d = spec[name];
    if (!d) throw new Error(`unknown option --${key} (known: ${Object.keys(spec).map((k) => '--' + k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())).join(' ')})`);
    if (d.type === 'boolean') {
      out[name] = val === undefined ? true : val !== 'false';
      continue;
    }
    if (val === undefined) {
      val = argv[++i];
      if (val === undefined) throw new Error(`--${key} needs a value`);
    }
    out[name] = d.type === 'number' ? Number(val) : val;
    if (d.type === 'number' && !Number.isFinite(out[name])) throw new Error(`--${key}: not a number: ${val}`);
  }
  return out;
}

/** parseArgs, printing the problem and exiting with status 2 on a usage error. */
export function parseArgsOrExit(argv, spec) {
  try {
    return parseArgs(argv, spec);
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
}

export const round = (x, digits = 1) => (x == null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
