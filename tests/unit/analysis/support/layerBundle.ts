/**
 * The analysis-engine layer built once per test file, for tests that start sandbox workers: a worker loads the
 * bundle in about a second, where the TypeScript sources through tsx take several.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildLayer } from '../../../../layers/analysis-engine/build';

/**
 * Builds the layer into a temporary directory; `remove` deletes it.
 *
 * @example
 * let layer: Awaited<ReturnType<typeof buildTestLayer>>;
 * beforeAll(async () => { layer = await buildTestLayer(); }, 120_000);
 * afterAll(() => layer.remove());
 */
const buildTestLayer = async (): Promise<{ file: string; dir: string; remove: () => void }> => {
  const dir = mkdtempSync(join(tmpdir(), 'analysis-layer-'));
  const { file } = await buildLayer({ outdir: dir });
  return { file, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
};

export { buildTestLayer };
