/** The handlers' settings from their environment (functions/lib/config.ts). */
import { dataBucket, localKeystoreDir, tableName, unitMemoryBudgetMb, unitShards, unitTimeBudgetSeconds } from '../../../functions/lib/config';

describe('Functions: configuration', () => {
  const saved = { ...process.env };

  afterEach(() => {
    process.env = { ...saved };
  });

  it.each([
    ['TABLE_NAME', tableName],
    ['DATA_BUCKET', dataBucket],
  ])('reads %s, and names it when it is missing or empty', (name, read) => {
    // Prepare
    process.env[name] = 'value';

    // Act
    const value = read();
    delete process.env[name];
    const missing = () => read();

    // Assess
    expect(value).toBe('value');
    expect(missing).toThrow(expect.objectContaining({ name: 'ConfigurationError', message: `Environment variable ${name} is not set` }));
    process.env[name] = '';
    expect(missing).toThrow(`Environment variable ${name} is not set`);
  });

  it.each([
    [undefined, 16],
    ['', 16],
    ['4', 4],
  ])('reads UNIT_SHARDS %j as %d', (raw, expected) => {
    // Prepare
    if (raw === undefined) delete process.env.UNIT_SHARDS;
    else process.env.UNIT_SHARDS = raw;

    // Act + Assess
    expect(unitShards()).toBe(expected);
  });

  it.each(['sixteen', '0', '-2', '2.5'])('refuses UNIT_SHARDS %j, naming the variable', (raw) => {
    // Prepare
    process.env.UNIT_SHARDS = raw;

    // Act + Assess
    expect(() => unitShards()).toThrow(expect.objectContaining({ name: 'ConfigurationError', message: expect.stringContaining(`UNIT_SHARDS must be a positive integer, not '${raw}'`) }));
  });

  it.each([
    ['UNIT_MEMORY_BUDGET_MB', () => unitMemoryBudgetMb(), 1024],
    ['UNIT_TIME_BUDGET_SECONDS', () => unitTimeBudgetSeconds(), 60],
  ])('reads %s with its default, and refuses a value that is not a positive integer', (name, read, fallback) => {
    // Prepare
    delete process.env[name];
    const unset = read();
    process.env[name] = '512';
    const set = read();
    process.env[name] = 'lots';

    // Act + Assess
    expect(unset).toBe(fallback);
    expect(set).toBe(512);
    expect(() => read()).toThrow(expect.objectContaining({ name: 'ConfigurationError', message: expect.stringContaining(`${name} must be a positive integer, not 'lots'`) }));
    delete process.env[name];
  });

  it('reads the local keystore directory, undefined when unset or empty', () => {
    // Prepare
    process.env.LOCAL_KEYSTORE_DIR = '/tmp/keys';
    const set = localKeystoreDir();
    process.env.LOCAL_KEYSTORE_DIR = '';

    // Act + Assess
    expect(set).toBe('/tmp/keys');
    expect(localKeystoreDir()).toBeUndefined();
  });
});
