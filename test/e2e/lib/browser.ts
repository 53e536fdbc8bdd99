/**
 * Drives the VS Code workbench served by code-server like a person would:
 * Debian's Chromium through playwright-core (never `npx playwright install`).
 *
 * Every wait polls for an observable state with a timeout. `step()` takes a
 * screenshot after each step and, when a step fails, prints what the screen
 * showed (visible text and a screenshot path) and the extension host's log.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { CodeServer } from './codeServer';
import { chromiumBin, REPO_ROOT, RESULTS_DIR, SCREENSHOTS_DIR } from './paths';
import { waitFor } from './poll';

// playwright-core is a devDependency of the project; required lazily so a
// missing install fails with a clear message.
function playwright(): typeof import('playwright-core') {
  return require('playwright-core') as typeof import('playwright-core');
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchBrowser(): Promise<Browser> {
  // playwright passes --headless and a fresh temporary --user-data-dir itself.
  return playwright().chromium.launch({
    executablePath: chromiumBin(),
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

export interface Workbench {
  readonly browser: Browser;
  readonly page: Page;
  readonly server: CodeServer;
  readonly folder: string;
  /** Messages from the page console, extension host console included. */
  readonly console: string[];
  /** Steps taken so far (numbers the step screenshots). */
  steps: number;
  close(): Promise<void>;
}

export interface OpenWorkbenchOptions {
  viewport?: { width: number; height: number };
  /** Print extension-host console lines matching this as they arrive. */
  echoConsole?: RegExp;
}

/** Opens the workbench on `folder` and waits until the Explorer shows it. */
export async function openWorkbench(server: CodeServer, folder: string, opts: OpenWorkbenchOptions = {}): Promise<Workbench> {
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const consoleLines: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    const text = m.text().replace(/%c/g, '').replace(/\s*color:\s*[a-z]*;?/g, '').trim();
    consoleLines.push(`[${m.type()}] ${text}`);
    if (opts.echoConsole?.test(text)) console.log(`    [page] ${text}`);
  });
  page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
  const wb: Workbench = {
    browser, page, server, folder, console: consoleLines, steps: 0,
    close: async () => { await browser.close().catch(() => undefined); },
  };
  try {
    await page.goto(server.folderUrl(folder), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // The Explorer lists the folder's entries once the workspace has loaded.
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  } catch (e) {
    await reportFailure(wb, 'open-workbench', e);
    await wb.close();
    throw e;
  }
  return wb;
}

// ------------------------------------------------------------------ steps ---

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

/** Saves a screenshot as test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${slug(name)}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * A picture for the documentation, docs/<name>.png (the README, the
 * extension's page, the walkthrough): written when missing, or when asked
 * with FACT_NOTES_UPDATE_DOCS=1, so that a test run does not change the
 * committed pictures by a pixel.
 */
export async function docsScreenshot(page: Page, name: string): Promise<void> {
  const file = path.join(REPO_ROOT, 'docs', `${name}.png`);
  if (process.env.FACT_NOTES_UPDATE_DOCS === '1' || !fs.existsSync(file)) await page.screenshot({ path: file });
}

/** Removes the numbered step screenshots of an earlier run. */
export function clearStepScreenshots(): void {
  if (!fs.existsSync(SCREENSHOTS_DIR)) return;
  for (const f of fs.readdirSync(SCREENSHOTS_DIR)) if (/^\d\d-.*\.png$/.test(f)) fs.rmSync(path.join(SCREENSHOTS_DIR, f));
}

/** Visible text of the workbench, as a person would read it. */
export async function screenText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText).catch((e: unknown) => `(page text unavailable: ${e})`);
}

/**
 * On failure: saves test-results/failures/<name>/{screen.png,screen.txt,exthost.log,console.log,code-server.log}
 * and prints the screen text and the extension host log.
 */
export async function reportFailure(wb: Workbench, name: string, error: unknown): Promise<void> {
  const dir = path.join(RESULTS_DIR, 'failures', slug(name));
  fs.mkdirSync(dir, { recursive: true });
  let shot = '(no screenshot)';
  try { await wb.page.screenshot({ path: path.join(dir, 'screen.png') }); shot = path.join(dir, 'screen.png'); } catch { /* page gone */ }
  const text = await screenText(wb.page);
  const exthost = wb.server.extensionHostLog();
  fs.writeFileSync(path.join(dir, 'screen.txt'), text);
  fs.writeFileSync(path.join(dir, 'exthost.log'), exthost);
  fs.writeFileSync(path.join(dir, 'console.log'), wb.console.join('\n'));
  fs.writeFileSync(path.join(dir, 'code-server.log'), wb.server.output());
  const cut = (s: string, n: number) => (s.length > n ? `…${s.slice(-n)}` : s);
  console.error([
    '',
    `======== step failed: ${name}`,
    `${error instanceof Error ? error.message : String(error)}`,
    `screenshot: ${shot}`,
    '-------- the screen showed:',
    cut(text, 6_000),
    '-------- extension host log:',
    cut(exthost, 12_000),
    `-------- (full reports in ${dir})`,
    '',
  ].join('\n'));
}

