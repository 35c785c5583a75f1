/**
 * Distributed Map `ItemReader` (AWS "ItemReader (Map)"): the items come from S3 instead of the state input.
 *
 * - `arn:aws:states:::s3:getObject` reads one object, as `ReaderConfig.InputType`:
 *   `JSON` (a JSON array), `JSONL` (one JSON value per line), or `CSV` (one object per row, every value a string;
 *   the header is the first row with `CSVHeaderLocation: FIRST_ROW`, or `CSVHeaders` with `GIVEN`;
 *   `CSVDelimiter` COMMA, PIPE, SEMICOLON, SPACE or TAB).
 * - `arn:aws:states:::s3:listObjectsV2` lists a bucket (Prefix optional); each object is an item
 *   `{ Etag, Key, LastModified, Size, StorageClass }` with LastModified in epoch seconds, as AWS gives it.
 *
 * `ReaderConfig.MaxItems` (or MaxItemsPath, or a JSONata expression) keeps only the first items. Every failure to
 * read or parse is States.ItemReaderFailed, with a cause that says what and where (never the data).
 */
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { parse as parseCsv } from 'csv-parse/sync';
import { DistributedMapDefaults } from '../constants';
import { StatesError, StatesErrorNames } from '../errors';
import { fieldValue, templateValue } from '../io';
import type { StateRun } from '../runtime';
import { integerFromPath, positiveInteger } from '../states/fieldErrors';
import type { ItemReader, MapState } from '../types';

/** Items read, and where each came from (`$$.Map.Item.Source`). */
type ReadItems = { items: unknown[]; source: string };

const CSV_DELIMITERS = { COMMA: ',', PIPE: '|', SEMICOLON: ';', SPACE: ' ', TAB: '\t' } as const;

const READERS = {
  getObject: 'arn:aws:states:::s3:getObject',
  listObjectsV2: 'arn:aws:states:::s3:listObjectsV2',
} as const;

const readerFailed = (run: StateRun, problem: string): StatesError =>
  new StatesError(StatesErrorNames.ItemReaderFailed, `The ItemReader of Map state '${run.name}' failed: ${problem}`);

const describeS3Error = (error: unknown): string => {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The reader's Parameters (JSONPath) or Arguments (JSONata), evaluated against the effective input. */
const readerArguments = async (run: StateRun<MapState>, reader: ItemReader, input: unknown): Promise<Record<string, unknown>> => {
  const template = run.language === 'JSONata' ? reader.Arguments : reader.Parameters;
  const value = template === undefined ? {} : await templateValue(run, { field: 'ItemReader', template, pathInput: input });
  if (!isObject(value)) throw readerFailed(run, 'its Parameters/Arguments must give an object');
  return value;
};

/**
 * ReaderConfig.MaxItems, evaluated before the map run starts (a MaxItemsPath that is not an integer fails the state
 * there, with States.Runtime, as on AWS); 0 means no limit. A negative value fails the run itself (see readItems).
 */
const maxItemsOf = async (run: StateRun<MapState>, reader: ItemReader, input: unknown): Promise<number | undefined> => {
  const config = reader.ReaderConfig ?? {};
  if (config.MaxItemsPath !== undefined) {
    const value = await fieldValue(run, { field: 'MaxItems', value: undefined, path: config.MaxItemsPath, pathInput: input });
    const max = integerFromPath(run, 'MaxItemsPath', config.MaxItemsPath, value);
    return max === 0 ? undefined : max;
  }
  if (config.MaxItems === undefined) return undefined;
  const value = await fieldValue(run, { field: 'MaxItems', value: config.MaxItems, pathInput: input });
  const max = positiveInteger(run, 'ItemReader.ReaderConfig.MaxItems', value, { allowZero: true, max: DistributedMapDefaults.maxItemsLimit });
  // MaxItems 0 means no limit (the AWS default).
  return max === 0 ? undefined : max;
};

const parseObject = (run: StateRun<MapState>, reader: ItemReader, text: string, where: string): unknown[] => {
  const config = reader.ReaderConfig ?? {};
  switch (config.InputType) {
    case 'JSON': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        throw readerFailed(run, `${where} is not valid JSON (${(error as Error).message})`);
      }
      // AWS's cause, word for word.
      if (!Array.isArray(parsed)) throw new StatesError(StatesErrorNames.ItemReaderFailed, 'Attempting to map over non-iterable node.');
      return parsed;
    }
    case 'JSONL':
      return text.split(/\r?\n/).flatMap((line, index) => {
        if (line.trim() === '') return [];
        try {
          return [JSON.parse(line) as unknown];
        } catch {
          throw readerFailed(run, `line ${index + 1} of ${where} is not valid JSON`);
        }
      });
    case 'CSV': {
      const delimiter = CSV_DELIMITERS[config.CSVDelimiter ?? 'COMMA'];
      const given = config.CSVHeaderLocation === 'GIVEN';
      if (given && (!Array.isArray(config.CSVHeaders) || config.CSVHeaders.length === 0)) {
        throw readerFailed(run, 'CSVHeaderLocation GIVEN needs CSVHeaders');
      }
      if (given && new Set(config.CSVHeaders).size !== config.CSVHeaders?.length) {
        // AWS's cause, word for word.
        throw new StatesError(StatesErrorNames.ItemReaderFailed, 'CSV headers cannot contain duplicates.');
      }
      try {
        return parseCsv(text, { delimiter, columns: given ? config.CSVHeaders : true, skip_empty_lines: true, bom: true }) as unknown[];
      } catch (error) {
        throw readerFailed(run, `${where} is not valid CSV (${(error as Error).message})`);
      }
    }
    default:
      throw readerFailed(run, `ReaderConfig.InputType '${String(config.InputType)}' is not supported (JSON, JSONL or CSV)`);
  }
};

