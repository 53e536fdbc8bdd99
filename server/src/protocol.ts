/**
 * Custom messages between the Fact Notes client and server, declared once and
 * shared by both sides. Everything else is standard LSP.
 */
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';

/** The language id of fact sheets. */
export const LANGUAGE_ID = 'fact-sheet';

/** The code action kind of "fix every citation in this sheet". */
export const FIX_ALL_KIND = 'source.fixAll.factNotes';

/**
 * The client command of the article's code lens "cited by N facts": it lists
 * the citations of the line, with the arguments `[uri, position, locations]`
 * (the article's URI, the line's start, each citing citation as an LSP
 * `Location`), as VS Code's `editor.action.showReferences` takes them.
 */
export const SHOW_CITATIONS_COMMAND = 'factNotes.showCitations';

/**
 * The client command of the quick fix "Ignore CODE here…", run after its
 * edit (which inserts `# fact-notes-ignore CODE -- REASON` on a line of its
 * own): it selects the reason on that line, so that typing replaces it.
 * Its arguments are `[uri, line]`, the sheet's URI and the comment's 0-based
 * line. The server adds the command to the code action only for a client
 * that names it in `initializationOptions.clientCommands` (VS Code's does):
 * other editors get the edit alone.
 */
export const EDIT_SUPPRESSION_REASON_COMMAND = 'factNotes.editSuppressionReason';

/** What a client says of itself in `initializationOptions`, besides its settings. */
export interface ClientInitializationOptions {
  /** The client commands it handles, of those above. */
  clientCommands?: string[];
}

/** Where a selection in an article should be cited. */
export interface CiteSelectionParams {
  /** The fact sheet that receives the citation. */
  sheetUri: string;
  /** The article the text was selected in. */
  sourceUri: string;
  /** First and last selected line, 0-based as in LSP. */
  startLine: number;
  endLine: number;
  /** The selected text; it becomes the citation's `quote`. */
  quote: string;
  /** Index of the fact (in `facts`) to add the citation to; absent for a new fact. */
  factIndex?: number;
  /** The claim of the new fact, when `factIndex` is absent. */
  claim?: string;
}

export interface CiteSelectionResult {
  /** The edit that adds the citation, or absent when it cannot be made. */
  edit?: WorkspaceEdit;
  /** Why the citation could not be added, in words for the user. */
  error?: string;
}

export const CiteSelectionRequest = 'factNotes/citeSelection';

/**
 * Files and folders the editor has just renamed or moved (VS Code's
 * `onDidRenameFiles`): the server answers the edit to every sheet that cites
 * them, at the sheets' places now, or null when no citation follows them (and
 * for the renames of its own F2 edits, which hold their citations already).
 * Asking after the move, as VS Code's Markdown extension does for links,
 * lets the client ask the user first without VS Code's own confirmation of
 * a participant's edit; editors that ask before the move send the standard
 * `workspace/willRenameFiles`.
 */
export const CitationsForMovesRequest = 'factNotes/citationsForMoves';

/** Words copied from an article (VS Code records where on copy), pasted into a sheet: "Paste as citation". */
export interface PasteCitationParams {
  sheetUri: string;
  /** Where the paste goes in the sheet. */
  position: { line: number; character: number };
  sourceUri: string;
  /** First and last copied line, 0-based as in LSP. */
  startLine: number;
  endLine: number;
  /** The copied text; it becomes the citation's `quote`. */
  quote: string;
}

/**
 * What the paste becomes: an edit adding the citation to the fact it was
 * pasted in; or a new fact to insert where it was pasted, as text before
 * and after its claim (which the client makes a placeholder to fill in); or
 * neither (a plain paste), with the reason.
 */
export interface PasteCitationResult {
  edit?: WorkspaceEdit;
  newFact?: { before: string; claim: string; after: string };
  reason?: string;
}

export const PasteCitationRequest = 'factNotes/pasteCitation';

export interface CitationsForMovesParams {
  files: { oldUri: string; newUri: string }[];
}

/** A fact of a sheet as offered in the "Cite Selection" quick pick. */
export interface FactSummary {
  index: number;
  id?: string;
  claim: string;
}

export interface ListFactsParams {
  sheetUri: string;
}

export const ListFactsRequest = 'factNotes/listFacts';

/** The sheets under a workspace folder, as discovery finds them (dot-folders and dependencies skipped): URIs, sorted. */
export interface ListSheetsParams {
  folderUri: string;
}

export const ListSheetsRequest = 'factNotes/listSheets';

/**
 * "Save Source from URL…" and "…from File…" (FORMAT.md section 8): save a web
 * page or a PDF as a text file to cite, into the sources folder of a sheet
 * (or a folder), with its entry in that folder's `sources.yaml`. Cancelling
 * the request stops the fetch; nothing is written then, nor on any failure.
 */
export interface SaveSourceParams {
  /** An http or https address, or the `file:` URI of a saved `.html` or `.pdf`. */
  source: string;
  /** Save into this sheet's sources folder... */
  sheetUri?: string;
  /** ...or into this folder. */
  folderUri?: string;
  /** The text file's name (default: made from the outlet and headline). */
  name?: string;
  /** Replace a saved source of the same name. */
  force?: boolean;
}

export interface SaveSourceResult {
  /** The saved text. */
  uri?: string;
  /** Its name, for the sheet's `file` value (relative to the sheet's sources folder). */
  file?: string;
  title?: string;
  outlet?: string;
  published?: string;
  lines?: number;
  /** Why nothing was saved, in words for the user. */
  error?: string;
  /** Set with `error` when a source of that name is already saved: the client may offer to replace it. */
  exists?: boolean;
  /** Set when the user cancelled. */
  cancelled?: boolean;
}

export const SaveSourceRequest = 'factNotes/saveSource';

/**
 * "Fact Notes: Open Report": the report of a sheet (the page `fact-notes
 * report` writes, from the server's current check of the sheet, unsaved
 * text included), as self-contained HTML for a webview.
 */
export interface ReportParams {
  sheetUri: string;
}

export interface ReportResult {
  /** The page; absent when the sheet is not one the server knows. */
  html?: string;
  /** The sheet's title, or its file name. */
  title?: string;
  /** Why there is no report, in words for the user. */
  error?: string;
}

export const ReportRequest = 'factNotes/report';

/**
 * The status bar of a sheet in VS Code: how many of its facts are verified,
 * broken or to review, from the server's current check (unsaved text
 * included), counted as the summary of `fact-notes report` counts them
 * (`reportCounts` in the core). Null for a sheet the server does not check.
 */
export interface FactCountsParams {
  sheetUri: string;
}

export interface FactCounts {
  facts: number;
  /** Facts whose citations all check clean, with nothing silenced. */
  verified: number;
  /** Facts with an error. */
  broken: number;
  /** Facts with a warning, but no error and no `claim-unsupported`. */
  warning: number;
  /** Facts with a `claim-unsupported` warning, broken or not. */
  unsupported: number;
  /** Facts with a diagnostic silenced by a `# fact-notes-ignore` comment, whatever else they have. */
  ignored: number;
}

export const FactCountsRequest = 'factNotes/factCounts';
