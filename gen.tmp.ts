import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { packDirectory } from './functions/lib/source/pack';
import { bufferByteSource, packUnits, planPacks, splitArchive, type SplitResult } from './functions/lib/source';
import { packFindingsKey, packObjectKey } from './functions/lib/run';

const main = async () => {
  const out = new PassThrough(); const chunks: Buffer[] = []; out.on('data', (c) => chunks.push(c));
  await packDirectory('examples/abap-erp-custom', out, 'tar.gz');
  const bodies = new Map<string, Buffer>(); let result: SplitResult | undefined;
  await splitArchive(bufferByteSource(Buffer.concat(chunks)), { put: async (u, b) => { bodies.set(u.unitId, b); }, commit: async (r) => { result = r; } });
  const plan = planPacks(result!.units, { maxUnits: Number(process.argv[2] ?? 5) });
  const c = 'demo';
  const lines = plan.map(({ slot, units }) => {
    const { body, units: packed } = packUnits(units.map((summary) => ({ summary, body: bodies.get(summary.unitId)! })));
    const line = { slot, key: packObjectKey(c, createHash('sha256').update(body).digest('hex')), bytes: body.length, units: packed };
    return { ...line, findingsKey: packFindingsKey(c, createHash('sha256').update(`1.1.0-07a5249c7ca8\n${JSON.stringify(line)}`).digest('hex')) };
  });
  console.log(JSON.stringify(lines.map(l => [l.slot, l.units.length, l.units.map(u=>u.objectName)])));
  console.error(JSON.stringify(lines[0]));
};
main();
