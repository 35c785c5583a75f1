import { availableParallelism } from 'node:os';
import { InvalidOptionError } from '../errors';
import { parseOptions } from '../options';

describe('Function: parseOptions()', () => {
  it('gives the documented defaults', () => {
    // Act
    const options = parseOptions([]);

    // Assess
    expect(options).toEqual({
      loc: 200_000,
      batch: 25,
      seed: 1,
      passes: 2,
      loads: 5,
      processLoads: 3,
      concurrency: availableParallelism(),
      timeoutSeconds: 1800,
      json: undefined,
      fromJson: undefined,
      keep: false,
      countRequests: true,
    });
  });

  it('reads every option', () => {
    // Act
    const options = parseOptions(['--loc', '5000', '--batch', '10', '--seed', '0', '--process-loads', '0', '--no-count', '--keep', '--json', 'r.json']);

    // Assess
    expect(options).toMatchObject({ loc: 5000, batch: 10, seed: 0, processLoads: 0, countRequests: false, keep: true, json: 'r.json' });
  });

  it('answers help with undefined', () => {
    // Act & Assess
    expect(parseOptions(['-h'])).toBeUndefined();
  });

  it.each([
    [['--loc', 'abc'], 'loc'],
    [['--batch', '0'], 'batch'],
    [['--passes', '1.5'], 'passes'],
    [['--timeout', '5'], 'timeout'],
  ])('refuses %p, naming --%s', (argv, option) => {
    // Act & Assess
    expect(() => parseOptions(argv)).toThrow(InvalidOptionError);
    expect(() => parseOptions(argv)).toThrow(`--${option} takes a whole number`);
  });

  it('refuses an unknown option', () => {
    // Act & Assess
    expect(() => parseOptions(['--lines', '5'])).toThrow(/Unknown option '--lines'/);
  });
});
