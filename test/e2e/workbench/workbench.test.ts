/**
 * The workbench suite: a person using Fact Notes in VS Code (code-server,
 * driven through Debian's Chromium). One story, step by step, each step
 * polled with a timeout, screenshotted into test-results/screenshots/, and on
 * failure reported with what the screen showed and the extension host's log.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  activateTab, activeTabDirty, activeTabLabel, chooseMenuItem, clearStepScreenshots, clickDialogButton, clickText, codeLensTexts, docsScreenshot, findTextBox, focusEditor, hoverBoldTexts, hoverText,
  gotoLine, notificationTexts, openFileFromExplorer, waitForActiveEditor, renameInExplorer, openProblems, openWorkbench, problemRow, recordedHighlights, recordSymbolHighlights,
  runCommand, runCommandAnswering, showFixesInProblems, statusBarItem, statusBarText, step, toggleMaximizedPanel, waitForLanguage, waitForProblems, withMaximizedPanel, Workbench,
} from '../lib/browser';
import { checkJson, CliDiagnostic } from '../lib/cli';
import { CodeServer, startCodeServer } from '../lib/codeServer';
import { OUTLET, PARAGRAPHS, PUBLISHED, servePage, TITLE, type PageServer } from '../lib/newsPage';
import { cleanupTemp, copySamples, factNotesExtension, REPO_ROOT } from '../lib/paths';
import { waitFor } from '../lib/poll';

const SHEET = 'broken.facts.yaml';
const HOVER_QUOTE = 'In Reykjavik, on the sidelines of an Arctic Council meeting';
const F12_QUOTE = 'the release of US citizens Paul Whelan and Trevor Reed';
const FIX_MESSAGE = 'Change line to 3: the quote is there. Line 43 is past the end';
/** The status bar item of the active sheet's facts (client/src/factStatus.ts), by its element's id. */
const FACTS_ITEM = 'fact-notes.fact-notes.factNotes.facts';
/** The package.json's walkthrough and its steps. */
const WALKTHROUGH = 'Get started with Fact Notes';
const WALKTHROUGH_STEPS = ['Open or create a fact sheet', 'Cite the words of an article', 'Hover a citation', 'Fix a broken citation', 'Run the check in CI'];

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `"${needle}" not in the sheet`);
  return i + 1;
}

