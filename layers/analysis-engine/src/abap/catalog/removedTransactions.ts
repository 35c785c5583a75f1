/**
 * Transactions that SAP S/4HANA no longer offers, for the `s4_removed_transaction` rule. Seed of the catalog; the
 * entries are data and are hashed into the rule-pack version.
 */

/** One transaction of the catalog. */
type RemovedTransaction = {
  /** Transaction code, upper case. */
  tcode: string;
  /** Simplification item. */
  item: string;
  /** SAP note, when the item has a dedicated one. */
  note?: string;
  /** What to call instead. */
  replacement: string;
};

const businessPartner = (tcode: string): RemovedTransaction => ({
  tcode,
  item: 'Business partner approach: customer and vendor master maintained only through the business partner',
  replacement: 'transaction BP, or the business partner / customer-vendor integration (CVI) APIs for batch input',
});

const mbTransaction = (tcode: string): RemovedTransaction => ({
  tcode,
  item: 'Inventory management: MB transactions replaced by MIGO',
  replacement: 'MIGO in dialog, BAPI_GOODSMVT_CREATE for batch input',
});

/** The catalog. */
const REMOVED_TRANSACTIONS: readonly RemovedTransaction[] = [
  ...['FD01', 'FD02', 'FD03', 'FD05', 'FD06', 'FK01', 'FK02', 'FK03', 'FK05', 'FK06', 'MAP1', 'MAP2', 'MAP3', 'MK01', 'MK02', 'MK03', 'MK05', 'MK06',
    'VAP1', 'VAP2', 'VAP3', 'VD01', 'VD02', 'VD03', 'VD05', 'VD06', 'XD01', 'XD02', 'XD03', 'XD05', 'XD06', 'XD07', 'XK01', 'XK02', 'XK03',
    'XK05', 'XK06', 'XK07'].map((tcode) => businessPartner(tcode)),
  ...['MB01', 'MB02', 'MB03', 'MB04', 'MB05', 'MB0A', 'MB11', 'MB1A', 'MB1B', 'MB1C', 'MB31', 'MBNL', 'MBRL', 'MBSF', 'MBSL', 'MBST', 'MBSU'].map(
    (tcode) => mbTransaction(tcode),
  ),
];

export type { RemovedTransaction };
export { REMOVED_TRANSACTIONS };
