import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { BUILD_STAMP, buildOnce } from '../../../local/lambda';

describe('Function: buildOnce()', () => {
  let dir: string;
  let options: BuildOptions;
  let stamp: string;

  beforeEach(() => {
    // Prepare: a two-file project
    dir = mkdtempSync(join(tmpdir(), 'build-cache-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'index.ts'), "import { greeting } from './greeting';\nexport const handler = () => greeting;\n");
    writeFileSync(join(dir, 'src', 'greeting.ts'), "export const greeting = 'hello';\n");
    options = { entryPoints: [join(dir, 'src', 'index.ts')], outfile: join(dir, 'out', 'handler.js'), bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' };
    stamp = join(dir, 'out', BUILD_STAMP);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const load = (): unknown => {
    const file = join(dir, 'out', 'handler.js');
    delete require.cache[file];
    return (require(file) as { handler(): unknown }).handler();
  };

  it('builds the first time and reuses the bundle while nothing it was built from changed', async () => {
    // Act
    const first = await buildOnce(options, stamp);
    const second = await buildOnce(options, stamp);

    // Assess
    expect(first.reused).toBe(false);
    expect(second.reused).toBe(true);
    expect(load()).toBe('hello');
  });

  it('builds again when an imported file changes, even to the same size', async () => {
    // Prepare
    await buildOnce(options, stamp);
    writeFileSync(join(dir, 'src', 'greeting.ts'), "export const greeting = 'howdy';\n");

    // Act
    const rebuilt = await buildOnce(options, stamp);

    // Assess
    expect(rebuilt.reused).toBe(false);
    expect(load()).toBe('howdy');
  });

  it('builds again when a file appears in a source folder, where it could change how an import resolves', async () => {
    // Prepare: greeting.ts would be shadowed by nothing, but a new file there is enough to distrust the stamp
    await buildOnce(options, stamp);
    writeFileSync(join(dir, 'src', 'other.ts'), 'export {};\n');

    // Act + Assess
    expect((await buildOnce(options, stamp)).reused).toBe(false);
  });

  it('builds again when the build options change', async () => {
    // Prepare
    await buildOnce(options, stamp);

    // Act + Assess
    expect((await buildOnce({ ...options, minify: true }, stamp)).reused).toBe(false);
  });

  it('builds again when an output is gone or the stamp is unreadable', async () => {
    // Prepare
    await buildOnce(options, stamp);
    rmSync(join(dir, 'out', 'handler.js'));

    // Act
    const afterMissingOutput = await buildOnce(options, stamp);
    appendFileSync(stamp, '{');
    const afterBrokenStamp = await buildOnce(options, stamp);

    // Assess
    expect(afterMissingOutput.reused).toBe(false);
    expect(afterBrokenStamp.reused).toBe(false);
    expect(JSON.parse(readFileSync(stamp, 'utf8')).inputs).toEqual(expect.objectContaining({ [join(dir, 'src', 'greeting.ts')]: expect.any(String) }));
  });
});