/**
 * Runs one user-visible step: a screenshot after success
 * (test-results/screenshots/NN-step-name.png), a full report on failure.
 */
export async function step<T>(wb: Workbench, name: string, fn: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await fn();
  } catch (e) {
    await reportFailure(wb, name, e);
    throw e;
  }
  wb.steps++;
  await screenshot(wb.page, `${String(wb.steps).padStart(2, '0')}-${name}`);
  return result;
}

// ------------------------------------------------------------- explorer ---

function explorerRow(page: Page, name: string, level: number) {
  return page.locator(`.explorer-folders-view .monaco-list-row[aria-level="${level}"][aria-label="${name.replace(/"/g, '\\"')}"]`);
}

/** Opens `relPath` (relative to the workspace folder) by double-clicking its Explorer row. */
export async function openFileFromExplorer(page: Page, relPath: string): Promise<void> {
  const parts = relPath.split('/');
  for (let i = 0; i < parts.length; i++) {
    const row = explorerRow(page, parts[i], i + 1);
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    if (i < parts.length - 1) {
      if ((await row.getAttribute('aria-expanded')) !== 'true') {
        await row.click();
        await waitFor(async () => (await row.getAttribute('aria-expanded')) === 'true', { what: `folder ${parts[i]} to expand` });
      }
    } else {
      await row.dblclick();
    }
  }
  await waitForActiveEditor(page, parts[parts.length - 1]);
}

/**
 * Renames `relPath` in the Explorer the way a person does: select its row,
 * F2, type the new name, Enter. Returns without waiting for what follows (a
 * dialog may ask first).
 */
export async function renameInExplorer(page: Page, relPath: string, newName: string): Promise<void> {
  const parts = relPath.split('/');
  for (let i = 0; i < parts.length; i++) {
    const row = explorerRow(page, parts[i], i + 1);
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    if (i < parts.length - 1 && (await row.getAttribute('aria-expanded')) !== 'true') {
      await row.click();
      await waitFor(async () => (await row.getAttribute('aria-expanded')) === 'true', { what: `folder ${parts[i]} to expand` });
    } else if (i === parts.length - 1) {
      await row.click();
    }
  }
  await page.keyboard.press('F2');
  const input = page.locator('.explorer-folders-view .monaco-inputbox input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(newName);
  await page.keyboard.press('Enter');
}

/** Clicks the button `label` of the dialog on screen (a modal message), once it shows. */
export async function clickDialogButton(page: Page, label: string): Promise<string> {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: 20_000 });
  const message = await dialog.locator('.dialog-message-text').innerText().catch(() => '');
  await dialog.locator('.dialog-buttons .monaco-button', { hasText: new RegExp(`^${label}$`) }).first().click();
  await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
  return message;
}

/** The code lenses shown in the active editor, as their text. */
export async function codeLensTexts(page: Page): Promise<string[]> {
  return page.locator('.editor-group-container.active .monaco-editor .codelens-decoration').allInnerTexts();
}

/** Waits until the active editor tab is `fileName` and its text is rendered. */
export async function waitForActiveEditor(page: Page, fileName: string, timeout = 20_000): Promise<void> {
  await waitFor(async () => {
    const label = await page.locator('.editor-group-container.active .tabs-container .tab.active').first().getAttribute('aria-label').catch(() => null);
    if (!label || !label.startsWith(fileName)) return false;
    return (await page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line').count()) > 0;
  }, { timeout, what: `the editor of ${fileName} to be active` });
}

/** The active editor's tab label (file name first). */
export async function activeTabLabel(page: Page): Promise<string | null> {
  return page.locator('.editor-group-container.active .tabs-container .tab.active').first().getAttribute('aria-label').catch(() => null);
}

// --------------------------------------------------------------- editor ---

export async function focusEditor(page: Page): Promise<void> {
  // Click the visible text area (past the end of its first visible line) with the mouse:
  // a locator click would scroll the editor's inner layers natively and garble the view.
  const guard = page.locator('.editor-group-container.active .monaco-editor .overflow-guard').first();
  const box = await guard.boundingBox();
  if (!box) throw new Error('no active editor to focus');
  await page.mouse.click(box.x + box.width - 40, box.y + 8);
  await waitFor(() => page.evaluate(() => !!document.activeElement?.closest('.editor-group-container.active .monaco-editor')),
    { what: 'the editor to have the keyboard focus' });
}

/** Go to Line (Ctrl+G) so the line is rendered (the editor only renders what is on screen). */
export async function gotoLine(page: Page, line: number, column = 1): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
  await waitFor(async () => (await statusBarText(page, 'selection'))?.startsWith(`Ln ${line},`), { what: `cursor on line ${line}` });
}

