import Ajv from 'ajv';

import effortModel from '../../../../layers/analysis-engine/data/abap/effort-model.json';
import effortSchema from '../../../../layers/analysis-engine/data/abap/effort-model.schema.json';
import catalog from '../../../../layers/analysis-engine/data/abap/simplification-items.json';
import catalogSchema from '../../../../layers/analysis-engine/data/abap/simplification-items.schema.json';

type Source = { kind: string; note?: string; url: string; seenIn?: string[] };
type Item = { id: string; sources: Source[] };
type Catalog = {
  items: Item[];
  tables: { table: string; item: string; kind: string }[];
  transactions: { tcode: string; item: string }[];
  programs: { program: string; item: string }[];
  fieldLengths: { field: string; item: string }[];
  notIncluded: { objects: string[] }[];
};

const data = catalog as unknown as Catalog;

const validator = (schema: object) => new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);

describe('Data: data/abap/simplification-items.json', () => {
  it('matches its schema', () => {
    // Act
    const validate = validator(catalogSchema);
    const valid = validate(catalog);

    // Assess
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each([
    ['an unknown property', (copy: Record<string, unknown>) => ({ ...copy, extra: true })],
    ['a table of an unknown kind', (copy: Record<string, unknown>) => ({ ...copy, tables: [{ table: 'VBUK', item: 'sd-status-tables', kind: 'gone', replacement: 'VBAK fields' }] })],
    ['an SAP note source without the page it was read in', (copy: Record<string, unknown>) => ({ ...copy, items: [{ ...data.items[0], sources: [{ kind: 'sap-note', note: '2198647', title: 'A note read nowhere', url: 'https://me.sap.com/notes/2198647' }] }] })],
    ['a note number on a source that is not a note', (copy: Record<string, unknown>) => ({ ...copy, items: [{ ...data.items[0], sources: [{ kind: 'sap-help', note: '123456', title: 'A help page', url: 'https://help.sap.com/x' }] }] })],
  ])('refuses %s', (_name, change) => {
    // Act
    const valid = validator(catalogSchema)(change({ ...(catalog as unknown as Record<string, unknown>) }));

    // Assess
    expect(valid).toBe(false);
  });

  it('cites at least one source for every item, and for SAP notes where the note was read', () => {
    // Assess
    for (const item of data.items) {
      expect(item.sources.length).toBeGreaterThan(0);
      for (const source of item.sources.filter((candidate) => candidate.kind === 'sap-note')) expect(source.seenIn?.length).toBeGreaterThan(0);
    }
  });

  it('refers only to items it defines, and uses every item', () => {
    // Prepare
    const ids = new Set(data.items.map((item) => item.id));
    const referenced = [...data.tables, ...data.transactions, ...data.programs, ...data.fieldLengths].map((row) => row.item);

    // Assess
    expect(referenced.filter((id) => !ids.has(id))).toEqual([]);
    expect([...ids].filter((id) => !referenced.includes(id))).toEqual([]);
  });

  it.each([
    ['tables', data.tables.map((row) => row.table)],
    ['transactions', data.transactions.map((row) => row.tcode)],
    ['programs', data.programs.map((row) => row.program)],
  ])('lists each of its %s once', (_name, names) => {
    // Assess
    expect(names.length).toBe(new Set(names).size);
  });

  it('names the objects the issue asks for', () => {
    // Prepare
    const tables = data.tables.map((row) => row.table);
    const tcodes = data.transactions.map((row) => row.tcode);

    // Assess
    expect(tables).toEqual(expect.arrayContaining(['VBUK', 'VBUP', 'KONV', 'MKPF', 'MSEG', 'BSIS', 'BSAS', 'BSID', 'BSAD', 'BSIK', 'BSAK', 'GLT0', 'FAGLFLEXT']));
    expect(tcodes).toEqual(expect.arrayContaining(['XD01', 'XD02', 'XD03', 'XK01', 'XK02', 'XK03', 'VD01', 'VD02', 'MK01', 'FD01', 'FK01']));
    expect(data.fieldLengths.map((row) => row.field)).toContain('MATNR');
  });

  it('keeps objects it left out apart from the objects it lists', () => {
    // Prepare
    const listed = new Set([...data.tables.map((row) => row.table), ...data.transactions.map((row) => row.tcode)]);

    // Assess
    expect(data.notIncluded.flatMap((row) => row.objects).filter((name) => listed.has(name))).toEqual([]);
  });
});

describe('Data: data/abap/effort-model.json', () => {
  it('matches its schema', () => {
    // Act
    const validate = validator(effortSchema);
    const valid = validate(effortModel);

    // Assess
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('refuses a row without a basis', () => {
    // Prepare
    const rows = (effortModel as unknown as { rows: Record<string, unknown>[] }).rows;
    const { basis: _basis, ...withoutBasis } = rows[0];

    // Act
    const valid = validator(effortSchema)({ ...effortModel, rows: [withoutBasis] });

    // Assess
    expect(valid).toBe(false);
  });
});
