/**
 * The event buses the local EventBridge knows: `default` always, others created through CreateEventBus (or
 * declared at start), kept in `<dataDir>/buses.json` so they survive restarts.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EventBridgeApiError } from './errors';
import type { EventBusRecord } from './types';

/** Local stand-in for the 12-digit account id. */
const LOCAL_ACCOUNT_ID = '000000000000';
const DEFAULT_BUS = 'default';

/** Custom bus names: 1–256 of `.`, `-`, `_`, letters and digits (partner buses, with `/`, are not emulated). */
const BUS_NAME = /^[.\-_A-Za-z0-9]{1,256}$/;

/**
 * Bus records, persisted. The name accepted everywhere may also be a bus ARN, as in the EventBridge API.
 *
 * @example
 * const buses = await BusRegistry.load('/tmp/eb', 'us-east-1');
 * await buses.create('app-bus');
 */
class BusRegistry {
  private readonly file: string;
  private readonly region: string;
  private readonly buses = new Map<string, EventBusRecord>();

  private constructor(dataDir: string, region: string) {
    this.file = join(dataDir, 'buses.json');
    this.region = region;
  }

  /** Reads the stored buses (if any) and makes sure `default` exists. */
  public static async load(dataDir: string, region: string): Promise<BusRegistry> {
    const registry = new BusRegistry(dataDir, region);
    let stored: EventBusRecord[] = [];
    try {
      stored = JSON.parse(await readFile(registry.file, 'utf8')) as EventBusRecord[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const bus of stored) registry.buses.set(bus.Name, bus);
    if (!registry.buses.has(DEFAULT_BUS)) registry.buses.set(DEFAULT_BUS, registry.record(DEFAULT_BUS));
    return registry;
  }

  /** The ARN of a bus name in this account and region. */
  public arnOf(name: string): string {
    return `arn:aws:events:${this.region}:${LOCAL_ACCOUNT_ID}:event-bus/${name}`;
  }

  /** Resolves a name or ARN (absent means `default`) to a known bus, or undefined. */
  public find(nameOrArn: string | undefined): EventBusRecord | undefined {
    return this.buses.get(this.nameOf(nameOrArn));
  }

  /** Like {@link find}, but answers ResourceNotFoundException as EventBridge does. */
  public require(nameOrArn: string | undefined): EventBusRecord {
    const bus = this.find(nameOrArn);
    if (!bus) throw new EventBridgeApiError('ResourceNotFoundException', `Event bus ${this.nameOf(nameOrArn)} does not exist.`);
    return bus;
  }

  /** The bus name of a name or ARN. */
  public nameOf(nameOrArn: string | undefined): string {
    if (nameOrArn === undefined || nameOrArn === '') return DEFAULT_BUS;
    const arn = /^arn:aws[a-z-]*:events:[^:]*:\d{12}:event-bus\/(.+)$/.exec(nameOrArn);
    return arn ? arn[1] : nameOrArn;
  }

  public list(): EventBusRecord[] {
    return [...this.buses.values()].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
  }

  public async create(name: string, description?: string): Promise<EventBusRecord> {
    if (!BUS_NAME.test(name)) {
      throw new EventBridgeApiError(
        'ValidationException',
        `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+ and have length between 1 and 256`,
      );
    }
    if (this.buses.has(name)) throw new EventBridgeApiError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
    const bus = this.record(name, description);
    this.buses.set(name, bus);
    await this.save();
    return bus;
  }

  /** Creates `name` unless it exists (for buses declared when the emulator starts). */
  public async ensure(name: string): Promise<EventBusRecord> {
    return this.buses.get(name) ?? this.create(name);
  }

  public async delete(nameOrArn: string): Promise<void> {
    const name = this.nameOf(nameOrArn);
    if (name === DEFAULT_BUS) throw new EventBridgeApiError('ValidationException', 'Cannot delete event bus default.');
    // DeleteEventBus of a missing bus succeeds in EventBridge.
    if (this.buses.delete(name)) await this.save();
  }

  private record(name: string, description?: string): EventBusRecord {
    const now = Math.floor(Date.now() / 1000);
    return { Name: name, Arn: this.arnOf(name), Description: description, CreationTime: now, LastModifiedTime: now };
  }

  private async save(): Promise<void> {
    const temporary = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, JSON.stringify(this.list(), null, 2));
    await rename(temporary, this.file);
  }
}

export { BusRegistry, DEFAULT_BUS, LOCAL_ACCOUNT_ID };
