/**
 * Split throughput on a generated archive: an abapGit-layout code base (classes with parts, programs with XML,
 * function groups) plus AngularJS files, about 5,000 files, packed as zip and as tar.gz on disk and split through a
 * file byte source into a sink that only counts. Prints files/s, MB/s (uncompressed file bytes) and LOC/s.
 *
 * Usage: npx tsx bench/source/splitThroughput.ts [--files 5000] [--runs 3]
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileByteSource, splitArchive } from '../../functions/lib/source';
import type { SplitResult } from '../../functions/lib/source';
import { packDirectory } from '../../functions/lib/source/pack';

const argument = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};

/** Deterministic pseudo-random numbers (xorshift32). */
const random = (seed: number): (() => number) => {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
};

const abapMethod = (next: () => number, name: string): string => {
  const lines = [`  METHOD ${name}.`, `    DATA lt_rows TYPE STANDARD TABLE OF vbap WITH DEFAULT KEY.`];
  const statements = 8 + Math.floor(next() * 30);
  for (let i = 0; i < statements; i += 1) {
    const pick = next();
    if (pick < 0.3) lines.push(`    SELECT * FROM vbap INTO TABLE lt_rows WHERE vbeln = iv_vbeln_${i} AND posnr > ${Math.floor(next() * 900)}.`);
    else if (pick < 0.55) lines.push(`    LOOP AT lt_rows INTO DATA(ls_row_${i}) WHERE matnr IS NOT INITIAL.`, `      rv_total = rv_total + ls_row_${i}-netwr.`, '    ENDLOOP.');
    else if (pick < 0.75) lines.push(`    " adjust the value for rule ${Math.floor(next() * 1e6)}`, `    rv_total = rv_total * ${(next() * 3).toFixed(2)}.`);
    else lines.push(`    CALL FUNCTION 'Z_SHOP_${Math.floor(next() * 500)}' EXPORTING iv_value = rv_total.`);
  }
  lines.push('  ENDMETHOD.');
  return lines.join('\n');
};

const classSource = (next: () => number, name: string): string => {
  const methods = Array.from({ length: 2 + Math.floor(next() * 5) }, (_, i) => `m_${i}`);
  return [
    `CLASS ${name} DEFINITION PUBLIC FINAL CREATE PUBLIC.`,
    '  PUBLIC SECTION.',
    ...methods.map((m) => `    METHODS ${m} IMPORTING iv_vbeln_0 TYPE vbeln RETURNING VALUE(rv_total) TYPE p.`),
    'ENDCLASS.',
    '',
    `CLASS ${name} IMPLEMENTATION.`,
    ...methods.map((m) => abapMethod(next, m)),
    'ENDCLASS.',
    '',
  ].join('\n');
};

const xml = (serializer: string, body: string): string =>
  `<?xml version="1.0" encoding="utf-8"?>\n<abapGit version="v1.0.0" serializer="${serializer}" serializer_version="v1.0.0">\n <asx:abap xmlns:asx="http://www.sap.com/abapxml" version="1.0">\n  <asx:values>\n${body}\n  </asx:values>\n </asx:abap>\n</abapGit>\n`;

const angularFile = (next: () => number, i: number): string => {
  const lines = [`angular.module('shop.m${i}', []).controller('Ctrl${i}', ['$scope', '$http', function ($scope, $http) {`];
  const statements = 10 + Math.floor(next() * 40);
  for (let s = 0; s < statements; s += 1) {
    lines.push(`  $scope.value${s} = ${Math.floor(next() * 1000)};`, `  $http.get('/api/items/${s}').success(function (data) { $scope.items${s} = data; });`);
  }
  lines.push('}]);', '');
  return lines.join('\n');
};

