/**
 * Shared helpers of the focused engine tests: an engine with fast timers, integrations written inline through the
 * integration contract, and small definition builders.
 */
import { Engine } from '../../../local/asl';
import type { EngineOptions } from '../../../local/asl';
import type { IntegrationRegistry, ServiceIntegration, TaskRequest } from '../../../local/asl/integrations/types';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/tests';

/** A registry that gives every state the integration `handlers[stateName]`. */
const registryOf = (handlers: Record<string, ServiceIntegration>): IntegrationRegistry => ({
  resolve: (_resource, stateName) => handlers[stateName],
});

/** An integration from a function. */
const integration = (invoke: (request: TaskRequest) => Promise<unknown>, completesCallback = false): ServiceIntegration => ({
  invoke,
  completesCallback,
});

/** An engine whose waits are scaled down (1 ASL second = `timeScale` seconds). */
const testEngine = (handlers: Record<string, ServiceIntegration> = {}, options: Partial<EngineOptions> = {}): Engine =>
  new Engine({ integrations: registryOf(handlers), timeScale: 0.001, random: () => 0.5, ...options });

/** Creates a state machine and returns its ARN. */
const createMachine = async (engine: Engine, definition: unknown, name = 'tests', type: 'STANDARD' | 'EXPRESS' = 'STANDARD'): Promise<string> => {
  const { stateMachineArn } = await engine.createStateMachine({ name, definition: JSON.stringify(definition), roleArn: ROLE_ARN, type });
  return stateMachineArn as string;
};

/** Resolves once `predicate` holds, polling every few milliseconds (for waiting on a running execution). */
const eventually = async (predicate: () => boolean | Promise<boolean>, attempts = 500): Promise<void> => {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error('condition not met in time');
};

/** The event types of an execution's history. */
const eventTypes = async (engine: Engine, executionArn: string): Promise<string[]> => {
  const { events } = await engine.getExecutionHistory({ executionArn, maxResults: 1000 });
  return (events ?? []).map((event) => event.type as string);
};

export { ROLE_ARN, createMachine, eventTypes, eventually, integration, registryOf, testEngine };
