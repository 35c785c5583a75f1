import { randomBytes } from 'node:crypto';
import { decryptReport, encryptReport, rawAesKeyring } from '../../../functions/lib/crypto';
import {
  buildReport,
  MalformedReportError,
  parseReport,
  renderJson,
  serializeReport,
  UnsupportedReportVersionError,
} from '../../../functions/lib/report';
import { assessedInput, smallInput } from './fixtures';

const now = () => new Date('2024-05-01T10:06:00.000Z');

describe('Function: parseReport()', () => {
  it('reads back what serializeReport wrote', () => {
    const report = buildReport(smallInput(), { now });
    expect(parseReport(serializeReport(report))).toEqual(report);
  });

  it('reads back a report with code-base assessments', () => {
    const report = buildReport(assessedInput(), { now });
    expect(parseReport(serializeReport(report))).toEqual(report);
  });

  it('reads a report written without assessments as one without assessments', () => {
    // Prepare
    const { assessments: _assessments, ...earlier } = buildReport(smallInput(), { now });

    // Act
    const report = parseReport(JSON.stringify(earlier));

    // Assess
    expect(report.assessments).toEqual([]);
    expect(report.reportVersion).toBe(2);
  });

  it('refuses another report version', () => {
    const text = JSON.stringify({ ...buildReport(smallInput(), { now }), reportVersion: 1 });
    expect(() => parseReport(text)).toThrow(UnsupportedReportVersionError);
    expect(() => parseReport(text)).toThrow('Unsupported report version 1: this code reads version 2');
  });

  it.each([
    ['(report)', 'not valid JSON', () => '{"reportVersion":1'],
    ['(report)', 'expected an object', () => '[1]'],
    ['run.runId', 'expected a string', () => JSON.stringify({ ...buildReport(smallInput(), { now }), run: { customerId: 'acme' } })],
    ['objects', 'expected an array', () => JSON.stringify({ ...buildReport(smallInput(), { now }), objects: null })],
    ['assessments', 'expected an array', () => JSON.stringify({ ...buildReport(assessedInput(), { now }), assessments: { angular: 1 } })],
    [
      'assessments[0].recommendation.reasons',
      'expected an array',
      () => {
        const report = buildReport(assessedInput(), { now });
        (report.assessments[0].recommendation as { reasons: unknown }).reasons = 'rewrite it';
        return JSON.stringify(report);
      },
    ],
    [
      'objects[0].findings[1].severity',
      'expected one of blocker, critical, major, minor, info',
      () => {
        const report = buildReport(smallInput(), { now });
        (report.objects[0].findings[1] as { severity: string }).severity = 'fatal';
        return JSON.stringify(report);
      },
    ],
  ])('names %s when it is wrong (%s)', (path, reason, text) => {
    const error = (() => {
      try {
        parseReport(text());
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(MalformedReportError);
    expect(error).toMatchObject({ path });
    expect((error as Error).message).toContain(reason);
  });
});

describe('Feature: report pipeline', () => {
  it('builds, encrypts, decrypts with the same customer key, parses and renders the same report', async () => {
    // Prepare
    const keyring = rawAesKeyring('acme', randomBytes(32));
    const report = buildReport(smallInput(), { now });

    // Act
    const ciphertext = await encryptReport(serializeReport(report), keyring, { customerId: 'acme', runId: 'run-1' });
    const reopened = parseReport(await decryptReport(ciphertext, keyring, { customerId: 'acme', runId: 'run-1' }));

    // Assess
    expect(reopened).toEqual(report);
    expect(renderJson(reopened)).toBe(renderJson(report));
    expect(Buffer.from(ciphertext).includes(Buffer.from('VBUK'))).toBe(false);
  });
});
