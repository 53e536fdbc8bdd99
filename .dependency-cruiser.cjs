/**
 * Import circles fail the lint (`npm run lint`), type-only imports included,
 * and so does a stage of the core importing a later one (parse -> sources ->
 * match -> check -> edit -> features -> workspace, see docs/ARCHITECTURE.md).
 */
const STAGES = ['parse', 'sources', 'match', 'check', 'edit', 'features', 'workspace'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: move the shared piece to the earlier module (docs/ARCHITECTURE.md).',
      from: {},
      to: { circular: true },
    },
    // A stage imports only earlier stages; the shared modules at the top of the core import no stage.
    ...STAGES.map((stage, i) => ({
      name: `stage-order-${stage}`,
      severity: 'error',
      comment: `core/${stage}/ imports a later stage: move the shared piece to an earlier one (docs/ARCHITECTURE.md).`,
      from: { path: `^server/src/core/${stage}/` },
      to: { path: `^server/src/core/(${STAGES.slice(i + 1).join('|') || 'none^'})/` },
    })),
    {
      name: 'parse-front',
      severity: 'error',
      comment: 'Later stages read sheets through parse/index.ts, the parse stage\'s one front.',
      from: { path: '^server/src/', pathNot: '^server/src/core/parse/' },
      to: { path: '^server/src/core/parse/', pathNot: '^server/src/core/parse/index\\.ts$' },
    },
    {
      name: 'shared-imports-no-stage',
      severity: 'error',
      comment: 'A shared module of the core (types, model, text, normalize) imports a stage.',
      from: { path: '^server/src/core/[^/]+\\.ts$', pathNot: '^server/src/core/index\\.ts$' },
      to: { path: `^server/src/core/(${STAGES.join('|')})/` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)out/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