const requireString = (run: StateRun, args: Record<string, unknown>, name: string): string => {
  const value = args[name];
  if (typeof value !== 'string' || value === '') throw readerFailed(run, `its arguments need a '${name}' string`);
  return value;
};

/** What the reader needs that is evaluated before the map run starts. */
type ReaderSettings = { maxItems?: number };

/**
 * Evaluates the reader's settings before the map run starts: a failure here is the state's (States.Runtime, no map
 * run), as on AWS.
 *
 * @example
 * const settings = await readerSettings(run, state.ItemReader, effectiveInput);
 */
const readerSettings = async (run: StateRun<MapState>, reader: ItemReader, input: unknown): Promise<ReaderSettings> => ({
  maxItems: await maxItemsOf(run, reader, input),
});

/**
 * Reads the items of a Distributed Map from S3, inside the map run: every failure is States.ItemReaderFailed.
 *
 * @example
 * const { items, source } = await readItems(run, state.ItemReader, effectiveInput, settings);
 */
const readItems = async (run: StateRun<MapState>, reader: ItemReader, input: unknown, settings: ReaderSettings): Promise<ReadItems> => {
  const { maxItems } = settings;
  // AWS's cause, word for word.
  if (maxItems !== undefined && maxItems < 0) throw new StatesError(StatesErrorNames.ItemReaderFailed, 'field MaxItems must be positive');
  const args = await readerArguments(run, reader, input);
  const s3 = run.frame.execution.engine.s3.client();
  const bucket = requireString(run, args, 'Bucket');
  if (reader.Resource === READERS.getObject) {
    const key = requireString(run, args, 'Key');
    const where = `s3://${bucket}/${key}`;
    let text: string;
    try {
      const response = await s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, ...(typeof args.VersionId === 'string' ? { VersionId: args.VersionId } : {}) }),
        { abortSignal: run.frame.signal },
      );
      text = (await response.Body?.transformToString('utf-8')) ?? '';
    } catch (error) {
      if (run.frame.signal.aborted) throw error;
      throw readerFailed(run, `reading ${where} failed (${describeS3Error(error)})`);
    }
    const items = parseObject(run, reader, text, where);
    return { items: maxItems === undefined ? items : items.slice(0, maxItems), source: where };
  }
  if (reader.Resource === READERS.listObjectsV2) {
    const prefix = typeof args.Prefix === 'string' ? args.Prefix : undefined;
    const items: unknown[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }), { abortSignal: run.frame.signal });
        for (const object of page.Contents ?? []) {
          items.push({
            Etag: object.ETag,
            Key: object.Key,
            LastModified: object.LastModified ? Math.floor(object.LastModified.getTime() / 1000) : undefined,
            Size: object.Size,
            StorageClass: object.StorageClass,
          });
          if (maxItems !== undefined && items.length >= maxItems) break;
        }
        token = page.IsTruncated && (maxItems === undefined || items.length < maxItems) ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (error) {
      if (run.frame.signal.aborted) throw error;
      throw readerFailed(run, `listing s3://${bucket}/${prefix ?? ''} failed (${describeS3Error(error)})`);
    }
    return { items, source: `s3://${bucket}/${prefix ?? ''}` };
  }
  throw readerFailed(run, `the Resource '${reader.Resource}' is not supported (${Object.values(READERS).join(' or ')})`);
};

export { readItems, readerSettings };
export type { ReadItems, ReaderSettings };
