import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root (this file is tests/browser/support/paths.ts). */
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** Screenshots and the server log, for a human to look at (gitignored). */
export const resultsDir = path.join(repoRoot, 'tests/browser/test-results');

/** Shared real recordings, outside the repository: read at test time, never copied in. */
export const recordingsDir = path.resolve(repoRoot, '../shared/fixtures/recordings');
