/** CustomerStore against dynalite with the table of template.yaml. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CustomerStore, DEFAULT_PLAN, type CustomerProfile } from '../../../functions/lib/store';
import { startLocalTable, type LocalTable } from '../functions/support/local-services';

const profile = (customerId: string, overrides: Partial<CustomerProfile> = {}): CustomerProfile => ({
  customerId,
  status: 'ACTIVE',
  keyId: `local:${customerId}:1`,
  plan: DEFAULT_PLAN,
  rulePacks: ['abap-s4hana'],
  createdAt: '2024-01-01T00:00:00.000Z',
  ...overrides,
});

describe('Class: CustomerStore', () => {
  let ddb: LocalTable;
  let customers: CustomerStore;

  beforeAll(async () => {
    ddb = await startLocalTable();
    customers = new CustomerStore(ddb.documents, ddb.table);
  });

  afterAll(async () => {
    await ddb?.stop();
  });

  it('reads back the profile it created, without table keys', async () => {
    // Prepare
    const acme = profile('acme', { plan: { maxArchiveBytes: 1024, maxUnits: 10, maxLoc: 1000 } });

    // Act
    await customers.create(acme);
    const read = await customers.get('acme');

    // Assess
    expect(read).toEqual(acme);
  });

  it('answers undefined for a customer never onboarded', async () => {
    expect(await customers.get('nobody')).toBeUndefined();
  });

  it('refuses to create a customer twice and keeps the first key id', async () => {
    // Prepare
    await customers.create(profile('twice'));

    // Act
    const again = customers.create(profile('twice', { keyId: 'local:twice:2' }));

    // Assess
    await expect(again).rejects.toMatchObject({ name: 'CustomerAlreadyExistsError', customerId: 'twice', message: expect.stringContaining('twice') });
    expect((await customers.get('twice'))!.keyId).toBe('local:twice:1');
  });

  it('lists a customer with a recurring analysis in the due-time index, and hides the index keys from the profile', async () => {
    // Prepare
    const recurring = profile('weekly', { recurring: { bucket: 'data', key: 'uploads/weekly/src.zip', intervalDays: 7 } });

    // Act
    await customers.create(recurring, '2024-05-08T00:00:00.000Z');

    // Assess
    const { Items = [] } = await ddb.documents.send(
      new QueryCommand({ TableName: ddb.table, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :due', ExpressionAttributeValues: { ':due': 'RECURRING' } }),
    );
    expect(Items).toEqual([expect.objectContaining({ customerId: 'weekly', GSI1SK: '2024-05-08T00:00:00.000Z', recurring: recurring.recurring })]);
    expect(await customers.get('weekly')).toEqual(recurring);
  });

  it('suspends and reactivates a customer', async () => {
    // Prepare
    await customers.create(profile('flip'));

    // Act
    await customers.setStatus('flip', 'SUSPENDED');
    const suspended = await customers.get('flip');
    await customers.setStatus('flip', 'ACTIVE');

    // Assess
    expect(suspended!.status).toBe('SUSPENDED');
    expect((await customers.get('flip'))!.status).toBe('ACTIVE');
  });

  it('refuses to set the status of an unknown customer, and creates nothing', async () => {
    // Act + Assess
    await expect(customers.setStatus('ghost', 'SUSPENDED')).rejects.toMatchObject({ name: 'CustomerNotFoundError', customerId: 'ghost' });
    expect(await customers.get('ghost')).toBeUndefined();
  });
});
