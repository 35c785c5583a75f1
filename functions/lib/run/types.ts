/**
 * What flows between the workflow's steps: the unit manifest line (Map item), the analysis batch's result (Map
 * child output) and the split summary. Ids, counts and paths only: execution data never holds code. Also the unit
 * of a batch's findings object (in S3, not execution data).
 */
import type { JsonValue } from 'analysis-engine';
import type { ReportUnit } from '../report';
import type { PackLine } from '../source/packs';

/** One line of the pack manifest: one Distributed Map item (functions/lib/source/packs.ts). */
type ManifestItem = PackLine;

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
  /** Every pack of the run (JSONL), with `known: true` on those whose findings an earlier run produced. */
  packsKey?: string;
  format: string;
  units: number;
  loc: number;
  bytes: number;
  skipped: number;
  duplicates: number;
  /** Packs of the run. */
  packs: number;
  /** Packs the map analyses: the others' findings are known from an earlier run of the same code. */
  packsToAnalyze: number;
  /** Packs already stored from an earlier upload of this customer (not written again). */
  reusedPacks: number;
  /**
   * The same archive was split before (same bytes, rule packs and split options): its packs were taken from that
   * split's record instead of reading the archive's entries again. Outcomes recorded before it lack it.
   */
  splitReused?: boolean;
};

/**
 * One unit in a batch's findings object: the report's unit and, when its analyzer has a code-base phase, the unit's
 * facts (`AnalysisResult.facts`: names, kinds, counts and positions, never source text) for that phase. Findings name
 * archive paths; facts name nothing by path, so they stay valid wherever the unit sits in a later archive.
 */
type RunUnit = ReportUnit & { facts?: JsonValue };

export type { BatchResult, ManifestItem, RunUnit, SplitOutcome, UnitOutcome };
