// Writes out/vsix-readme.md, the EXTENSION.md that `npm run package` packs
// as the extension's page, with each picture inlined as a data: URL.
//
// VS Code's Extensions view shows an installed .vsix's page in a webview
// whose Content-Security-Policy allows only https: and data: pictures, and
// it does not resolve a relative path against the extension's folder
// (seen in code-server 4.100.3: `docs/hover.png` became a path of the
// webview's own and was blocked). A relative picture would show only on a
// gallery page that rewrites it to its repository (vsce's
// --baseImagesUrl), so the page carries its pictures itself.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = readFileSync(join(root, 'EXTENSION.md'), 'utf8');
let pictures = 0;
const inlined = source.replace(/!\[([^\]]*)\]\(([^)\s]+\.png)\)/g, (whole, alt, file) => {
  if (/^[a-z]+:/i.test(file)) return whole;
  pictures++;
  return `![${alt}](data:image/png;base64,${readFileSync(join(root, file)).toString('base64')})`;
});
mkdirSync(join(root, 'out'), { recursive: true });
writeFileSync(join(root, 'out', 'vsix-readme.md'), inlined);
console.log(`Wrote out/vsix-readme.md (EXTENSION.md with ${pictures} pictures inlined)`);
