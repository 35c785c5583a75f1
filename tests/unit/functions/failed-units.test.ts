import { batchFailureReason, describeFailedBatches, failedBatchUnits, type FailedBatch } from '../../../functions/lib/run';

const batch = (error: string, count: number, offset = 0): FailedBatch => {
  const units = Array.from({ length: count }, (_, index) => ({
    unitId: String(offset + index).padStart(64, '0'),
    path: `src/zcl_unit_${offset + index}.clas.abap`,
    language: 'abap',
    objectType: 'CLAS',
    objectName: `ZCL_UNIT_${offset + index}`,
    loc: 10,
    files: [`src/zcl_unit_${offset + index}.clas.abap`, `src/zcl_unit_${offset + index}.clas.xml`],
  }));
  return { error, cause: '{"errorMessage":"Task timed out after 300.00 seconds"}', unitIds: units.map((unit) => unit.unitId), units, status: 'FAILED' };
};

describe('Function: batchFailureReason()', () => {
  it.each([
    ['Sandbox.Timedout', 'the analysis function ran out of time'],
    ['States.Timeout', 'the analysis function ran out of time'],
    ['Runtime.OutOfMemory', 'the analysis function ran out of memory'],
    ['Lambda.TooManyRequestsException', 'the analysis function could not run'],
    ['S3ServiceException', 'storage could not be reached'],
    ['TransientServiceError', 'an AWS service kept failing after retries'],
    ['PermanentServiceError', 'an AWS service refused the request'],
    ['UnitIntegrityError', 'the analysis function failed'],
  ])('says %s in plain words', (error, reason) => {
    // Act + Assess
    expect(batchFailureReason(error)).toBe(reason);
  });
});

describe('Function: failedBatchUnits()', () => {
  it('lists each unit of a failed batch by path and object, with its lines and files and no internal name', () => {
    // Act
    const [unit] = failedBatchUnits([batch('Sandbox.Timedout', 1)]);

    // Assess
    expect(unit).toEqual({
      unitId: '0'.repeat(64),
      path: 'src/zcl_unit_0.clas.abap',
      language: 'abap',
      objectType: 'CLAS',
      objectName: 'ZCL_UNIT_0',
      loc: 10,
      findings: [],
      files: ['src/zcl_unit_0.clas.abap', 'src/zcl_unit_0.clas.xml'],
      notAnalyzed: { code: 'batch-failed', message: 'Not analysed: the analysis function ran out of time for the batch this unit was in' },
    });
  });
});

describe('Function: describeFailedBatches()', () => {
  it('names the first few units and counts them by reason', () => {
    // Act
    const text = describeFailedBatches([batch('Sandbox.Timedout', 7), batch('Runtime.OutOfMemory', 1, 100)], 2);

    // Assess
    expect(text).toBe(
      '8 units not analysed in 2 failed batches: the analysis function ran out of time (7 units: ZCL_UNIT_0 (src/zcl_unit_0.clas.abap), ' +
        'ZCL_UNIT_1 (src/zcl_unit_1.clas.abap), and 5 more); the analysis function ran out of memory (1 unit: ZCL_UNIT_100 (src/zcl_unit_100.clas.abap))',
    );
    expect(text).not.toMatch(/Sandbox|Runtime\.|Error/);
  });
});
