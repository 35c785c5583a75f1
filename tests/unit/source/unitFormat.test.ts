import { createHash } from 'node:crypto';
import { parseUnit, serializeUnit, unitIdOf } from '../../../functions/lib/source';

const UNIT = {
  language: 'abap' as const,
  objectType: 'CLAS',
  objectName: 'ZCL_X',
  files: [
    { name: 'zcl_x.clas.xml', text: '<x/>' },
    { name: 'zcl_x.clas.abap', text: 'CLASS zcl_x DEFINITION.\nENDCLASS.\n' },
  ],
};

describe('Function: serializeUnit()', () => {
  it('writes canonical JSON: fixed key order, files sorted by name, no paths', () => {
    // Act
    const body = serializeUnit({ ...UNIT, files: UNIT.files.map((file) => ({ ...file, path: `src/${file.name}` })) });

    // Assess
    expect(body.toString('utf8')).toBe(
      '{"v":1,"language":"abap","objectType":"CLAS","objectName":"ZCL_X","files":[' +
        '{"name":"zcl_x.clas.abap","text":"CLASS zcl_x DEFINITION.\\nENDCLASS.\\n"},{"name":"zcl_x.clas.xml","text":"<x/>"}]}',
    );
  });

  it('leaves absent object fields out', () => {
    // Act
    const body = serializeUnit({ language: 'javascript', files: [{ name: 'a.js', text: 'x' }] });

    // Assess
    expect(body.toString('utf8')).toBe('{"v":1,"language":"javascript","files":[{"name":"a.js","text":"x"}]}');
  });

  it('writes context files after the files, sorted by name, and leaves an empty context out', () => {
    // Act
    const body = serializeUnit({ ...UNIT, context: [{ name: 'zm.prog.xml', text: '<m/>' }, { name: 'zm.prog.abap', text: 'DEFINE m.' }] });
    const without = serializeUnit({ ...UNIT, context: [] });

    // Assess
    expect(body.toString('utf8')).toMatch(/\],"context":\[\{"name":"zm\.prog\.abap","text":"DEFINE m\."\},\{"name":"zm\.prog\.xml","text":"<m\/>"\}\]\}$/);
    expect(without).toEqual(serializeUnit(UNIT));
    expect(parseUnit(body).context).toEqual([{ name: 'zm.prog.abap', text: 'DEFINE m.' }, { name: 'zm.prog.xml', text: '<m/>' }]);
  });

  it('does not depend on the order files are given in', () => {
    // Assess
    expect(serializeUnit({ ...UNIT, files: [...UNIT.files].reverse() })).toEqual(serializeUnit(UNIT));
  });
});

describe('Function: unitIdOf()', () => {
  it('is the lowercase hex SHA-256 of the body', () => {
    // Prepare
    const body = serializeUnit(UNIT);

    // Assess
    expect(unitIdOf(body)).toBe(createHash('sha256').update(body).digest('hex'));
    expect(unitIdOf(body)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('Function: parseUnit()', () => {
  it('reads a body back with its unitId, checking it against the expected one', () => {
    // Prepare
    const body = serializeUnit(UNIT);

    // Act
    const parsed = parseUnit(body, unitIdOf(body));

    // Assess
    expect(parsed).toEqual({ v: 1, language: 'abap', objectType: 'CLAS', objectName: 'ZCL_X', files: [UNIT.files[1], UNIT.files[0]], unitId: unitIdOf(body) });
  });

  it('refuses a body that does not hash to the expected unitId', () => {
    // Prepare
    const body = serializeUnit(UNIT);
    const tampered = Buffer.from(body.toString('utf8').replace('ENDCLASS', 'ENDCLAZZ'));

    // Act
    const act = () => parseUnit(tampered, unitIdOf(body));

    // Assess
    expect(act).toThrow(expect.objectContaining({ name: 'UnitIntegrityError', expected: unitIdOf(body), actual: unitIdOf(tampered) }));
  });

  it.each([
    ['not json', '(root)'],
    ['[]', '(root)'],
    ['{"v":2,"language":"abap","files":[{"name":"a","text":""}]}', 'v'],
    ['{"v":1,"language":"cobol","files":[{"name":"a","text":""}]}', 'language'],
    ['{"v":1,"language":"abap","files":[]}', 'files'],
    ['{"v":1,"language":"abap","files":[{"name":"","text":""}]}', 'files[0].name'],
    ['{"v":1,"language":"abap","files":[{"name":"a","text":1}]}', 'files[0].text'],
    ['{"v":1,"language":"abap","objectType":"","files":[{"name":"a","text":""}]}', 'objectType'],
    ['{"v":1,"language":"abap","files":[{"name":"a","text":""}],"path":"src/a"}', 'path'],
    ['{"v":1,"language":"abap","files":[{"name":"a","text":""}],"context":{}}', 'context'],
    ['{"v":1,"language":"abap","files":[{"name":"a","text":""}],"context":[{"name":"b"}]}', 'context[0].text'],
  ])('refuses %s, naming %s', (body, where) => {
    // Act
    const act = () => parseUnit(body);

    // Assess
    expect(act).toThrow(expect.objectContaining({ name: 'InvalidUnitError', where }));
  });
});