/** Writes the code base; returns the number of files written. */
const generate = async (root: string, targetFiles: number): Promise<number> => {
  const next = random(42);
  let files = 0;
  const put = async (path: string, text: string): Promise<void> => {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
    files += 1;
  };
  let i = 0;
  while (files < targetFiles) {
    const pkg = `src/pkg_${Math.floor(i / 200)}`;
    const kind = next();
    if (kind < 0.35) {
      const name = `zcl_shop_${i}`;
      await put(`${pkg}/${name}.clas.abap`, classSource(next, name));
      await put(`${pkg}/${name}.clas.locals_imp.abap`, `CLASS lcl_${i} DEFINITION.\nENDCLASS.\nCLASS lcl_${i} IMPLEMENTATION.\nENDCLASS.\n`);
      await put(`${pkg}/${name}.clas.testclasses.abap`, `CLASS ltcl_${i} DEFINITION FOR TESTING.\n  PRIVATE SECTION.\n    METHODS t FOR TESTING.\nENDCLASS.\nCLASS ltcl_${i} IMPLEMENTATION.\n  METHOD t.\n  ENDMETHOD.\nENDCLASS.\n`);
      await put(`${pkg}/${name}.clas.xml`, xml('LCL_OBJECT_CLAS', `   <VSEOCLASS><CLSNAME>${name.toUpperCase()}</CLSNAME></VSEOCLASS>`));
    } else if (kind < 0.6) {
      const name = `zshop_report_${i}`;
      await put(`${pkg}/${name}.prog.abap`, `REPORT ${name}.\n${abapMethod(next, 'x').replace(/  METHOD x\.|  ENDMETHOD\./g, '')}\n`);
      await put(`${pkg}/${name}.prog.xml`, xml('LCL_OBJECT_PROG', `   <PROGDIR><NAME>${name.toUpperCase()}</NAME><SUBC>${next() < 0.3 ? 'I' : '1'}</SUBC></PROGDIR>`));
    } else if (kind < 0.7) {
      const name = `zshop_fg_${i}`;
      await put(`${pkg}/${name}.fugr.xml`, xml('LCL_OBJECT_FUGR', `   <AREAT>Group ${i}</AREAT>`));
      await put(`${pkg}/${name}.fugr.l${name}top.abap`, `FUNCTION-POOL ${name}.\nDATA gv_${i} TYPE i.\n`);
      await put(`${pkg}/${name}.fugr.sapl${name}.abap`, `INCLUDE l${name}top.\nINCLUDE l${name}uxx.\n`);
      for (let f = 0; f < 3; f += 1) {
        await put(`${pkg}/${name}.fugr.z_${name}_${f}.abap`, `FUNCTION z_${name}_${f}.\n${abapMethod(next, 'x').replace(/  METHOD x\.|  ENDMETHOD\./g, '')}\nENDFUNCTION.\n`);
      }
    } else {
      await put(`web/app/m${i}.controller.js`, angularFile(next, i));
    }
    i += 1;
  }
  return files;
};

const measure = async (archive: string, runs: number): Promise<{ ms: number; result: SplitResult }> => {
  let best = Number.POSITIVE_INFINITY;
  let last: SplitResult | undefined;
  for (let run = 0; run < runs; run += 1) {
    const source = await fileByteSource(archive);
    const started = performance.now();
    last = await splitArchive(source, { put: async () => undefined, commit: async () => undefined });
    best = Math.min(best, performance.now() - started);
  }
  return { ms: best, result: last as SplitResult };
};

const main = async (): Promise<void> => {
  const targetFiles = argument('files', 5000);
  const runs = argument('runs', 3);
  const work = await mkdtemp(join(tmpdir(), 'split-bench-'));
  try {
    const files = await generate(join(work, 'code'), targetFiles);
    console.log(`generated ${files} files under ${work}`);
    for (const format of ['zip', 'tar.gz'] as const) {
      const archive = join(work, `code.${format}`);
      const packed = await packDirectory(join(work, 'code'), createWriteStream(archive), format);
      const { size } = await stat(archive);
      const { ms, result } = await measure(archive, runs);
      const seconds = ms / 1000;
      const mb = packed.bytes / 1e6;
      console.log(
        [
          `${format.padEnd(6)}`,
          `archive ${(size / 1e6).toFixed(1)} MB (${mb.toFixed(1)} MB of files)`,
          `${result.totals.units} units, ${result.totals.loc} loc`,
          `best of ${runs}: ${ms.toFixed(0)} ms`,
          `${Math.round(packed.files / seconds)} files/s`,
          `${(mb / seconds).toFixed(1)} MB/s`,
          `${Math.round(result.totals.loc / seconds)} loc/s`,
        ].join(' | '),
      );
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