describe('workbench: using Fact Notes in VS Code like a person (code-server + Chromium)', function () {
  this.timeout(120_000);
  this.bail(true); // one story: later steps need the earlier ones

  let samples: string;
  let sheetPath: string;
  let original: string;
  let expected: CliDiagnostic[];
  let server: CodeServer | undefined;
  let news: PageServer | undefined;
  let wb: Workbench;

  before(async () => {
    clearStepScreenshots();
    samples = copySamples();
    sheetPath = path.join(samples, SHEET);
    original = fs.readFileSync(sheetPath, 'utf8');
    expected = checkJson(sheetPath, samples).diagnostics;
    server = await startCodeServer({ extensions: [factNotesExtension()] });
    news = await servePage();
  });

  after(async () => {
    await wb?.close();
    await server?.stop();
    await news?.close();
    cleanupTemp(samples && path.dirname(samples));
  });

  it('opens the samples folder', async () => {
    const started = Date.now();
    wb = await openWorkbench(server!, samples, { viewport: { width: 1400, height: 1000 } });
    await step(wb, 'samples folder open', async () => {
      for (const name of ['articles', SHEET, 'reykjavik.facts.yaml']) {
        await wb.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`).waitFor({ state: 'visible', timeout: 20_000 });
      }
    });
    console.log(`      (workbench ready in ${Date.now() - started} ms)`);
  });

  it(`opens ${SHEET} from the Explorer as a fact sheet`, async () => {
    await step(wb, `open ${SHEET}`, async () => {
      await openFileFromExplorer(wb.page, SHEET);
      // "Plain Text" shows for a moment before the extension's language applies.
      await waitForLanguage(wb.page, 'Fact Sheet');
    });
  });

  it('lists the expected diagnostics in the Problems panel', async () => {
    await step(wb, 'problems panel', async () => {
      await openProblems(wb.page);
      await toggleMaximizedPanel(wb.page); // so every row is rendered at once (the list is virtual)
      await wb.page.mouse.move(1, 1); // no row tooltip in the screenshot
      const rows = await waitForProblems(wb.page, (r) => r.filter((x) => x.isMarker).length === expected.length,
        `${expected.length} problems listed for ${SHEET}`);
      const markers = rows.filter((r) => r.isMarker);
      for (const d of expected) {
        const where = `[Ln ${d.range.start.line + 1}, Col ${d.range.start.character + 1}]`;
        const row = markers.find((r) => r.text.includes(d.message) && r.text.includes(where));
        assert.ok(row, `no Problems row for ${d.code} ${where}: ${d.message}\nrows:\n${markers.map((r) => r.text).join('\n')}`);
        assert.ok(row.text.includes(d.code), `the row of ${d.code} ${where} does not show the code`);
        assert.ok(row.ariaLabel.startsWith(d.severity === 'error' ? 'Error:' : 'Warning:'), `severity of ${d.code} ${where}: ${row.ariaLabel}`);
      }
      const file = rows.find((r) => r.isFile);
      assert.ok(file?.text.includes(SHEET), `no file row for ${SHEET}`);
    });
    await toggleMaximizedPanel(wb.page);
  });

  it('says in the status bar how many facts of the sheet are broken or verified; clicking it opens the Problems panel', async () => {
    await step(wb, 'status bar of a broken sheet', async () => {
      await activateTab(wb.page, SHEET);
      // samples/broken.facts.yaml: 21 facts, 12 of them with an error (`fact-notes report samples` counts the same).
      const item = await waitFor(async () => { const i = await statusBarItem(wb.page, FACTS_ITEM); return i?.text === '12 of 21 facts broken' && i; },
        { what: 'the status bar item "12 of 21 facts broken"' });
      assert.deepStrictEqual(item.icons, ['error']);
      if (await wb.page.locator('.part.panel').isVisible()) {
        await runCommand(wb.page, 'View: Toggle Panel Visibility');
        await wb.page.locator('.part.panel').waitFor({ state: 'hidden', timeout: 10_000 });
      }
      await wb.page.locator(`.part.statusbar [id="${FACTS_ITEM}"]`).click();
      await wb.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 15_000 });
      await wb.page.mouse.move(1, 1);
      await docsScreenshot(wb.page, 'status-bar');
    });
    await step(wb, 'status bar of a clean sheet', async () => {
      await openFileFromExplorer(wb.page, 'reykjavik.facts.yaml');
      await waitForLanguage(wb.page, 'Fact Sheet');
      // 38 facts: 37 verified, one whose claim check is silenced with a reason (as the report says).
      const item = await waitFor(async () => { const i = await statusBarItem(wb.page, FACTS_ITEM); return i?.text === '37 verified, 1 ignored' && i; },
        { what: 'the status bar item "37 verified, 1 ignored"' });
      assert.deepStrictEqual(item.icons, ['check']);
      // Only on sheets: not on an article.
      await openFileFromExplorer(wb.page, 'articles/000_f973f57cc2c34c65.txt');
      await waitFor(async () => (await statusBarItem(wb.page, FACTS_ITEM)) === undefined, { what: 'no status bar item on an article' });
    });
  });

  it('shows the quote when hovering a citation', async () => {
    await step(wb, 'hover a citation', async () => {
      await activateTab(wb.page, SHEET);
      const text = await hoverText(wb.page, HOVER_QUOTE.slice(0, 20), { line: lineOf(original, `quote: ${HOVER_QUOTE}`), expect: HOVER_QUOTE });
      assert.ok(text.includes('004_03f832fef03921f4.txt'), `hover:\n${text}`);
      assert.match(text, /line 2\b/, `hover:\n${text}`);
      const bold = await hoverBoldTexts(wb.page);
      assert.ok(bold.some((b) => b.includes(HOVER_QUOTE)), `the quote is not bold in the hover; bold parts: ${JSON.stringify(bold)}`);
    });
  });

  it('goes to definition (F12) and lands on the quoted words in the article', async () => {
    await step(wb, 'go to definition', async () => {
      await wb.page.keyboard.press('Escape');
      const line = lineOf(original, `quote: ${F12_QUOTE}`);
      await clickText(wb.page, F12_QUOTE.slice(0, 25), { line, offset: 30 });
      await recordSymbolHighlights(wb.page);
      await wb.page.keyboard.press('F12');
      await waitFor(async () => (await activeTabLabel(wb.page))?.startsWith('004_03f832fef03921f4.txt'), { what: 'the article to open' });
      // VS Code puts the cursor at the start of the target range: line 9, after 69 characters.
      const article = fs.readFileSync(path.join(samples, 'articles', '004_03f832fef03921f4.txt'), 'utf8').split(/\r?\n/);
      const col = article[8].indexOf(F12_QUOTE) + 1;
      await waitFor(async () => (await statusBarText(wb.page, 'selection'))?.startsWith(`Ln 9, Col ${col}`), { what: `the cursor at Ln 9, Col ${col}` });
      // ...and flashes a highlight over the whole range: it must cover exactly the quoted words.
      const box = await waitFor(() => findTextBox(wb.page, F12_QUOTE), { what: 'the quoted words on screen' });
      const highlights = await waitFor(async () => { const h = await recordedHighlights(wb.page); return h.length > 0 && h; }, { what: 'the definition highlight' });
      const match = highlights.find((h) => Math.abs(h.x - box.x) < 3 && Math.abs(h.width - box.width) < 4 && Math.abs(h.y - box.y) < box.height);
      assert.ok(match, `no highlight over the quote at ${JSON.stringify(box)}; highlights: ${JSON.stringify(highlights)}`);
    });
  });

  it('repairs a citation with a quick fix from the Problems panel; after saving, only that line changed on disk', async () => {
    await activateTab(wb.page, SHEET);
    const fixed = expected.find((d) => d.message.startsWith(FIX_MESSAGE));
    assert.ok(fixed, `no "${FIX_MESSAGE}" diagnostic expected`);
    const titles = await step(wb, 'quick fix menu in the problems panel', async () => {
      await openProblems(wb.page);
      const t = await showFixesInProblems(wb.page, FIX_MESSAGE);
      // The repairs, then "Ignore CODE here…" (no repair: not among check's fixes).
      assert.deepStrictEqual(t, [...fixed.fixes.map((f) => f.title), `Ignore ${fixed.code} here…`]);
      await docsScreenshot(wb.page, 'quick-fix');
      return t;
    });
    await step(wb, 'quick fix applied', async () => {
      await chooseMenuItem(wb.page, titles[0]);
      await wb.page.mouse.move(1, 1);
      await withMaximizedPanel(wb.page, async () => {
        const rows = await waitForProblems(wb.page, (r) => r.filter((x) => x.isMarker).length === expected.length - 1,
          `${expected.length - 1} problems left`);
        assert.ok(!rows.some((x) => x.text.includes(FIX_MESSAGE)), 'the fixed problem is still listed');
        assert.strictEqual(await problemRow(wb.page, FIX_MESSAGE).count(), 0);
      });
      assert.ok(await activeTabDirty(wb.page), 'the fix leaves the sheet with unsaved changes');
      assert.strictEqual(fs.readFileSync(sheetPath, 'utf8'), original, 'nothing is written before saving');
    });
    await step(wb, 'saved after the quick fix', async () => {
      await focusEditor(wb.page);
      await wb.page.keyboard.press('Control+S');
      await waitFor(async () => !(await activeTabDirty(wb.page)) && fs.readFileSync(sheetPath, 'utf8') !== original, { what: 'the sheet to be saved' });
      const before = original.split('\n');
      const after = fs.readFileSync(sheetPath, 'utf8').split('\n');
      assert.strictEqual(after.length, before.length);
      const changed = before.map((l, i) => (l === after[i] ? -1 : i)).filter((i) => i >= 0);
      assert.deepStrictEqual(changed, [fixed.range.start.line], 'lines changed on disk');
      assert.strictEqual(after[fixed.range.start.line], before[fixed.range.start.line].replace('line: 43', 'line: 3'));
      // Still listed after saving: every other problem.
      await withMaximizedPanel(wb.page, async () => {
        await waitForProblems(wb.page, (r) => r.filter((x) => x.isMarker).length === expected.length - 1, `${expected.length - 1} problems after saving`);
      });
    });
  });

  it('renames an article in the Explorer, says yes to updating the citations: the same problems, every sheet updated on disk', async () => {
    const OLD = '004_03f832fef03921f4.txt';
    const NEW = '004_reuters-tass.txt';
    const sheets = [sheetPath, path.join(samples, 'reykjavik.facts.yaml')];
    const before = sheets.map((p) => fs.readFileSync(p, 'utf8'));
    const message = await step(wb, 'rename an article in the explorer', async () => {
      await renameInExplorer(wb.page, `articles/${OLD}`, NEW);
      return clickDialogButton(wb.page, 'Yes');
    });
    assert.match(message, new RegExp(`Update the citations of "${OLD.replace('.', '\\.')}" in 2 fact sheets\\?`));
    await step(wb, 'citations updated after the rename', async () => {
      // Saved by VS Code after the refactoring (files.refactoring.autoSave).
      // Every citation names the new file; nothing else changed (a comment naming the old file stays as written).
      const updated = (p: string, i: number) => {
        const now = fs.readFileSync(p, 'utf8');
        return now !== before[i] && now.split(NEW).join(OLD) === before[i] && !/file: 004_03f832fef03921f4/.test(now);
      };
      await waitFor(() => sheets.every(updated), { what: 'both sheets updated on disk', timeout: 30_000 });
      assert.ok(fs.existsSync(path.join(samples, 'articles', NEW)) && !fs.existsSync(path.join(samples, 'articles', OLD)));
      await openProblems(wb.page);
      await withMaximizedPanel(wb.page, async () => {
        const rows = await waitForProblems(wb.page, (r) => r.filter((x) => x.isMarker).length === expected.length - 1 && r.some((x) => x.text.includes(NEW)),
          `${expected.length - 1} problems after the rename, naming the new file`);
        assert.ok(!rows.some((x) => x.isMarker && x.text.includes(`"${OLD}"`)), 'a problem still names the old file');
      });
    });
  });

  it('shows in the article which lines are cited, by how many facts (code lens)', async () => {
    await step(wb, 'code lens in an article', async () => {
      await openFileFromExplorer(wb.page, 'articles/004_reuters-tass.txt');
      // (Lenses scrolled out of view are in the page with no text yet.)
      const lenses = await waitFor(async () => { const t = (await codeLensTexts(wb.page)).filter((x) => x.trim() !== ''); return t.length > 0 && t; }, { what: 'code lenses in the article', timeout: 30_000 });
      assert.ok(lenses.every((t) => /^cited by \d+ facts?$/.test(t.trim())), `lenses: ${JSON.stringify(lenses)}`);
    });
  });

  it('copies words from the article and pastes them into a sheet as a citation (a new fact)', async () => {
    const reykjavik = path.join(samples, 'reykjavik.facts.yaml');
    const before = fs.readFileSync(reykjavik, 'utf8');
    const words = 'lasted one hour and 45 minutes';
    await step(wb, 'copy words in the article', async () => {
      await activateTab(wb.page, '004_reuters-tass.txt');
      // Select the words: from their start, as many characters as they have.
      const line6 = fs.readFileSync(path.join(samples, 'articles', '004_reuters-tass.txt'), 'utf8').split(/\r?\n/)[5];
      await focusEditor(wb.page);
      await gotoLine(wb.page, 6, line6.indexOf(words) + 1);
      for (let i = 0; i < words.length; i++) await wb.page.keyboard.press('Shift+ArrowRight');
      await wb.page.keyboard.press('Control+C');
    });
    await step(wb, 'paste as citation in a sheet', async () => {
      await openFileFromExplorer(wb.page, 'reykjavik.facts.yaml');
      await waitForLanguage(wb.page, 'Fact Sheet');
      await focusEditor(wb.page);
      await wb.page.keyboard.press('Control+End');
      await wb.page.keyboard.press('Control+V');
      // The bare text is pasted first; the paste control beside it offers the citation.
      const control = wb.page.locator('.post-edit-widget .monaco-button, .post-edit-widget').first();
      await control.waitFor({ state: 'visible', timeout: 15_000 });
      await control.click();
      const option = wb.page.locator('.action-widget .monaco-list-row, .context-view .monaco-list-row', { hasText: 'Paste as Citation in a New Fact' }).first();
      await option.waitFor({ state: 'visible', timeout: 15_000 });
      // The list opens on the bare text; the citation is the next option.
      await waitFor(async () => {
        if ((await option.getAttribute('class'))?.includes('focused')) return true;
        await wb.page.keyboard.press('ArrowDown');
        return false;
      }, { what: 'the citation option to be chosen' });
      await docsScreenshot(wb.page, 'paste-citation');
      await wb.page.keyboard.press('Enter');
      await wb.page.keyboard.press('Escape'); // leave the claim placeholder
      await wb.page.keyboard.press('Control+S');
      await waitFor(() => fs.readFileSync(reykjavik, 'utf8') !== before, { what: 'the sheet saved with the pasted citation' });
      const added = fs.readFileSync(reykjavik, 'utf8').slice(before.length);
      assert.equal(added, ['  - claim: Write the claim these words support.', '    cite:', '      - file: 004_reuters-tass.txt', '        line: 6', `        quote: ${words}`].join('\n'));
    });
  });

  it('cancels saving a page that does not finish loading: the fetch stops, nothing is written', async () => {
    const articles = path.join(samples, 'articles');
    const before = fs.readdirSync(articles).sort();
    await step(wb, 'cancel saving a source', async () => {
      await activateTab(wb.page, 'reykjavik.facts.yaml');
      await runCommandAnswering(wb.page, 'Fact Notes: Save Source from URL…', 'The address of the web page or PDF', news!.slow);
      const progress = wb.page.locator('.notifications-toasts .notification-toast', { hasText: `Saving source from ${new URL(news!.slow).host}…` }).first();
      await progress.waitFor({ state: 'visible', timeout: 15_000 });
      await waitFor(() => news!.slowRequests().started === 1, { what: 'the page to be requested' });
      await progress.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
      await progress.waitFor({ state: 'hidden', timeout: 10_000 });
      await waitFor(() => news!.slowRequests().closed === 1, { what: 'the fetch to stop (the connection closed)' });
      assert.deepStrictEqual(fs.readdirSync(articles).sort(), before, 'nothing may be written');
    });
  });

  it('saves a web page as a source from the Command Palette, and the hover of a citation of it shows its title, outlet and date', async () => {
    const articles = path.join(samples, 'articles');
    const before = new Set(fs.readdirSync(articles));
    const provenance = path.join(articles, 'sources.yaml');
    const provenanceBefore = fs.readFileSync(provenance, 'utf8');
    const saved = await step(wb, 'save source from url', async () => {
      // The active editor is reykjavik.facts.yaml: the page goes into its sources folder, articles/.
      await activateTab(wb.page, 'reykjavik.facts.yaml');
      await runCommandAnswering(wb.page, 'Fact Notes: Save Source from URL…', 'The address of the web page or PDF', news!.url);
      // samples/articles/ has a sources.yaml already: the entry is added to it.
      const added = await waitFor(() => {
        const now = fs.readdirSync(articles).filter((f) => !before.has(f)).sort();
        return now.length === 2 && fs.readFileSync(provenance, 'utf8') !== provenanceBefore && now;
      }, { what: 'the text and the original in articles/, and an entry in its sources.yaml' });
      const text = added.find((f) => f.endsWith('.txt'));
      assert.ok(text && added.includes(text.replace(/\.txt$/, '.orig.html')), `files added: ${added.join(', ')}`);
      const yaml = fs.readFileSync(provenance, 'utf8');
      assert.ok(yaml.startsWith(provenanceBefore) && yaml.includes(`- file: ${text}\n`), 'the entry appended, the rest as it was');
      await waitForActiveEditor(wb.page, text);
      const said = await waitFor(async () => (await notificationTexts(wb.page)).find((t) => t.includes(`Saved "${text}"`)), { what: 'the message saying what was saved' });
      assert.ok(said.includes(`(${3 + PARAGRAPHS.length} lines): ${TITLE} (${OUTLET}, ${PUBLISHED}).`), `message: ${said}`);
      // The cancelled save of the step before said nothing.
      assert.ok(!(await notificationTexts(wb.page)).some((t) => t.includes(news!.slow)), 'a message about the cancelled save');
      return text;
    });
    await step(wb, 'source hover', async () => {
      const sheet = path.join(samples, 'harbour.facts.yaml');
      const lines = [
        'title: Harbour fishing quotas',
        'sources: articles',
        '',
        'facts:',
        '  - id: young-cod-counted',
        '    claim: The autumn survey counted about 41 million young cod.',
        '    cite:',
        `      - file: ${saved}`,
        '        line: 6',
        '        quote: counted about 41 million young cod',
        '',
      ];
      fs.writeFileSync(sheet, lines.join('\n'));
      await openFileFromExplorer(wb.page, 'harbour.facts.yaml');
      await waitForLanguage(wb.page, 'Fact Sheet');
      // The sheet alone, with room for its hover (for the picture in the README).
      await runCommand(wb.page, 'View: Close Editors in Other Groups');
      await waitFor(async () => (await wb.page.locator('.editor-group-container').count()) === 1, { what: 'one editor group' });
      await runCommand(wb.page, 'View: Toggle Panel Visibility');
      await wb.page.locator('.part.panel').waitFor({ state: 'hidden', timeout: 10_000 });
      await runCommand(wb.page, 'Notifications: Clear All Notifications');
      await waitFor(async () => (await notificationTexts(wb.page)).length === 0, { what: 'no notification on screen' });
      const text = await hoverText(wb.page, saved.slice(0, 20), { line: 8, expect: TITLE });
      for (const part of [OUTLET, PUBLISHED, news!.url, 'counted about 41 million young cod']) assert.ok(text.includes(part), `no "${part}" in the hover:\n${text}`);
    });
  });

  it("shows Fact Notes among the installed extensions, with its icon and its page for users (the .vsix's README)", async () => {
    await step(wb, 'extension page', async () => {
      await runCommand(wb.page, 'Extensions: Show Enabled Extensions');
      const row = wb.page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Fact Notes' }).first();
      await row.waitFor({ state: 'visible', timeout: 20_000 });
      await row.click();
      const editor = wb.page.locator('.extension-editor');
      await editor.waitFor({ state: 'visible', timeout: 20_000 });
      await waitFor(async () => (await editor.locator('.header .name').first().innerText()).trim() === 'Fact Notes', { what: 'the page of Fact Notes' });
      // The icon (media/icon.png, 256 × 256), loaded from the installed extension.
      const icon = editor.locator('.header img.icon').first();
      await waitFor(() => icon.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 256), { what: "the extension's icon, loaded" });
      // The README is rendered in a webview (frames within frames): the user README, and every picture in it loaded.
      const readme = await waitFor(async () => {
        for (const frame of wb.page.frames()) {
          const heading = await frame.evaluate(() => document.querySelector('h1')?.textContent ?? null).catch(() => null);
          if (heading === 'Fact Notes for VS Code') return frame;
        }
        return undefined;
      }, { what: 'the heading of EXTENSION.md on the page' });
      assert.ok(!(await readme.evaluate(() => document.body.innerText)).includes('npm ci'), 'the developer README is shown');
      // Every picture of EXTENSION.md shown (the page carries them inlined: scripts/vsix-readme.mjs says why).
      const pictures = (fs.readFileSync(path.join(REPO_ROOT, 'EXTENSION.md'), 'utf8').match(/!\[[^\]]*\]\([^)]+\.png\)/g) ?? []).length;
      assert.ok(pictures >= 3, `EXTENSION.md has ${pictures} pictures`);
      await waitFor(() => readme.evaluate((n) => {
        const shown = Array.from(document.images).filter((i) => i.complete && i.naturalWidth > 0 && i.getAttribute('src')?.startsWith('data:image/png;'));
        return shown.length === n;
      }, pictures), { what: `the README's ${pictures} pictures, shown` });
      await wb.page.mouse.move(1, 1);
      await docsScreenshot(wb.page, 'extension-page');
    });
  });

  it(`opens the walkthrough "${WALKTHROUGH}" with its steps`, async () => {
    await step(wb, 'walkthrough', async () => {
      await wb.page.keyboard.press('F1');
      const widget = wb.page.locator('.quick-input-widget');
      const input = widget.locator('input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill('>Welcome: Open Walkthrough');
      const command = widget.locator('.monaco-list-row', { hasText: 'Open Walkthrough' }).first();
      await command.waitFor({ state: 'visible', timeout: 10_000 });
      await command.click();
      // The same widget then lists the walkthroughs.
      const ours = widget.locator('.monaco-list-row', { hasText: WALKTHROUGH }).first();
      await waitFor(async () => !(await input.inputValue()).startsWith('>') && (await ours.isVisible()), { what: `"${WALKTHROUGH}" among the walkthroughs` });
      await ours.click();
      const page = wb.page.locator('.gettingStartedContainer');
      await page.getByText(WALKTHROUGH, { exact: true }).first().waitFor({ state: 'visible', timeout: 20_000 });
      for (const title of WALKTHROUGH_STEPS) await page.getByText(title, { exact: true }).first().waitFor({ state: 'visible', timeout: 10_000 });
      // The first step is open, with its picture and its buttons.
      // docs/status-bar.png, from the installed extension (as srcset, at 1.5x).
      await waitFor(() => wb.page.locator('.getting-started-media img').evaluateAll((imgs: HTMLImageElement[]) =>
        imgs.some((i) => i.complete && i.naturalWidth > 0 && (i.getAttribute('srcset') ?? i.src).includes('status-bar.png'))),
        { what: "the first step's picture, loaded from the extension" });
      await page.getByRole('button', { name: 'New Fact Sheet' }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await wb.page.mouse.move(1, 1);
      await docsScreenshot(wb.page, 'walkthrough');
    });
  });
});