export interface TextBox { x: number; y: number; width: number; height: number; line: string }

/**
 * The on-screen box of `needle` in the active editor's rendered lines, found
 * with a DOM Range over the line's text nodes (tokenized lines are several
 * spans; the editor renders spaces as no-break spaces).
 */
export async function findTextBox(page: Page, needle: string, occurrence = 0): Promise<TextBox | undefined> {
  return page.evaluate(({ needle, occurrence }) => {
    const norm = (s: string) => s.replace(/\u00a0/g, ' ');
    const editor = document.querySelector('.editor-group-container.active .monaco-editor');
    if (!editor) return undefined;
    const lines = Array.from(editor.querySelectorAll<HTMLElement>('.view-lines .view-line'))
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    let seen = 0;
    for (const line of lines) {
      const text = norm(line.textContent ?? '');
      let from = 0;
      for (;;) {
        const idx = text.indexOf(needle, from);
        if (idx < 0) break;
        if (seen++ === occurrence) {
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          const range = document.createRange();
          let pos = 0;
          let startSet = false;
          const end = idx + needle.length;
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const len = (n.textContent ?? '').length;
            if (!startSet && idx < pos + len) { range.setStart(n, idx - pos); startSet = true; }
            if (startSet && end <= pos + len) { range.setEnd(n, end - pos); break; }
            pos += len;
          }
          const r = range.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height, line: text };
        }
        from = idx + 1;
      }
    }
    return undefined;
  }, { needle, occurrence });
}

async function visibleHoverText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const hovers = Array.from(document.querySelectorAll<HTMLElement>('.monaco-editor .monaco-hover'))
      .filter((h) => h.offsetParent !== null && !h.classList.contains('hidden') && h.getBoundingClientRect().height > 0);
    // Still fading in: not readable (nor fit for a screenshot) yet.
    if (hovers.some((h) => (h.closest('.monaco-resizable-hover') ?? h).getAnimations({ subtree: true }).some((a) => a.playState === 'running'))) return '';
    return hovers.map((h) => h.innerText.trim()).filter(Boolean).join('\n---\n');
  });
}

/**
 * Moves the mouse onto `needle` (after scrolling it into view with Go to Line
 * when `line` is given) and returns the hover's text once it contains
 * `expect` (or any text other than "Loading...").
 */
export async function hoverText(page: Page, needle: string, opts: { line?: number; occurrence?: number; expect?: string | RegExp; timeout?: number } = {}): Promise<string> {
  if (opts.line) await gotoLine(page, opts.line);
  const box = await waitFor(() => findTextBox(page, needle, opts.occurrence ?? 0), { what: `"${needle}" on screen in the editor` });
  const x = box.x + Math.min(box.width / 2, 20);
  const y = box.y + box.height / 2;
  // Leave and re-enter so the editor sees a fresh mouse move.
  await page.mouse.move(1, 1);
  await page.mouse.move(x, y, { steps: 3 });
  let lastMove = Date.now();
  let nudge = 1;
  return waitFor(async () => {
    const text = await visibleHoverText(page);
    if (!text || /^Loading\.\.\.$/.test(text)) {
      // A re-render (e.g. new diagnostics) can cancel a pending hover: after a while
      // with none, move the mouse by a pixel, still over the word.
      if (Date.now() - lastMove > 2_000) {
        nudge = -nudge;
        await page.mouse.move(x + nudge, y);
        lastMove = Date.now();
      }
      return false;
    }
    if (opts.expect === undefined) return text;
    const ok = typeof opts.expect === 'string' ? text.includes(opts.expect) : opts.expect.test(text);
    return ok ? text : false;
  }, { timeout: opts.timeout ?? 15_000, what: `a hover over "${needle}"${opts.expect ? ` showing ${opts.expect}` : ''}` });
}

