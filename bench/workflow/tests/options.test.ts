import { availableParallelism } from 'node:os';
import { InvalidOptionError } from '../errors';
import { packsOf, parseOptions } from '../options';

describe('Function: parseOptions()', () => {
  it('gives the documented defaults', () => {
    // Act
    const options = parseOptions([]);

    // Assess
    expect(options).toEqual({
      pack: 'abap',
      loc: 200_000,
      batch: undefined,
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

  it.each(['abap', 'angularjs', 'all'])('reads --pack %s', (pack) => {
    // Act & Assess
    expect(parseOptions(['--pack', pack])?.pack).toBe(pack);
  });

  it('refuses an unknown pack, naming the packs it takes', () => {
    // Act & Assess
    expect(() => parseOptions(['--pack', 'cobol'])).toThrow(InvalidOptionError);
    expect(() => parseOptions(['--pack', 'cobol'])).toThrow("--pack takes one of abap, angularjs, all (got 'cobol')");
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

describe('Function: packsOf()', () => {
  it.each([
    [['--pack', 'all'], [{ pack: 'abap', batch: 500 }, { pack: 'angularjs', batch: 500 }]],
    [[], [{ pack: 'abap', batch: 500 }]],
    [['--pack', 'angularjs'], [{ pack: 'angularjs', batch: 500 }]],
    [['--pack', 'all', '--batch', '40'], [{ pack: 'abap', batch: 40 }, { pack: 'angularjs', batch: 40 }]],
  ])('runs %p as %p', (argv, expected) => {
    // Act & Assess
    expect(packsOf(parseOptions(argv)!)).toEqual(expected);
  });
});
