// Makes samples/pages/statement.pdf: the text of sample article 004 laid out
// as a printed two-page document (a title line, paragraphs wrapped at a fixed
// width, a gap between paragraphs, "Page N of 2" at the foot of each page),
// for the tests of `fact-notes snapshot` on PDFs. Deterministic: the dates,
// producer and creator are fixed, so re-running it gives the same bytes.
//
//   npm run sample-pdf
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'samples', 'articles', '004_03f832fef03921f4.txt');
const out = path.join(root, 'samples', 'pages', 'statement.pdf');

// The article: its first line is the title, each further line a paragraph.
const [title, ...paragraphs] = fs.readFileSync(source, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);

const FIXED_DATE = new Date('2021-05-20T00:00:00Z');
const PAGE = { width: 595.28, height: 841.89 }; // A4
const MARGIN = { left: 72, right: 72, top: 56, bottom: 56 };
const SIZE = 11.5; // points
const LEADING = 15;
const TITLE_SIZE = 13;
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 451 pt: at most about 90 characters a line

const doc = await PDFDocument.create({ updateMetadata: false });
doc.setTitle(title);
doc.setProducer('fact-notes scripts/make-sample-pdf.mjs');
doc.setCreator('fact-notes scripts/make-sample-pdf.mjs (pdf-lib)');
doc.setCreationDate(FIXED_DATE);
doc.setModificationDate(FIXED_DATE);
const font = await doc.embedFont(StandardFonts.Helvetica);
const bold = await doc.embedFont(StandardFonts.HelveticaBold);

/** Breaks a paragraph into lines no wider than `width`, at spaces. */
function wrap(text, f, size, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && f.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

// Lay out whole paragraphs page by page: a paragraph that does not fit goes to
// the next page. Each block is { lines, font, size, lead }, lead its line height.
const blocks = [
  { lines: wrap(title, bold, TITLE_SIZE, WIDTH), font: bold, size: TITLE_SIZE, lead: 18 },
  ...paragraphs.map((p) => ({ lines: wrap(p, font, SIZE, WIDTH), font, size: SIZE, lead: LEADING })),
];
const usable = PAGE.height - MARGIN.top - MARGIN.bottom;
const pages = [[]];
let used = 0;
for (const b of blocks) {
  const h = b.lines.length * b.lead;
  if (used > 0 && used + h > usable) {
    pages.push([]);
    used = 0;
  }
  pages.at(-1).push(b);
  used += h + LEADING; // a blank line between paragraphs
}
// Keep it to two pages, page 2 with at least 3 paragraphs: move paragraphs
// down from page 1 while page 2 has fewer.
if (pages.length !== 2) throw new Error(`expected 2 pages, laid out ${pages.length}`);
while (pages[1].length < 3) pages[1].unshift(pages[0].pop());

pages.forEach((blocksOfPage, i) => {
  const page = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN.top;
  for (const b of blocksOfPage) {
    for (const line of b.lines) {
      y -= b.lead;
      page.drawText(line, { x: MARGIN.left, y, size: b.size, font: b.font, color: rgb(0, 0, 0) });
    }
    y -= LEADING;
  }
  const footer = `Page ${i + 1} of ${pages.length}`;
  page.drawText(footer, { x: (PAGE.width - font.widthOfTextAtSize(footer, 9)) / 2, y: MARGIN.bottom / 2, size: 9, font, color: rgb(0.3, 0.3, 0.3) });
});

fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, await doc.save({ useObjectStreams: false }));
console.log(`${path.relative(root, out)}: ${pages.length} pages, ${pages.map((p) => p.length).join(' + ')} blocks`);
