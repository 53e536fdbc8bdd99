import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { checkJson, fixCli } from '../lib/cli';
import { activate, BROKEN, codeOf, copyInWorkspace, open, removeFromWorkspace, revertAndCloseAll, root, waitForDiagnostics } from './helpers';

const COPY = 'code-actions-copy.facts.yaml';

function describeAction(a: vscode.CodeAction | vscode.Command): string {
  if (typeof (a as vscode.Command).command === 'string') return `command ${a.title}`;
  const c = a as vscode.CodeAction;
  return `${c.title} [${c.kind?.value}]${c.isPreferred ? ' preferred' : ''}`;
}

/**
 * The quick fixes VS Code collects for a diagnostic's range. (VS Code hands the
 * provider the diagnostics at that range; `vscode.executeCodeActionProvider`
 * does not return the actions' `diagnostics`, so they cannot be matched here.)
 */
async function quickFixes(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
  const fixes = actions.filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string')
    .filter((a) => a.kind !== undefined && vscode.CodeActionKind.QuickFix.contains(a.kind));
  lastSeen = actions.map(describeAction);
  return fixes;
}
let lastSeen: string[] = [];

/** "Ignore CODE here…": every diagnostic in a fact has it, after its repairs (it is no repair: not in `check`'s fixes). */
const IGNORE = /^Ignore [a-z-]+ here…$/;

