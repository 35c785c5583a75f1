import { StatesError } from '../../../../local/asl/errors';
import { parseResource } from '../../../../local/asl/integrations/resource';

describe('Function: parseResource()', () => {
  it.each([
    ['arn:aws:states:::lambda:invoke', 'aws', 'lambda', 'invoke', 'requestResponse'],
    ['arn:aws:states:::lambda:invoke.waitForTaskToken', 'aws', 'lambda', 'invoke', 'waitForTaskToken'],
    ['arn:aws:states:::dynamodb:putItem', 'aws', 'dynamodb', 'putItem', 'requestResponse'],
    ['arn:aws:states:::events:putEvents.waitForTaskToken', 'aws', 'events', 'putEvents', 'waitForTaskToken'],
    ['arn:aws:states:::states:startExecution.sync', 'aws', 'states', 'startExecution', 'sync'],
    ['arn:aws:states:::states:startExecution.sync:2', 'aws', 'states', 'startExecution', 'sync:2'],
    ['arn:aws:states:::aws-sdk:s3:getObject', 'aws', 'aws-sdk:s3', 'getObject', 'requestResponse'],
    ['arn:aws:states:::aws-sdk:dynamodb:query', 'aws', 'aws-sdk:dynamodb', 'query', 'requestResponse'],
    ['arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken', 'aws', 'aws-sdk:sqs', 'sendMessage', 'waitForTaskToken'],
    ['arn:aws:states:::aws-sdk:s3:listObjectsV2', 'aws', 'aws-sdk:s3', 'listObjectsV2', 'requestResponse'],
    ['arn:aws-cn:states:::dynamodb:getItem', 'aws-cn', 'dynamodb', 'getItem', 'requestResponse'],
    ['arn:aws-us-gov:states:::states:startExecution', 'aws-us-gov', 'states', 'startExecution', 'requestResponse'],
  ])('parses the service integration %s', (arn, partition, service, action, pattern) => {
    // Act
    const parsed = parseResource(arn);

    // Assess
    expect(parsed).toEqual({ kind: 'service', arn, partition, service, action, pattern });
  });

  it.each([
    ['arn:aws:lambda:us-east-1:123456789012:function:split-source', 'split-source', undefined, 'us-east-1'],
    ['arn:aws:lambda:eu-west-1:123456789012:function:split-source:live', 'split-source', 'live', 'eu-west-1'],
    ['arn:aws:lambda:us-east-1:123456789012:function:aggregate_findings:7', 'aggregate_findings', '7', 'us-east-1'],
    ['arn:aws:lambda:us-east-1:123456789012:function:encrypt-report:$LATEST', 'encrypt-report', '$LATEST', 'us-east-1'],
    ['arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:fn', 'fn', undefined, 'us-gov-west-1'],
    ['arn:aws-cn:lambda:cn-north-1:123456789012:function:fn:prod', 'fn', 'prod', 'cn-north-1'],
  ])('parses the Lambda function ARN %s', (arn, functionName, qualifier, region) => {
    // Act
    const parsed = parseResource(arn);

    // Assess
    expect(parsed).toEqual({
      kind: 'lambda-function',
      arn,
      functionName,
      ...(qualifier === undefined ? {} : { qualifier }),
      region,
      accountId: '123456789012',
    });
  });

  it('parses an activity ARN', () => {
    // Act
    const parsed = parseResource('arn:aws:states:us-east-1:123456789012:activity:manual-review');

    // Assess
    expect(parsed).toEqual({ kind: 'activity', arn: 'arn:aws:states:us-east-1:123456789012:activity:manual-review' });
  });

  it.each([
    ['', 'non-empty string'],
    ['lambda:invoke', "form 'arn:<partition>"],
    ['arn:aws-iso:states:::lambda:invoke', "unknown partition 'aws-iso'"],
    ['arn:aws:states:::lambda', "'lambda' is not of the form"],
    ['arn:aws:states:::lambda:invoke.async', "'lambda:invoke.async' is not of the form"],
    ['arn:aws:states:::lambda:invoke.sync:3', "'lambda:invoke.sync:3' is not of the form"],
    ['arn:aws:states:us-east-1:123456789012:stateMachine:x', 'either a service integration'],
    ['arn:aws:states:us-east-1:12345:activity:x', "'12345' is not a 12-digit account id"],
    ['arn:aws:lambda:us-east-1:123456789012:layer:x', "must name a function, not 'layer'"],
    ['arn:aws:lambda:useast:123456789012:function:x', "'useast' is not a region"],
    ['arn:aws:lambda:us-east-1:123456789012:function:bad.name', "'bad.name' is not a Lambda function name"],
    ['arn:aws:lambda:us-east-1:123456789012:function:x:live:extra', 'at most one qualifier'],
    ['arn:aws:sqs:us-east-1:123456789012:queue', "not a 'sqs' ARN"],
    ['${SplitSourceFunctionArn}', 'still contains the placeholder ${SplitSourceFunctionArn}'],
  ])('rejects %j with States.Runtime saying what is wrong', (arn, reason) => {
    // Act
    const act = (): unknown => parseResource(arn);

    // Assess
    expect(act).toThrow(StatesError);
    expect(act).toThrow(reason);
    try {
      act();
    } catch (error) {
      expect((error as StatesError).error).toBe('States.Runtime');
      expect((error as StatesError).cause).toContain(`Invalid Task Resource '${arn}'`);
    }
  });
});
