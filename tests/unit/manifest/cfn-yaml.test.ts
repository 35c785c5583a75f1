/** parseCfnYaml(): CloudFormation's short tags in long form, and a document parsed once kept for the next read. */
import { randomUUID } from 'node:crypto';
import { parseCfnYaml } from '../../../local/manifest';

describe('Function: parseCfnYaml()', () => {
  // A text no earlier run has parsed, so the first call parses it.
  const unique = (): string => `Description: ${randomUUID()}\n`;

  it('reads short tags into their long form', () => {
    // Act
    const parsed = parseCfnYaml(`${unique()}Resources:\n  Queue:\n    Properties:\n      Arn: !GetAtt Table.Arn\n      Name: !Sub '\${AWS::StackName}-q'\n`);

    // Assess
    expect(parsed.Resources.Queue.Properties).toEqual({ Arn: { 'Fn::GetAtt': ['Table', 'Arn'] }, Name: { 'Fn::Sub': '${AWS::StackName}-q' } });
  });

  it('gives the same tree again from the kept form, a new copy each time', () => {
    // Prepare
    const text = `${unique()}Value: !Ref Stage\nList: [1, true, null, 'x']\n`;
    const first = parseCfnYaml(text);
    first.Value = 'changed by the caller';

    // Act
    const second = parseCfnYaml(text);

    // Assess
    expect(second).toEqual({ Description: expect.any(String), Value: { Ref: 'Stage' }, List: [1, true, null, 'x'] });
  });

  it('keeps values JSON cannot hold exactly as YAML gives them', () => {
    // Prepare
    const text = `${unique()}Limit: .inf\n`;
    parseCfnYaml(text);

    // Act
    const again = parseCfnYaml(text);

    // Assess
    expect(again.Limit).toBe(Infinity);
  });
});
