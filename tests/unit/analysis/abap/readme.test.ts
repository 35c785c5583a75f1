import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { EFFORT_MODEL, pertExpected } from '../../../../layers/analysis-engine/src/abap/effortModel';

const README = readFileSync(join(__dirname, '..', '..', '..', '..', 'layers', 'analysis-engine', 'README.md'), 'utf8');

describe('Document: the effort model table in layers/analysis-engine/README.md', () => {
  it.each(EFFORT_MODEL.map((row) => [`${row.rule}${row.variant === undefined ? '' : `/${row.variant}`}`, row] as const))('shows the row of %s as shipped, with its effort class and why', (_name, row) => {
    // Prepare
    const { low, likely, high } = row.minutes;
    const line = `| \`${row.rule}\` | ${row.variant ?? '—'} | ${row.severity} | ${row.effortClass} | ${low} | ${likely} | ${high} | ${pertExpected(row.minutes)} | ${row.basis} |`;
    const classLine = `| \`${row.rule}\` | ${row.variant ?? '—'} | ${row.effortClass} | ${row.classBasis} |`;

    // Assess
    expect(README).toContain(line);
    expect(README).toContain(classLine);
  });
});