/** Clicks into `needle` in the editor (places the cursor inside it). */
export async function clickText(page: Page, needle: string, opts: { line?: number; occurrence?: number; offset?: number } = {}): Promise<void> {
  if (opts.line) await gotoLine(page, opts.line);
  const box = await waitFor(() => findTextBox(page, needle, opts.occurrence ?? 0), { what: `"${needle}" on screen in the editor` });
  await page.mouse.click(box.x + Math.min(opts.offset ?? box.width / 2, box.width - 1), box.y + box.height / 2);
}

/** Text of a status bar entry: 'selection' ("Ln 3, Col 4 (12 selected)"), 'mode' (language), 'problems'. */
export async function statusBarText(page: Page, which: 'selection' | 'mode' | 'problems' | 'eol' | 'encoding'): Promise<string | undefined> {
  const id = {
    selection: 'status\\.editor\\.selection',
    mode: 'status\\.editor\\.mode',
    problems: 'status\\.problems',
    eol: 'status\\.editor\\.eol',
    encoding: 'status\\.editor\\.encoding',
  }[which];
  const loc = page.locator(`#${id}`);
  if ((await loc.count()) === 0) return undefined;
  return (await loc.first().innerText()).trim();
}

/**
 * An extension's status bar item (VS Code gives its element the id
 * `EXTENSION-ID.ITEM-ID`): its text, and the codicons it shows (`check`,
 * `error`...), or undefined while it is hidden.
 */
export async function statusBarItem(page: Page, id: string): Promise<{ text: string; icons: string[] } | undefined> {
  const loc = page.locator(`.part.statusbar [id="${id}"]`);
  if ((await loc.count()) === 0 || !(await loc.first().isVisible())) return undefined;
  return loc.first().evaluate((el) => ({
    text: (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
    icons: Array.from(el.querySelectorAll('.codicon')).flatMap((i) => Array.from(i.classList).filter((c) => c.startsWith('codicon-')).map((c) => c.slice('codicon-'.length))),
  }));
}

/** Waits until the status bar names the language of the active editor. */
export async function waitForLanguage(page: Page, name: string | RegExp, timeout = 20_000): Promise<string> {
  return waitFor(async () => {
    const t = await statusBarText(page, 'mode');
    if (!t) return false;
    return (typeof name === 'string' ? t === name : name.test(t)) ? t : false;
  }, { timeout, what: `the status bar language to be ${name}` });
}

// ------------------------------------------------------------- problems ---

export interface ProblemRow {
  /** The row's visible text. */
  text: string;
  /** The row's accessible label (message, position, source, code). */
  ariaLabel: string;
  /** True for a file row (the group header). */
  isFile: boolean;
  /** True for a problem's own row: not a file row, nor a row of its related information (one level further in). */
  isMarker: boolean;
  index: number;
}

/** Opens the Problems panel (View: Focus Problems). */
export async function openProblems(page: Page): Promise<void> {
  if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) {
    await page.keyboard.press('Control+Shift+M');
  }
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 15_000 });
}

export async function readProblems(page: Page): Promise<ProblemRow[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.markers-panel .monaco-list-row'))
    .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
    .map((row) => ({
      text: row.innerText.replace(/\s+/g, ' ').trim(),
      ariaLabel: row.getAttribute('aria-label') ?? '',
      isFile: row.querySelector('.file-icon, .monaco-icon-label.file-icon') !== null && row.getAttribute('aria-level') === '1',
      isMarker: row.getAttribute('aria-level') === '2',
      index: Number(row.getAttribute('data-index')),
    })));
}

/** Polls the Problems panel until `accept(rows)` holds; returns the rows. */
export async function waitForProblems(page: Page, accept: (rows: ProblemRow[]) => boolean, what: string, timeout = 30_000): Promise<ProblemRow[]> {
  return waitFor(async () => {
    const rows = await readProblems(page);
    return accept(rows) ? rows : false;
  }, { timeout, what });
}

// ------------------------------------------------------------- commands ---

/** Runs a command from the Command Palette (F1), by its title as the palette shows it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await waitFor(async () => {
    const label = await row.getAttribute('aria-label').catch(() => null);
    return label !== null && label.startsWith(title);
  }, { what: `"${title}" in the Command Palette` });
  // The first match is the active one; make sure it is ours before pressing Enter.
  await row.click();
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

/**
 * Runs a command from the Command Palette that asks a question in an input
 * box first: waits for the box that shows `prompt`, types `answer`, Enter.
 */
