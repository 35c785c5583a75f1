import { createWriteStream } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileByteSource, splitArchive } from '../../../functions/lib/source';
import { packDirectory } from '../../../functions/lib/source/pack';
import { memorySink } from './helpers/sources';

const SAMPLE = join(__dirname, '../../fixtures/archives/abapgit-sample');

describe('Function: packDirectory()', () => {
  let work: string;

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'pack-'));
    await cp(SAMPLE, join(work, 'code'), { recursive: true });
    // Generated here: the repository ignores node_modules folders, fixtures included.
    await mkdir(join(work, 'code/web/node_modules/left-pad'), { recursive: true });
    await writeFile(join(work, 'code/web/node_modules/left-pad/index.js'), 'module.exports = (s) => s;\n');
    await symlink('/etc/passwd', join(work, 'code/src/zlink.prog.abap'));
  });

  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it.each(['zip', 'tar.gz'] as const)('packs a directory as %s that splits into the sample units', async (format) => {
    // Prepare
    const archivePath = join(work, `code.${format}`);

    // Act
    const packed = await packDirectory(join(work, 'code'), createWriteStream(archivePath), format);
    const result = await splitArchive(await fileByteSource(archivePath), memorySink());

    // Assess
    expect(packed).toMatchObject({ files: 23, omitted: ['src/zlink.prog.abap'] });
    expect(result.format).toBe(format);
    expect(result.units.map((unit) => [unit.objectType ?? unit.language, unit.objectName, unit.files.length]).sort()).toEqual(
      [
        ['CLAS', 'ZCL_SHOP_CART', 4],
        ['FUGR', 'ZSHOP_ORDERS', 5],
        ['INTF', 'ZIF_SHOP_CART', 2],
        ['PROG', 'OLD_UPLOAD_2009', 1],
        // The report and its TOP include are one program.
        ['PROG', 'ZSHOP_REPORT', 4],
        ['html', undefined, 1],
        ['javascript', undefined, 1],
        ['typescript', undefined, 1],
      ].sort(),
    );
    expect(result.units.find((unit) => unit.objectName === 'ZSHOP_REPORT')?.files).toContain('src/zshop_top.prog.abap');
    expect(result.units.find((unit) => unit.objectName === 'ZSHOP_ORDERS')?.path).toBe('src/zshop_orders.fugr.saplzshop_orders.abap');
    expect(result.skipped.map((entry) => [entry.path, entry.reason]).sort()).toEqual(
      [
        ['.abapgit.xml', 'metadata-only'],
        ['src/package.devc.xml', 'metadata-only'],
        ['src/zshop_status.doma.xml', 'metadata-only'],
        ['web/node_modules/', 'node-modules'],
      ].sort(),
    );
    expect(result.totals).toMatchObject({ files: 23, units: 8, skipped: 4, duplicates: 0 });
  });

  it('leaves out what exclude says, without entering excluded directories', async () => {
    // Prepare
    const archivePath = join(work, 'code.zip');
    const seen: string[] = [];

    // Act
    const packed = await packDirectory(join(work, 'code'), createWriteStream(archivePath), 'zip', {
      exclude: (path, isDirectory) => {
        seen.push(path);
        return isDirectory && path === 'web';
      },
    });

    // Assess
    expect(packed.files).toBe(19);
    expect(seen).toContain('web');
    expect(seen.some((path) => path.startsWith('web/'))).toBe(false);
  });
});
