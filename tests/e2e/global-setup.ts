import { buildIfStale } from '../../scripts/build-if-stale.mjs';

/** The browser tests run against the production build; build it when a source is newer. */
export default function setup() {
  const code = buildIfStale();
  if (code !== 0) throw new Error('build failed');
}
