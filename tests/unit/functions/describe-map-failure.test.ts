/**
 * describeMapFailure() over a hand-written ResultWriter layout in the local S3 server: the first failed batch's
 * error and reason, not the map's threshold message.
 */
import { describeMapFailure } from '../../../functions/describe-map-failure/describe-map-failure';
import { sampleUnits, unitId, writeMapRun } from './support/map-results';
import { startLocalS3, type LocalS3 } from './support/local-services';

const THRESHOLD = { Error: 'States.ExceedToleratedFailureThreshold', Cause: 'The specified tolerated failure threshold was exceeded' };

describe('Function: describeMapFailure()', () => {
  let s3: LocalS3;

  beforeAll(async () => {
    s3 = await startLocalS3();
  });

  afterAll(async () => {
    await s3.stop();
  });

  it('names the first failed batch’s error and reason, unit and all, and how many units failed', async () => {
    // Prepare
    const { a } = sampleUnits();
    const payload = JSON.stringify({
      errorType: 'PermanentServiceError',
      errorMessage: 'unit src/zfoo.prog.abap (ab12): S3 GetObject of s3://data-bucket/units/acme/ab12 failed: AccessDenied (HTTP 403): Access Denied',
      trace: ['PermanentServiceError: …'],
    });
    await writeMapRun(s3, 'acme', 'r1', {
      succeeded: [{ batchId: 'b1', units: [a] }],
      failed: [
        { unitIds: [unitId(6)], error: 'States.TaskFailed', cause: 'The map run that started this execution stopped', status: 'ABORTED' },
        { unitIds: [unitId(7), unitId(8)], error: 'PermanentServiceError', cause: payload },
        { unitIds: [unitId(9)], error: 'PermanentServiceError', cause: payload },
      ],
    });

    // Act
    const described = await describeMapFailure({ customerId: 'acme', runId: 'r1', bucket: s3.bucket, failure: THRESHOLD }, { blobs: s3.blobs });

    // Assess
    expect(described).toEqual({
      Error: 'PermanentServiceError',
      Cause:
        '3 unit(s) in 2 of 4 batches failed, more than the run tolerates (1 more batches were stopped). First: PermanentServiceError: unit src/zfoo.prog.abap (ab12): S3 GetObject of s3://data-bucket/units/acme/ab12 failed: AccessDenied (HTTP 403): Access Denied',
    });
  });

  it('answers what was caught when the map wrote no failed batch', async () => {
    // Act
    const described = await describeMapFailure({ customerId: 'acme', runId: 'never-ran', bucket: s3.bucket, failure: THRESHOLD }, { blobs: s3.blobs });

    // Assess
    expect(described).toEqual(THRESHOLD);
  });

  it('refuses an event without valid ids, naming the field', async () => {
    await expect(describeMapFailure({ customerId: 'acme', runId: '../x', bucket: s3.bucket, failure: THRESHOLD }, { blobs: s3.blobs })).rejects.toMatchObject({
      name: 'InvalidEventError',
      field: 'runId',
    });
  });
});