export async function runCommandAnswering(page: Page, title: string, prompt: string, answer: string): Promise<void> {
  await page.keyboard.press('F1');
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  const row = widget.locator('.monaco-list-row', { hasText: title }).first();
  await waitFor(async () => (await row.getAttribute('aria-label').catch(() => null))?.startsWith(title), { what: `"${title}" in the Command Palette` });
  await row.click();
  // The palette's widget is the one the command's input box reuses: wait for its question.
  await waitFor(async () => (await widget.isVisible()) && (await widget.innerText().catch(() => '')).includes(prompt) && !(await input.inputValue()).startsWith('>'),
    { what: `the input box asking "${prompt}"` });
  await input.fill(answer);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The text of the notification toasts on screen. */
export async function notificationTexts(page: Page): Promise<string[]> {
  return page.locator('.notifications-toasts .notification-toast').allInnerTexts().catch(() => []);
}

/** Maximizes (or restores) the panel, so long lists like the Problems panel are fully rendered. */
export async function toggleMaximizedPanel(page: Page): Promise<void> {
  await runCommand(page, 'View: Toggle Maximized Panel');
}

/** Runs `fn` with the panel maximized (every Problems row rendered), then restores it. */
export async function withMaximizedPanel<T>(page: Page, fn: () => Promise<T>): Promise<T> {
  await toggleMaximizedPanel(page);
  try {
    return await fn();
  } finally {
    await toggleMaximizedPanel(page);
  }
}

/** The Problems panel's row whose text contains `text`. */
export function problemRow(page: Page, text: string) {
  return page.locator('.markers-panel .monaco-list-row', { hasText: text }).first();
}

/**
 * Opens the quick fixes of a Problems panel row the way a person does: select
 * the row, wait for its light bulb ("Show fixes") to light up, click it.
 * Returns the titles in the menu that opens.
 */
export async function showFixesInProblems(page: Page, rowText: string): Promise<string[]> {
  const row = problemRow(page, rowText);
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
  const bulb = row.locator('a.markers-panel-action-quickfix');
  await waitFor(async () => !((await bulb.getAttribute('class')) ?? 'disabled').includes('disabled'),
    { what: `the "Show fixes" light bulb of the problem "${rowText}"` });
  await bulb.click();
  const items = page.locator('.context-view .monaco-menu .action-menu-item .action-label');
  await items.first().waitFor({ state: 'visible', timeout: 10_000 });
  return items.allInnerTexts();
}

export async function chooseMenuItem(page: Page, title: string): Promise<void> {
  await page.locator(`.context-view .monaco-menu .action-menu-item .action-label[aria-label="${title.replace(/"/g, '\\"')}"]`).click();
  await page.locator('.context-view .monaco-menu').waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Clicks the editor tab of `fileName` and waits for its editor. */
export async function activateTab(page: Page, fileName: string): Promise<void> {
  await page.locator(`.tabs-container .tab[aria-label^="${fileName}"]`).first().click();
  await waitForActiveEditor(page, fileName);
}

/** Whether the active tab shows unsaved changes. */
export async function activeTabDirty(page: Page): Promise<boolean> {
  const cls = await page.locator('.editor-group-container.active .tabs-container .tab.active').first().getAttribute('class');
  return (cls ?? '').split(/\s+/).includes('dirty');
}

/**
 * Starts recording the editor's "symbol highlight" decorations (go to
 * definition flashes one over the target range for a moment). Read them with
 * `recordedHighlights`.
 */
export async function recordSymbolHighlights(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __factNotesHighlights: { x: number; y: number; width: number; height: number }[]; __factNotesObserver?: MutationObserver };
    w.__factNotesHighlights = [];
    w.__factNotesObserver?.disconnect();
    const seen = new Set<Element>();
    const record = (el: Element) => {
      if (seen.has(el)) return;
      seen.add(el);
      const r = el.getBoundingClientRect();
      if (r.width > 0) w.__factNotesHighlights.push({ x: r.x, y: r.y, width: r.width, height: r.height });
    };
    w.__factNotesObserver = new MutationObserver((mutations) => {
      for (const m of mutations) {
        for (const n of Array.from(m.addedNodes)) {
          if (!(n instanceof Element)) continue;
          if (n.matches('.symbolHighlight')) record(n);
          n.querySelectorAll('.symbolHighlight').forEach(record);
        }
      }
    });
    w.__factNotesObserver.observe(document.body, { childList: true, subtree: true });
  });
}

export async function recordedHighlights(page: Page): Promise<{ x: number; y: number; width: number; height: number }[]> {
  return page.evaluate(() => (window as unknown as { __factNotesHighlights?: { x: number; y: number; width: number; height: number }[] }).__factNotesHighlights ?? []);
}

/** Text of the visible hover's bold parts (`<strong>`/`<b>`). */
export async function hoverBoldTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.monaco-editor .monaco-hover strong, .monaco-editor .monaco-hover b'))
    .filter((e) => e.offsetParent !== null)
    .map((e) => e.innerText.trim()));
}
