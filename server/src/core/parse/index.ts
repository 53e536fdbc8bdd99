/**
 * The parse stage's one front: what later stages use of it. Behind it, a
 * sheet is read by the fact scanner (`factScanner.ts`), the Lexer
 * composition (`fastYaml.ts`) or the `yaml` package (`yamlDocument.ts`),
 * which share their scalar rules (`scalars.ts`); `sheet.ts` chooses and
 * reads the result into the model.
 */
export { assembleSheet, closestKey, factsKeyEnd, lineNumbers, parseFacts, parseHead, parseSheet, parseWhole, splitSheet, type ParseOptions } from './sheet';
export { renderLine, renderScalar } from './render';
export { deepNesting } from './nesting';
export { parseYaml } from './yamlDocument';
