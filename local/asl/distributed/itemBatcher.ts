/**
 * Distributed Map `ItemBatcher` (AWS "ItemBatcher (Map)"): groups items so one child execution processes many.
 * Each child gets `{ "BatchInput": <the evaluated BatchInput>, "Items": [ … ] }` (BatchInput only when set).
 * A batch closes when it holds MaxItemsPerBatch items, or when the next item would make its JSON larger than
 * MaxInputBytesPerBatch (at most 256 KiB); an item that alone is too large still gets a batch of its own, and the
 * child execution then fails on the payload limit, as it would in AWS.
 */
import { DistributedMapDefaults } from '../constants';
import { fieldValue, templateValue } from '../io';
import type { StateRun } from '../runtime';
import { integerFromPath, positiveInteger } from '../states/fieldErrors';
import type { ItemBatcher, MapState } from '../types';
import { jsonBytes } from '../jsonText';

/** One batch: the child execution input and how many items it carries. */
type Batch = { input: { BatchInput?: unknown; Items: unknown[] }; itemCount: number };

/** The limits and the shared input of the batches, evaluated once per Map run. */
type BatchSettings = { maxItems?: number; maxBytes?: number; batchInput?: unknown };

/**
 * Evaluates the ItemBatcher fields (literals, JSONata, or *Path on the effective input).
 *
 * @example
 * const settings = await batchSettings(run, state.ItemBatcher, effectiveInput);
 */
const batchSettings = async (run: StateRun<MapState>, batcher: ItemBatcher, input: unknown): Promise<BatchSettings> => {
  // A …Path value is read from its text, as Step Functions reads Map path fields ("2" is 2).
  const limit = async (field: 'MaxItemsPerBatch' | 'MaxInputBytesPerBatch', max?: number): Promise<number | undefined> => {
    const path = batcher[`${field}Path`];
    if (batcher[field] === undefined && path === undefined) return undefined;
    const value = await fieldValue(run, { field, value: batcher[field], path, pathInput: input });
    const number = path === undefined ? value : integerFromPath(run, `${field}Path`, path, value);
    return positiveInteger(run, `ItemBatcher.${field}${path === undefined ? '' : 'Path'}`, number, max === undefined ? {} : { max });
  };
  const maxItems = await limit('MaxItemsPerBatch');
  const maxBytes = await limit('MaxInputBytesPerBatch', DistributedMapDefaults.maxInputBytesPerBatch);
  return {
    ...(maxItems === undefined ? {} : { maxItems }),
    ...(maxBytes === undefined ? {} : { maxBytes }),
    ...(batcher.BatchInput === undefined ? {} : { batchInput: await templateValue(run, { field: 'ItemBatcher.BatchInput', template: batcher.BatchInput, pathInput: input }) }),
  };
};

/**
 * Splits the (already selected) items into batches.
 *
 * @example
 * batchItems([1, 2, 3], { maxItems: 2 }); // [{ input: { Items: [1, 2] }, itemCount: 2 }, { input: { Items: [3] }, itemCount: 1 }]
 */
const batchItems = (items: readonly unknown[], settings: BatchSettings): Batch[] => {
  const batches: Batch[] = [];
  const shell = settings.batchInput === undefined ? {} : { BatchInput: settings.batchInput };
  // Bytes of `{"BatchInput":…,"Items":[]}`; each item adds its own JSON plus a comma.
  const baseBytes = jsonBytes({ ...shell, Items: [] });
  let current: unknown[] = [];
  let bytes = baseBytes;
  const close = (): void => {
    if (current.length === 0) return;
    batches.push({ input: { ...shell, Items: current }, itemCount: current.length });
    current = [];
    bytes = baseBytes;
  };
  for (const item of items) {
    const itemBytes = jsonBytes(item) + (current.length > 0 ? 1 : 0);
    if (settings.maxBytes !== undefined && current.length > 0 && bytes + itemBytes > settings.maxBytes) close();
    current.push(item);
    bytes += current.length > 1 ? itemBytes : jsonBytes(item);
    if (settings.maxItems !== undefined && current.length >= settings.maxItems) close();
  }
  close();
  return batches;
};

export { batchItems, batchSettings };
export type { Batch, BatchSettings };
