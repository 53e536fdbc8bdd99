/**
 * Repairs that never lie (FORMAT.md 4.1 and 4.2), through the real command
 * line on real files: a changed number, negation or name is an error that
 * `fix` leaves alone; a re-anchor or a rename is applied only with evidence.
 */
import * as assert from 'node:assert/strict';
import { runCli } from '../helpers/cli';
import { joinLines } from '../helpers/text';
import { git, hasGit } from '../helpers/git';
import { useTempWorkspace, type TempWorkspace } from '../helpers/workspace';

/** Paragraphs (one a line, blank lines between), as the sample articles are written. */
const PARAGRAPHS = [
  'The meeting of the two ministers took place in Reykjavik on Wednesday evening.',
  'The talks lasted about two hours, longer than either side had planned for.',
  'Lavrov said the talks were constructive and that both sides understood the need to improve relations.',
  'Blinken raised the health of the imprisoned opposition figure Alexei Navalny.',
  'The Russian side did not comment on whether a summit had been agreed.',
  'Both ministers met on the sidelines of the Arctic Council ministerial meeting in Iceland.',
  'Washington imposed new sanctions on Moscow last month over the poisoning.',
];

function article(paragraphs: readonly string[]): string {
  return paragraphs.join('\n\n') + '\n';
}

/** The line of paragraph `i` (0-based) in {@link article}'s layout. */
function lineOf(i: number): number {
  return 2 * i + 1;
}

interface Cite {
  readonly file?: string;
  readonly line: number | string;
  readonly quote?: string;
}

function sheet(...cites: Cite[]): string {
  const out = ['sources: articles', 'facts:'];
  cites.forEach((c, i) => {
    out.push(`  - claim: Claim ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i]}.`, '    cite:');
    if (c.quote === undefined) out.push(`      - ${c.file ?? 'a.txt'}:${c.line}`);
    else out.push(`      - file: ${c.file ?? 'a.txt'}`, `        line: ${c.line}`, `        quote: ${JSON.stringify(c.quote)}`);
  });
  return joinLines(...out);
}

/** A citation of paragraph `i` quoting `words` of it. */
function cite(i: number, words: string, file = 'a.txt'): Cite {
  assert.ok(PARAGRAPHS[i].includes(words), `paragraph ${i} has no ${JSON.stringify(words)}`);
  return { file, line: lineOf(i), quote: words };
}

async function check(ws: TempWorkspace, ...paths: string[]) {
  const r = await runCli(['check', '--format', 'json', '--root', ws.root, ...paths], ws.root);
  return { status: r.status, report: JSON.parse(r.stdout) as { diagnostics: { file: string; code: string; severity: string; message: string; fixes: { title: string; preferred: boolean }[]; related?: { file: string; range: unknown; message: string }[] }[] } };
}


