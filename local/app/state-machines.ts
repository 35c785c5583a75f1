/**
 * Creates the template's state machines in the engine. A machine whose definition changed since the last start is
 * replaced (locally the template is edited and restarted often; in the cloud CloudFormation publishes a new
 * version). Its past executions stay readable.
 */
import { Engine } from '../asl';
import type { AppManifest } from '../manifest';
import type { Reporter } from './reporter';

const deployStateMachines = async (engine: Engine, manifest: AppManifest, reporter: Reporter): Promise<void> => {
  for (const machine of manifest.stateMachines) {
    const roleArn = `arn:aws:iam::${manifest.accountId}:role/${manifest.stackName}-${machine.logicalId}Role`;
    const existing = await engine.describeStateMachine({ stateMachineArn: machine.arn }).catch(() => undefined);
    if (existing && existing.definition === machine.definition) continue;
    if (existing) {
      await engine.deleteStateMachine({ stateMachineArn: machine.arn });
      reporter.verbose(`state machine ${machine.name}: definition changed, replaced`);
    }
    await engine.createStateMachine({ name: machine.name, definition: machine.definition, roleArn, type: machine.type });
  }
};

export { deployStateMachines };
