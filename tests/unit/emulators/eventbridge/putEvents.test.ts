import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BusRegistry } from '../../../../local/emulators/eventbridge/buses';
import { entrySize, putEvents } from '../../../../local/emulators/eventbridge/putEvents';

describe('Function: entrySize()', () => {
  it('counts Time as 14 bytes and strings as UTF-8 bytes, as the EventBridge user guide does', () => {
    expect(entrySize({ Time: 1, Source: 'src', DetailType: 'tÿpe', Detail: '{"a":"é"}', Resources: ['r1', 'r2'] })).toBe(14 + 3 + 5 + 10 + 4);
  });
});

describe('Function: putEvents()', () => {
  let dataDir: string;
  let buses: BusRegistry;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'put-events-test-'));
    buses = await BusRegistry.load(dataDir, 'eu-west-1');
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('puts an entry without EventBusName on the default bus', () => {
    // Act
    const { response, accepted } = putEvents({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] }, buses, 'eu-west-1');

    // Assess
    expect(response.FailedEntryCount).toBe(0);
    expect(accepted[0]).toMatchObject({ eventBusName: 'default', event: { region: 'eu-west-1', resources: [] } });
  });

  it.each([
    ['a Time that is not a timestamp', { Time: 'yesterday' }, 'InvalidArgument'],
    ['Resources that are not strings', { Resources: [1] }, 'InvalidArgument'],
    ['a Detail that is a JSON string', { Detail: '"text"' }, 'MalformedDetail'],
  ])('fails an entry with %s', (_case, override, code) => {
    // Act
    const { response, accepted } = putEvents({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}', ...override }] }, buses, 'eu-west-1');

    // Assess
    expect(response).toEqual({ FailedEntryCount: 1, Entries: [{ ErrorCode: code, ErrorMessage: expect.any(String) }] });
    expect(accepted).toEqual([]);
  });

  it('rejects global endpoints as NotImplemented', () => {
    expect(() => putEvents({ EndpointId: 'abc.xyz', Entries: [] }, buses, 'eu-west-1')).toThrow(expect.objectContaining({ type: 'NotImplemented' }));
  });
});