describe('repairs that never lie (command line)', () => {
  const ws = useTempWorkspace();

  describe('substantive differences (4.1)', () => {
    const cases: [string, string, string, string][] = [
      ['a number', 'The talks lasted about two hours', 'about two hours', 'about 12 hours'],
      ['a negation', 'The Russian side did not comment on whether a summit had been agreed', 'did not comment', 'did comment'],
      ['a name', 'the Arctic Council ministerial meeting in Iceland', 'in Iceland', 'in Norway'],
      ['a replaced word', 'Washington imposed new sanctions on Moscow', 'imposed', 'lifted'],
    ];
    for (const [what, quote, from, to] of cases) {
      it(`reports ${what} changed in the source as quote-altered, and fix leaves the citation alone and exits 1`, async () => {
        const i = PARAGRAPHS.findIndex((p) => p.includes(quote));
        ws.current.write('articles/a.txt', article(PARAGRAPHS.map((p, k) => (k === i ? p.replace(from, to) : p))));
        const text = sheet(cite(i, quote));
        ws.current.write('notes.facts.yaml', text);
        const { status, report } = await check(ws.current);
        assert.equal(status, 1);
        assert.deepEqual(
          report.diagnostics.map((d) => [d.code, d.severity, d.fixes.map((f) => [f.title, f.preferred])]),
          [['quote-altered', 'error', [["Replace quote with the source's text", false]]]],
        );
        assert.match(report.diagnostics[0].message, new RegExp(`^Check the claim against line ${lineOf(i)} of "a.txt": the source says "[^"]*${to.split(' ').pop()}[^"]*" where the quote says "[^"]*${from.split(' ').pop()}[^"]*"\\.$`));
        const fixed = await runCli(['fix', '--root', ws.current.root], ws.current.root);
        assert.equal(fixed.status, 1);
        assert.match(fixed.stdout, /^Nothing to fix without asking\./);
        assert.equal(ws.current.read('notes.facts.yaml'), text);
      });
    }

    it('repairs a spelling-level difference on the cited line with the preferred fix', async () => {
      ws.current.write('articles/a.txt', article(PARAGRAPHS.map((p, k) => (k === 2 ? p.replace('constructive', 'constructve') : p))));
      ws.current.write('notes.facts.yaml', sheet(cite(2, 'the talks were constructive and that both sides')));
      const { report } = await check(ws.current);
      assert.deepEqual(
        report.diagnostics.map((d) => [d.code, d.severity, d.fixes.map((f) => f.preferred)]),
        [['quote-mismatch', 'warning', [true]]],
      );
      const fixed = await runCli(['fix', '--root', ws.current.root], ws.current.root);
      assert.equal(fixed.status, 0);
      assert.match(ws.current.read('notes.facts.yaml'), /quote: "the talks were constructve and that both sides"\n/);
    });
  });

  describe('evidence for a re-anchor (4.2)', () => {
    /** Two paragraphs inserted at the top (every line moves down by 4) and paragraph 2 copy-edited in spelling. */
    function driftedAndEdited(): void {
      const edited = PARAGRAPHS.map((p, k) => (k === 2 ? p.replace('constructive', 'constructve') : p));
      ws.current.write('articles/a.txt', article(['A new first paragraph.', 'A new second paragraph.', ...edited]));
    }
    const edited = cite(2, 'Lavrov said the talks were constructive and that both sides');

    it('prefers the re-anchor where the other citations of the source, found moved, put the cited line', async () => {
      driftedAndEdited();
      ws.current.write('notes.facts.yaml', sheet(cite(1, 'The talks lasted about two hours'), edited, cite(4, 'did not comment on whether a summit')));
      const { report } = await check(ws.current);
      const reanchor = report.diagnostics.find((d) => d.code === 'quote-not-found')!;
      assert.deepEqual(
        reanchor.fixes.map((f) => [f.title, f.preferred]),
        [['Re-anchor to line 9', true]],
      );
      assert.match(reanchor.message, /^Re-anchor to line 9: the cited passage moved there, with changes in spelling only\./);
      assert.deepEqual(
        reanchor.related?.map((r) => [r.file, r.range, r.message]),
        [['articles/a.txt', { start: { line: 8, character: 0 }, end: { line: 8, character: 58 } }, 'A similar passage.']],
      );
      const fixed = await runCli(['fix', '--root', ws.current.root], ws.current.root);
      assert.equal(fixed.status, 0, fixed.stdout);
      assert.match(ws.current.read('notes.facts.yaml'), /line: 9\n {8}quote: "Lavrov said the talks were constructve and that both sides"\n/);
    });

    it('takes the evidence from every sheet checked together', async () => {
      driftedAndEdited();
      ws.current.write('a.facts.yaml', sheet(cite(1, 'The talks lasted about two hours'), cite(4, 'did not comment on whether a summit')));
      ws.current.write('b.facts.yaml', sheet(edited));
      const alone = await check(ws.current, 'b.facts.yaml');
      assert.deepEqual(
        alone.report.diagnostics.map((d) => [d.code, d.fixes.map((f) => f.preferred)]),
        [['quote-not-found', [false]]],
      );
      assert.match(alone.report.diagnostics[0].message, /^A similar passage is on line 9, but nothing shows it is the one that was cited\./);
      const together = await check(ws.current);
      assert.deepEqual(
        together.report.diagnostics.filter((d) => d.file === 'b.facts.yaml').map((d) => [d.code, d.fixes.map((f) => f.preferred)]),
        [['quote-not-found', [true]]],
      );
    });

    it('does not prefer a similar passage that lies elsewhere than where the cited lines went', async () => {
      // Paragraph 2 deleted; a copy with one letter changed is left three paragraphs further on.
      const lookalike = PARAGRAPHS[2].replace('constructive', 'constructve');
      ws.current.write('articles/a.txt', article([PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[3], PARAGRAPHS[4], PARAGRAPHS[5], lookalike, PARAGRAPHS[6]]));
      const text = sheet(cite(1, 'The talks lasted about two hours'), edited, cite(3, 'Blinken raised the health'), cite(6, 'Washington imposed new sanctions'));
      ws.current.write('notes.facts.yaml', text);
      const { report } = await check(ws.current);
      const lost = report.diagnostics.find((d) => d.code === 'quote-not-found')!;
      assert.deepEqual(
        lost.fixes.map((f) => [f.title, f.preferred]),
        [['Re-anchor to line 11', false]],
      );
      await runCli(['fix', '--root', ws.current.root], ws.current.root);
      assert.match(ws.current.read('notes.facts.yaml'), /line: 5\n {8}quote: "Lavrov said the talks were constructive and that both sides"\n/);
    });

    it('takes the evidence from git: the cited line became the candidate in the diff from HEAD', async function () {
      if (!hasGit()) this.skip();
      ws.current.write('articles/a.txt', article(PARAGRAPHS));
      const articles = ws.current.path('articles');
      git(articles, 'init', '-q');
      git(articles, 'add', 'a.txt');
      git(articles, 'commit', '-qm', 'as cited');
      driftedAndEdited();
      ws.current.write('notes.facts.yaml', sheet(edited));
      const { report } = await check(ws.current);
      assert.deepEqual(
        report.diagnostics.map((d) => [d.code, d.fixes.map((f) => [f.title, f.preferred])]),
        [['quote-not-found', [['Re-anchor to line 9', true]]]],
      );
    });

    it('searches past the end of the file for a copy-edited quote, and repairs it with evidence', async () => {
      // The first four paragraphs removed: line 13 is past the end; the edited paragraph 6 is on line 5.
      const rest = PARAGRAPHS.slice(4).map((p) => p.replace('ministerial', 'ministeral'));
      ws.current.write('articles/a.txt', article(rest));
      ws.current.write('notes.facts.yaml', sheet(cite(4, 'did not comment on whether a summit'), cite(5, 'on the sidelines of the Arctic Council ministerial meeting')));
      const { report } = await check(ws.current);
      assert.deepEqual(
        report.diagnostics.map((d) => [d.code, d.fixes.map((f) => [f.title, f.preferred])]),
        [
          ['line-out-of-range', [['Change line to 1', true]]],
          ['line-out-of-range', [['Re-anchor to line 3', true]]],
        ],
      );
      await runCli(['fix', '--root', ws.current.root], ws.current.root);
      assert.match(ws.current.read('notes.facts.yaml'), /line: 3\n {8}quote: "on the sidelines of the Arctic Council ministeral meeting"\n/);
    });

    it('re-anchors an elided quote whose paragraph was re-wrapped over more lines than it cites', async () => {
      const wrapped = ['Lavrov said the talks were', 'constructive and that both sides', 'understood the need to improve relations.'];
      ws.current.write('articles/a.txt', article([PARAGRAPHS[0], PARAGRAPHS[1], wrapped.join('\n'), ...PARAGRAPHS.slice(3)]));
      ws.current.write('notes.facts.yaml', sheet({ line: 5, quote: 'Lavrov said ... the need to improve relations.' }));
      const { report } = await check(ws.current);
      assert.deepEqual(
        report.diagnostics.map((d) => [d.code, d.fixes.map((f) => [f.title, f.preferred])]),
        [['quote-moved', [['Change line to 5-7', true]]]],
      );
    });
  });

  describe('renames found by content (4.2)', () => {
    it('prefers the file that holds the quote, whatever its name, for quoted and compact citations', async () => {
      ws.current.write('articles/004_reuters-tass.txt', article(PARAGRAPHS));
      const text = sheet(cite(1, 'The talks lasted about two hours', '004_03f832fef03921f4.txt'), { file: '004_03f832fef03921f4.txt', line: 3 });
      ws.current.write('notes.facts.yaml', text);
      const { report } = await check(ws.current);
      assert.deepEqual(
        report.diagnostics.map((d) => [d.code, d.fixes.map((f) => [f.title, f.preferred])]),
        [
          ['source-not-found', [['Change to "004_reuters-tass.txt"', true]]],
          ['source-not-found', [['Change to "004_reuters-tass.txt"', true]]],
        ],
      );
      assert.equal(report.diagnostics[0].message, 'Change to "004_reuters-tass.txt": it holds the quote. There is no file "004_03f832fef03921f4.txt" in "articles".');
      assert.equal(report.diagnostics[0].related?.[0].file, 'articles/004_reuters-tass.txt');
      const fixed = await runCli(['fix', '--root', ws.current.root], ws.current.root);
      assert.equal(fixed.status, 0, fixed.stdout);
      assert.equal(ws.current.read('notes.facts.yaml'), text.replaceAll('004_03f832fef03921f4.txt', '004_reuters-tass.txt'));
    });

    it('prefers the file that holds the quote over a decoy whose name is closer', async () => {
      ws.current.write('articles/report-renamed.txt', article(PARAGRAPHS));
      ws.current.write('articles/report-1.txt', article(['Another article altogether.', 'About something else.']));
      ws.current.write('notes.facts.yaml', sheet(cite(1, 'The talks lasted about two hours', 'report-l.txt')));
      const { report } = await check(ws.current);
      assert.deepEqual(
        report.diagnostics.map((d) => d.fixes.map((f) => [f.title, f.preferred])),
        [
          [
            ['Change to "report-renamed.txt"', true],
            ['Change to "report-1.txt"', false],
          ],
        ],
      );
    });

    it('prefers nothing when two files hold the quote, or only a name is close', async () => {
      ws.current.write('articles/copy-one.txt', article(PARAGRAPHS));
      ws.current.write('articles/copy-two.txt', article(PARAGRAPHS));
      ws.current.write('articles/report-1.txt', article(['Something else.']));
      ws.current.write('notes.facts.yaml', sheet(cite(1, 'The talks lasted about two hours', 'gone.txt'), { file: 'report-l.txt', line: 1, quote: 'Not in any file at all.' }));
      const { report } = await check(ws.current);
      assert.deepEqual(
        report.diagnostics.map((d) => d.fixes.map((f) => [f.title, f.preferred])),
        [
          [
            ['Change to "copy-one.txt"', false],
            ['Change to "copy-two.txt"', false],
          ],
          [['Change to "report-1.txt"', false]],
        ],
      );
      assert.equal(report.diagnostics[0].message, '"copy-one.txt" and "copy-two.txt" both hold the quote, so which one is meant cannot be told. There is no file "gone.txt" in "articles".');
    });

    it('takes no note or draft that quotes the article for the article', async () => {
      ws.current.write('drafts/story.md', `My draft. ${PARAGRAPHS[1]}\n`);
      ws.current.mkdir('articles');
      ws.current.write('notes.facts.yaml', sheet(cite(1, 'The talks lasted about two hours')));
      const { report } = await check(ws.current);
      assert.deepEqual(
        report.diagnostics.map((d) => [d.code, d.fixes.length]),
        [['source-not-found', 0]],
      );
      ws.current.write('archive/a.txt', article(PARAGRAPHS));
      const moved = await check(ws.current);
      assert.deepEqual(
        moved.report.diagnostics.map((d) => d.fixes.map((f) => [f.title, f.preferred])),
        [[['Change to "../archive/a.txt"', true]]],
      );
    });

    it('in a folder of more than 1,000 files, reads no file for a missing one: it suggests the nearest names and prefers nothing', async () => {
      for (let i = 0; i < 1001; i++) ws.current.write(`articles/other-${i}.txt`, `Article ${i}.\n`);
      ws.current.write('articles/report-1.txt', article(PARAGRAPHS));
      ws.current.write('notes.facts.yaml', sheet(cite(1, 'The talks lasted about two hours', 'report-l.txt')));
      const { report } = await check(ws.current);
      assert.deepEqual(
        report.diagnostics.map((d) => [d.message, d.fixes.map((f) => [f.title, f.preferred])]),
        [
          ['Did you mean "report-1.txt"? There is no file "report-l.txt" in "articles".', [['Change to "report-1.txt"', false]]],
        ],
      );
    });

    it('finds a file moved to another folder of the root', async () => {
      ws.current.write('archive/2021/a.txt', article(PARAGRAPHS));
      ws.current.mkdir('articles');
      ws.current.write('notes.facts.yaml', sheet(cite(1, 'The talks lasted about two hours')));
      const { report } = await check(ws.current);
      assert.deepEqual(
        report.diagnostics.map((d) => d.fixes.map((f) => [f.title, f.preferred])),
        [[['Change to "../archive/2021/a.txt"', true]]],
      );
    });
  });
});
