/**
 * Where map runs are recorded while they run: the engine keeps the records (DescribeMapRun, ListMapRuns) and
 * persists every change.
 */
import type { MapRunRecord } from '../store';

/** The engine side of map-run bookkeeping. */
type MapRunRegistry = {
  /** Records a new map run. */
  started(record: MapRunRecord): void;
  /** Records a change of counts or status (the record is the whole new state). */
  updated(record: MapRunRecord): void;
};

export type { MapRunRegistry };
