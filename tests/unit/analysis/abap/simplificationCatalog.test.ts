import { MATERIAL_NUMBER, REMOVED_TRANSACTIONS, SIMPLIFIED_TABLES, resolveCatalog } from '../../../../layers/analysis-engine/src/abap/catalog/simplificationCatalog';

const item = (id: string, note?: string) => ({
  id,
  title: `Item ${id}`,
  sources: [note === undefined ? { kind: 'sap-help', title: 'A help page', url: 'https://help.sap.com/x' } : { kind: 'sap-note', note, title: 'A note', url: `https://me.sap.com/notes/${note}` }],
});

const raw = (change: Record<string, unknown> = {}) => ({
  items: [item('with-note', '1976487'), item('without-note')],
  tables: [{ table: 'GLT0', item: 'with-note', kind: 'compatibilityView', replacement: 'ACDOCA' }],
  transactions: [{ tcode: 'XD01', item: 'without-note', replacement: 'BP' }],
  programs: [],
  fieldLengths: [{ field: 'MATNR', item: 'with-note', legacyLength: 18, newLength: 40, namePattern: 'matnr', legacyTypeNames: ['CHAR18'], dataElements: ['MATNR'] }],
  ...change,
});

describe('Function: resolveCatalog()', () => {
  it('cites the SAP note of an item, or the catalog item when no note could be verified', () => {
    // Act
    const resolved = resolveCatalog(raw() as never);

    // Assess
    expect(resolved.tables[0].item.citation).toBe('SAP note 1976487');
    expect(resolved.transactions[0].item.citation).toBe('catalog item without-note');
  });

  it.each([
    ['an unknown item', { tables: [{ table: 'GLT0', item: 'nowhere', kind: 'compatibilityView', replacement: 'ACDOCA' }] }, 'tables[0].item'],
    ['a table listed twice', { tables: [{ table: 'GLT0', item: 'with-note', kind: 'compatibilityView', replacement: 'x' }, { table: 'glt0', item: 'with-note', kind: 'notFilled', replacement: 'x' }] }, 'tables[1]'],
    ['an unknown table kind', { tables: [{ table: 'GLT0', item: 'with-note', kind: 'gone', replacement: 'x' }] }, 'tables[0].kind'],
    ['a broken name pattern', { fieldLengths: [{ field: 'MATNR', item: 'with-note', legacyLength: 18, newLength: 40, namePattern: '(', legacyTypeNames: [], dataElements: ['MATNR'] }] }, 'namePattern'],
  ])('refuses %s and says where', (_name, change, where) => {
    // Act + Assess
    expect(() => resolveCatalog(raw(change) as never)).toThrow(expect.objectContaining({ name: 'RulePackConfigError', ruleId: expect.stringContaining(where) }));
  });
});

describe('Data: the shipped catalog', () => {
  it.each([
    ['VBUK', 'notFilled', 'SAP note 2198647'],
    ['KONV', 'notFilled', 'catalog item pricing-konv'],
    ['MSEG', 'compatibilityView', 'SAP note 2206980'],
    ['MARD', 'hybrid', 'SAP note 2206980'],
    ['FAGLFLEXT', 'compatibilityView', 'SAP note 1976487'],
  ])('classifies %s as %s, citing %s', (table, kind, citation) => {
    // Act
    const entry = SIMPLIFIED_TABLES.find((candidate) => candidate.table === table);

    // Assess
    expect(entry).toMatchObject({ kind, item: { citation } });
  });

  it('sends customer and vendor master transactions to the business partner', () => {
    // Act
    const xd01 = REMOVED_TRANSACTIONS.find((entry) => entry.tcode === 'XD01');

    // Assess
    expect(xd01).toMatchObject({ item: { citation: 'SAP note 2265093' } });
    expect(xd01?.replacement).toContain('BP');
  });

  it('knows the material number lengths', () => {
    // Assess
    expect(MATERIAL_NUMBER).toMatchObject({ legacyLength: 18, newLength: 40, item: { citation: 'SAP note 2215424' } });
  });
});
