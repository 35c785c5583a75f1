/** PreTraffic hook: thin wiring of CodeDeploy and Lambda clients over preTrafficCheck(). */
import { codeDeployClient, lambdaClient } from '../lib/aws/clients';
import { sdk } from '../lib/aws/sdk';
import { lambdaHandler } from '../lib/middleware';
import { logger } from '../lib/powertools';
import { preTrafficCheck, type PreTrafficEvent } from './pre-traffic-check';

const handler = lambdaHandler(async (event: PreTrafficEvent) => {
  const result = await preTrafficCheck(event, {
    getAppSpec: async (deploymentId) => {
      const { deploymentInfo } = await codeDeployClient().send(new (sdk.codeDeploy().GetDeploymentCommand)({ deploymentId }));
      return deploymentInfo?.revision?.appSpecContent?.content ?? deploymentInfo?.revision?.string?.content ?? '';
    },
    invoke: async (functionName, qualifier, payload) => {
      const answer = await lambdaClient().send(new (sdk.lambda().InvokeCommand)({ FunctionName: functionName, Qualifier: qualifier, Payload: payload }));
      return { functionError: answer.FunctionError, payload: Buffer.from(answer.Payload ?? []).toString('utf8') };
    },
    report: async (deploymentId, lifecycleEventHookExecutionId, status) => {
      await codeDeployClient().send(new (sdk.codeDeploy().PutLifecycleEventHookExecutionStatusCommand)({ deploymentId, lifecycleEventHookExecutionId, status }));
    },
  });
  logger.info('Pre-traffic check', { status: result.status, checks: result.checks });
  return result;
});

export { handler };
