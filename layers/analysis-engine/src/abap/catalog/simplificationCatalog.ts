/**
 * The S/4HANA simplification catalog of the ABAP rule pack, read from `data/abap/simplification-items.json` (written
 * for this project from public SAP documentation; every item cites its sources there) and resolved into the rows the
 * checks use: tables, transactions, programs and the material number length.
 *
 * The data is checked when this module loads (item references, duplicates, regular expression) so that a broken edit
 * of the JSON fails the layer at init, not on a customer's unit; its shape is checked by the schema test.
 */
import rawCatalog from '../../../data/abap/simplification-items.json';
import { RulePackConfigError } from '../../errors';

/** What a read of a catalog table returns on S/4HANA. */
const TableKinds = {
  /** Still in the dictionary but no longer filled by the application: reads return nothing. */
  NOT_FILLED: 'notFilled',
  /** Replaced by a compatibility (proxy) view of the same name: reads work, computed on every access; writes fail. */
  COMPATIBILITY_VIEW: 'compatibilityView',
  /** Keeps master data but its stock quantities are computed from MATDOC through a proxy view. */
  HYBRID: 'hybrid',
} as const;

type TableKind = (typeof TableKinds)[keyof typeof TableKinds];

/** The simplification item a catalog row belongs to, as findings cite it. */
type SimplificationItemRef = {
  /** Catalog id, for example `sd-status-tables`. */
  id: string;
  title: string;
  /** Short citation for messages: `SAP note 2198647`, or `catalog item pricing-konv` when no note could be verified. */
  citation: string;
};

/**
 * A table whose role changed in S/4HANA. A hybrid table lists its computed fields (stock quantities and values): a read
 * or write of other fields only is master data and unaffected.
 */
type SimplifiedTable = { table: string; kind: TableKind; item: SimplificationItemRef; replacement: string; computedFields?: readonly string[] };

/** A transaction S/4HANA no longer offers. */
type RemovedTransaction = { tcode: string; item: SimplificationItemRef; replacement: string };

/** A report of a function S/4HANA no longer offers. */
type RemovedProgram = { program: string; item: SimplificationItemRef; replacement: string };

/** A field whose length S/4HANA extended. */
type ExtendedField = {
  field: string;
  item: SimplificationItemRef;
  legacyLength: number;
  newLength: number;
  /** Case-insensitive regular expression that field names holding this field's values match. */
  namePattern: string;
  /** Dictionary types of exactly the legacy length (declaring the field with them truncates it). */
  legacyTypeNames: readonly string[];
  /** Data elements that carry the new length (fields typed with them follow the extension). */
  dataElements: readonly string[];
};

type RawSource = { kind: string; note?: string; title: string; url: string };
type RawItem = { id: string; title: string; sources: RawSource[] };
type RawCatalog = {
  items: RawItem[];
  tables: { table: string; item: string; kind: string; replacement: string; computedFields?: string[] }[];
  transactions: { tcode: string; item: string; replacement: string }[];
  programs: { program: string; item: string; replacement: string }[];
  fieldLengths: (Omit<ExtendedField, 'item'> & { item: string })[];
};

const CATALOG_FILE = 'data/abap/simplification-items.json';

const fail = (where: string, problem: string): never => {
  throw new RulePackConfigError('abap-s4hana', `${CATALOG_FILE} ${where}`, problem);
};

const resolveCatalog = (raw: RawCatalog) => {
  const items = new Map<string, SimplificationItemRef>();
  raw.items.forEach((item, index) => {
    if (items.has(item.id)) fail(`items[${index}].id`, `item id ${item.id} is used twice`);
    const note = item.sources.find((source) => source.kind === 'sap-note' && source.note !== undefined)?.note;
    items.set(item.id, { id: item.id, title: item.title, citation: note === undefined ? `catalog item ${item.id}` : `SAP note ${note}` });
  });
  const itemOf = (where: string, id: string): SimplificationItemRef => items.get(id) ?? fail(`${where}.item`, `names unknown item ${id}`);
  const unique = <T>(list: readonly T[], key: (row: T) => string, section: string): void => {
    const seen = new Set<string>();
    list.forEach((row, index) => {
      const name = key(row).toUpperCase();
      if (seen.has(name)) fail(`${section}[${index}]`, `${name} is listed twice`);
      seen.add(name);
    });
  };
  unique(raw.tables, (row) => row.table, 'tables');
  unique(raw.transactions, (row) => row.tcode, 'transactions');
  unique(raw.programs, (row) => row.program, 'programs');
  const kinds = Object.values(TableKinds) as string[];
  const tables: SimplifiedTable[] = raw.tables.map((row, index) => {
    const kind = (kinds.includes(row.kind) ? row.kind : fail(`tables[${index}].kind`, `must be one of ${kinds.join(', ')}, got ${row.kind}`)) as TableKind;
    // Without its computed fields a hybrid table could not tell a master data read from a stock read.
    if ((kind === TableKinds.HYBRID) !== (row.computedFields !== undefined)) fail(`tables[${index}].computedFields`, 'is required for a hybrid table and only for one');
    return {
      table: row.table.toUpperCase(),
      kind,
      item: itemOf(`tables[${index}]`, row.item),
      replacement: row.replacement,
      ...(row.computedFields === undefined ? {} : { computedFields: row.computedFields.map((field) => field.toUpperCase()) }),
    };
  });
  const transactions: RemovedTransaction[] = raw.transactions.map((row, index) => ({
    tcode: row.tcode.toUpperCase(),
    item: itemOf(`transactions[${index}]`, row.item),
    replacement: row.replacement,
  }));
  const programs: RemovedProgram[] = raw.programs.map((row, index) => ({
    program: row.program.toUpperCase(),
    item: itemOf(`programs[${index}]`, row.item),
    replacement: row.replacement,
  }));
  const fieldLengths: ExtendedField[] = raw.fieldLengths.map((row, index) => {
    try {
      new RegExp(row.namePattern, 'i');
    } catch {
      fail(`fieldLengths[${index}].namePattern`, 'is not a valid regular expression');
    }
    return { ...row, item: itemOf(`fieldLengths[${index}]`, row.item) };
  });
  return { tables, transactions, programs, fieldLengths };
};

const resolved = resolveCatalog(rawCatalog as unknown as RawCatalog);

/** Tables whose role changed, from the catalog. */
const SIMPLIFIED_TABLES: readonly SimplifiedTable[] = resolved.tables;
/** Transactions S/4HANA no longer offers, from the catalog. */
const REMOVED_TRANSACTIONS: readonly RemovedTransaction[] = resolved.transactions;
/** Reports of removed functions, from the catalog. */
const REMOVED_PROGRAMS: readonly RemovedProgram[] = resolved.programs;

/**
 * The material number: 18 characters in ECC, 40 in S/4HANA (SAP note 2215424).
 *
 * @example
 * MATERIAL_NUMBER.legacyLength; // 18
 */
const MATERIAL_NUMBER: ExtendedField =
  resolved.fieldLengths.find((row) => row.field === 'MATNR') ?? fail('fieldLengths', 'has no row for MATNR');

export type { ExtendedField, RemovedProgram, RemovedTransaction, SimplificationItemRef, SimplifiedTable, TableKind };
export { MATERIAL_NUMBER, REMOVED_PROGRAMS, REMOVED_TRANSACTIONS, SIMPLIFIED_TABLES, TableKinds, resolveCatalog };
