/**
 * What flows between the workflow's steps: the unit manifest line (Map item), the analysis batch's result (Map
 * child output) and the split summary. Ids, counts and paths only: execution data never holds code.
 */

/** One line of the unit manifest: one Distributed Map item. */
type ManifestItem = {
  unitId: string;
  language: string;
  loc: number;
  bytes: number;
};

/** One unit's outcome in a batch result. */
type UnitOutcome = {
  unitId: string;
  loc: number;
  findings: number;
  effortMinutes: number;
  /** Findings came from the customer's findings cache (the unit was analysed in an earlier run). */
  cached: boolean;
  /** Why the unit was not analysed (no analyzer for its language). */
  notAnalyzed?: string;
};

/** Output of one Analyze batch child execution. */
type BatchResult = {
  batchId: string;
  /** The findings object of this batch (see layout.findingsObjectKey). */
  findingsKey: string;
  rulePackVersion: string;
  units: UnitOutcome[];
};

/** Output of Split source into units (the workflow keeps it as $split). */
type SplitOutcome = {
  manifest: { bucket: string; key: string };
  summaryKey: string;
  format: string;
  units: number;
  loc: number;
  bytes: number;
  skipped: number;
  duplicates: number;
  /** Units whose content was already stored from an earlier upload of this customer. */
  reusedUnits: number;
};

export type { BatchResult, ManifestItem, SplitOutcome, UnitOutcome };
