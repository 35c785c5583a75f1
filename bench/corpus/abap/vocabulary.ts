/**
 * Names the corpus generator builds code from: business areas, nouns for object and routine names, and standard SAP
 * tables that S/4HANA kept unchanged (the clean code reads these), with a key, a numeric and a text-like field each.
 */

/** A package of the generated code base: folder, abapGit package description and object name prefix. */
type Area = { folder: string; prefix: string; description: string };

/** A standard table that stays unchanged in S/4HANA, with fields the generated statements use. */
type CleanTable = { name: string; key: string; amount: string; text: string };

const AREAS: readonly Area[] = [
  { folder: 'sd', prefix: 'sd', description: 'Sales and distribution extensions' },
  { folder: 'mm', prefix: 'mm', description: 'Materials management extensions' },
  { folder: 'fi', prefix: 'fi', description: 'Financial accounting extensions' },
  { folder: 'co', prefix: 'co', description: 'Controlling extensions' },
  { folder: 'pp', prefix: 'pp', description: 'Production planning extensions' },
  { folder: 'le', prefix: 'le', description: 'Logistics execution extensions' },
];

const NOUNS: readonly string[] = [
  'order', 'delivery', 'invoice', 'stock', 'vendor', 'customer', 'material', 'batch', 'price', 'payment',
  'ledger', 'route', 'label', 'plan', 'quota', 'credit', 'rebate', 'ship', 'return', 'claim',
];

const VERBS: readonly string[] = ['read', 'check', 'build', 'post', 'sum', 'map', 'load', 'send', 'list', 'fill', 'calc', 'sync'];

const CLEAN_TABLES: readonly CleanTable[] = [
  { name: 'vbak', key: 'vbeln', amount: 'netwr', text: 'kunnr' },
  { name: 'vbap', key: 'vbeln', amount: 'kwmeng', text: 'matnr' },
  { name: 'likp', key: 'vbeln', amount: 'btgew', text: 'lfart' },
  { name: 'lips', key: 'vbeln', amount: 'lfimg', text: 'matnr' },
  { name: 'vbrk', key: 'vbeln', amount: 'netwr', text: 'fkart' },
  { name: 'vbrp', key: 'vbeln', amount: 'fkimg', text: 'matnr' },
  { name: 'mara', key: 'matnr', amount: 'brgew', text: 'mtart' },
  { name: 'makt', key: 'matnr', amount: 'spras', text: 'maktx' },
  { name: 'kna1', key: 'kunnr', amount: 'umsa1', text: 'name1' },
  { name: 'lfa1', key: 'lifnr', amount: 'konzs', text: 'name1' },
  { name: 'bkpf', key: 'belnr', amount: 'kursf', text: 'blart' },
  { name: 'ekko', key: 'ebeln', amount: 'wkurs', text: 'lifnr' },
  { name: 'ekpo', key: 'ebeln', amount: 'menge', text: 'matnr' },
  { name: 'acdoca', key: 'belnr', amount: 'hsl', text: 'racct' },
  { name: 'matdoc', key: 'mblnr', amount: 'menge', text: 'matnr' },
  { name: 'prcd_elements', key: 'knumv', amount: 'kbetr', text: 'kschl' },
];

/** Transactions that S/4HANA keeps, for clean authority checks and calls. */
const CURRENT_TRANSACTIONS: readonly string[] = ['VA03', 'VL03N', 'VF03', 'ME23N', 'MM03', 'FB03', 'MIGO', 'BP', 'MMBE', 'CO03'];

/** A plausible field to update per simplified table, for the generated write statements. */
const UPDATE_FIELDS: Record<string, string> = {
  VBUK: 'gbstk', VBUP: 'gbsta', KONV: 'kbetr', VBOX: 'kunnr', MKPF: 'bktxt', MSEG: 'sgtxt', MARC: 'dispo', MARD: 'lgpbe', MCHB: 'cvmla',
  BSIS: 'sgtxt', BSAS: 'sgtxt', BSID: 'zuonr', BSAD: 'zuonr', BSIK: 'zuonr', BSAK: 'zuonr', GLT0: 'tslvt', FAGLFLEXT: 'tslvt',
  KNC1: 'umsav', KNC3: 'saldv', LFC1: 'umsav', LFC3: 'saldv', COSP: 'wkg001', COSS: 'wkg001', COEP: 'sgtxt',
};

export type { Area, CleanTable };
export { AREAS, CLEAN_TABLES, CURRENT_TRANSACTIONS, NOUNS, UPDATE_FIELDS, VERBS };
