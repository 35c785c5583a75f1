/**
 * Database tables whose role changed in SAP S/4HANA, for the `s4_simplified_table` rule.
 *
 * This is the seed of the simplification-item catalog: each entry names the simplification item and the SAP note
 * that describes it. Entries are data, so extending the catalog changes the rule-pack version (it is hashed) without
 * touching the check.
 */

/** What a read of the table returns on S/4HANA. */
const ReadImpacts = {
  /** The table still exists in the dictionary but the application no longer fills it: reads return nothing. */
  NOT_FILLED: 'notFilled',
  /** The table was replaced by a same-named compatibility (CDS proxy) view: reads work, writes are impossible. */
  COMPATIBILITY_VIEW: 'compatibilityView',
} as const;

type ReadImpact = (typeof ReadImpacts)[keyof typeof ReadImpacts];

/** One table of the catalog. */
type SimplifiedTable = {
  /** Table name, upper case. */
  table: string;
  /** Simplification item, as the simplification list names the topic. */
  item: string;
  /** SAP note describing the change for custom code. */
  note: string;
  readImpact: ReadImpact;
  /** Where the data lives now / what to use instead. */
  replacement: string;
};

const sd = (table: string, replacement: string): SimplifiedTable => ({
  table,
  item: 'SD data model: status tables VBUK/VBUP eliminated',
  note: '2198647',
  readImpact: ReadImpacts.NOT_FILLED,
  replacement,
});

const inventory = (table: string, readImpact: ReadImpact = ReadImpacts.COMPATIBILITY_VIEW): SimplifiedTable => ({
  table,
  item: 'Inventory management data model: material documents and stock in MATDOC',
  note: '2206980',
  readImpact,
  replacement: 'MATDOC, or the released material document and stock CDS views',
});

const finance = (table: string): SimplifiedTable => ({
  table,
  item: 'Finance data model: totals and index tables replaced by compatibility views on the Universal Journal',
  note: '1976487',
  readImpact: ReadImpacts.COMPATIBILITY_VIEW,
  replacement: 'ACDOCA (Universal Journal) or the released journal entry CDS views',
});

/** The catalog, alphabetical within each simplification item. */
const SIMPLIFIED_TABLES: readonly SimplifiedTable[] = [
  sd('VBUK', 'status fields now in VBAK, LIKP and VBRK'),
  sd('VBUP', 'status fields now in VBAP and LIPS'),
  {
    table: 'KONV',
    item: 'Pricing data model: condition records of documents moved from KONV to PRCD_ELEMENTS',
    note: '2220005',
    readImpact: ReadImpacts.NOT_FILLED,
    replacement: 'PRCD_ELEMENTS, read through CL_PRC_RESULT_FACTORY',
  },
  inventory('MKPF'),
  inventory('MSEG'),
  // Hybrid tables keep their master data but their stock quantities are computed from MATDOC on read.
  inventory('MARD'),
  inventory('MCHB'),
  // Replaced aggregation tables: stock quantities only, computed from MATDOC.
  ...['MKOL', 'MSKA', 'MSKU', 'MSLB', 'MSPR', 'MSSA', 'MSSL', 'MSSQ', 'MSTB', 'MSTE', 'MSTQ'].map((table) => inventory(table)),
  ...['BSAD', 'BSAK', 'BSAS', 'BSID', 'BSIK', 'BSIS', 'COSP', 'COSS', 'FAGLBSAS', 'FAGLBSIS', 'FAGLFLEXT', 'GLT0', 'KNC1', 'KNC3', 'LFC1', 'LFC3'].map(
    (table) => finance(table),
  ),
];

export type { ReadImpact, SimplifiedTable };
export { ReadImpacts, SIMPLIFIED_TABLES };
