/** The snapshot as the command line loads it, on its own (scripts/bundle-cli.mjs keeps it a file apart). */
export { snapshot, SnapshotFailed } from './snapshot';