describe('code actions (quick fixes)', () => {
  before(activate);
  afterEach(async () => {
    await revertAndCloseAll();
    removeFromWorkspace(COPY);
  });

  it('offers, for each diagnostic, the quick fixes `fact-notes check` lists; preferred = what `fact-notes fix` applies', async () => {
    const editor = await open(BROKEN);
    const uri = editor.document.uri;
    const expected = checkJson(uri.fsPath, root()).diagnostics;
    const ds = await waitForDiagnostics(uri, (x) => x.length === expected.length, `${expected.length} diagnostics`);
    let withFixes = 0;
    const preferred: string[] = [];
    for (const e of expected) {
      const d = ds.find((x) => x.range.start.line === e.range.start.line && x.range.start.character === e.range.start.character && codeOf(x) === e.code);
      assert.ok(d, `no diagnostic ${e.code} at ${e.range.start.line + 1}:${e.range.start.character + 1}`);
      // The claim's single-source hint (left out of `ds`) shares the claim's range: its own action is not this one's.
      const all = (await quickFixes(uri, d)).filter((f) => f.title !== 'Ignore single-source here…' || e.code === 'single-source');
      const fixes = all.filter((f) => !IGNORE.test(f.title));
      // A comment's own invalid-suppression, like a yaml-syntax, cannot be ignored.
      if (e.code !== 'yaml-syntax' && e.code !== 'invalid-suppression') {
        assert.deepStrictEqual(all.slice(fixes.length).map((f) => [f.title, f.isPreferred ?? false]), [[`Ignore ${e.code} here…`, false]], `the ignoring of ${e.code} comes last`);
      }
      assert.deepStrictEqual(fixes.map((f) => f.title), e.fixes.map((f) => f.title), `fixes of ${e.code} on line ${e.range.start.line + 1}; all actions at its range: ${lastSeen.join(' | ') || '(none)'}`);
      if (fixes.length > 0) {
        withFixes++;
        // At most one preferred fix, listed first ("never guess": some have none).
        assert.ok(fixes.slice(1).every((f) => !f.isPreferred), `only the first fix of ${e.code} on line ${e.range.start.line + 1} may be preferred`);
        if (fixes[0].isPreferred) preferred.push(fixes[0].title);
        assert.ok(fixes[0].edit && fixes[0].edit.size > 0, 'the fix carries an edit');
      }
    }
    assert.ok(withFixes >= 6, `only ${withFixes} diagnostics have fixes`);
    // The preferred fixes are exactly those the command line's `fix` applies to the same sheet.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fact-notes-e2e-fix-'));
    try {
      fs.cpSync(root(), dir, { recursive: true });
      // fix leaves a sheet that is not valid YAML alone: the copy has its one YAML mistake (text after a closing quote) repaired.
      const sheet = path.join(dir, BROKEN);
      fs.writeFileSync(sheet, fs.readFileSync(sheet, 'utf8').replace(' Russian news agency TASS reported', ''));
      const out = fixCli([BROKEN], dir).stdout;
      const applied = out.split('\n').filter((l) => /^\s+- /.test(l)).map((l) => l.replace(/^\s+- /, '').trim());
      assert.deepStrictEqual([...preferred].sort(), [...applied].sort(), `fact-notes fix said:\n${out}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('"Change line to 3" fixes line-out-of-range: the diagnostic goes, only that line changes', async () => {
    const uri = copyInWorkspace(BROKEN, COPY);
    const editor = await open(uri);
    const before = editor.document.getText();
    const ds = await waitForDiagnostics(uri, (x) => x.some((d) => codeOf(d) === 'line-out-of-range'), 'line-out-of-range');
    const target = ds.find((d) => codeOf(d) === 'line-out-of-range')!;
    const fix = (await quickFixes(uri, target)).find((f) => f.title === 'Change line to 3');
    assert.ok(fix?.edit, `no "Change line to 3" fix; actions: ${lastSeen.join(' | ') || '(none)'}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForDiagnostics(uri, (x) => x.length === ds.length - 1 && !x.some((d) => codeOf(d) === 'line-out-of-range'), 'the line-out-of-range diagnostic to go');
    const a = before.split('\n');
    const b = editor.document.getText().split('\n');
    assert.strictEqual(b.length, a.length);
    const changed = a.map((l, i) => (l === b[i] ? -1 : i)).filter((i) => i >= 0);
    assert.deepStrictEqual(changed, [target.range.start.line]);
    assert.strictEqual(b[target.range.start.line].trim(), 'line: 3');
  });

  it('"Ignore quote-moved here…" inserts the comment above the citation and selects its reason; typing one silences the code', async () => {
    const uri = copyInWorkspace(BROKEN, COPY);
    const editor = await open(uri);
    const ds = await waitForDiagnostics(uri, (x) => x.some((d) => codeOf(d) === 'quote-moved'), 'quote-moved');
    const target = ds.find((d) => codeOf(d) === 'quote-moved')!;
    const ignore = (await quickFixes(uri, target)).find((f) => f.title === 'Ignore quote-moved here…');
    assert.ok(ignore?.edit && ignore.command, `no "Ignore quote-moved here…" with an edit and a command; actions: ${lastSeen.join(' | ') || '(none)'}`);
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    await vscode.commands.executeCommand(ignore.command.command, ...(ignore.command.arguments ?? []));
    const line = ignore.command.arguments![1] as number;
    const text = editor.document.lineAt(line).text;
    assert.match(text, /^\s*# fact-notes-ignore quote-moved -- REASON$/);
    assert.strictEqual(editor.document.getText(editor.selection), 'REASON', 'the placeholder is selected');
    // The comment's indentation is the citation's.
    assert.strictEqual(/^\s*/.exec(text)![0], /^\s*/.exec(editor.document.lineAt(line + 1).text)![0]);
    await editor.edit((b) => b.replace(editor.selection, 'the article was rewritten'));
    // The sample's own reasonless comment stays reported; the new one, with its reason, adds none.
    const invalid = (x: vscode.Diagnostic[]) => x.filter((d) => codeOf(d) === 'invalid-suppression').length;
    await waitForDiagnostics(uri, (x) => x.length === ds.length - 1 && !x.some((d) => codeOf(d) === 'quote-moved') && invalid(x) === invalid(ds), 'quote-moved to be silenced');
  });

  it('"Change to "quote"" renames the misspelled key, and the quote is then checked', async () => {
    const uri = copyInWorkspace(BROKEN, COPY);
    const editor = await open(uri);
    const ds = await waitForDiagnostics(uri, (x) => x.some((d) => d.message.includes('"qoute"')), 'the qoute diagnostic');
    const target = ds.find((d) => d.message.includes('"qoute"'))!;
    const fix = (await quickFixes(uri, target)).find((f) => f.title === 'Change to "quote"');
    assert.ok(fix?.edit, `no 'Change to "quote"' fix; actions: ${lastSeen.join(' | ') || '(none)'}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForDiagnostics(uri, (x) => !x.some((d) => d.message.includes('"qoute"')), 'the qoute diagnostic to go');
    assert.match(editor.document.lineAt(target.range.start.line).text, /^\s*quote: Haavisto said/);
  });
});
