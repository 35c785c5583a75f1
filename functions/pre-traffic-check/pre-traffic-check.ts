/**
 * The CodeDeploy PreTraffic hook: before traffic shifts to a new function version, invoke that version with the
 * smoke event and report Succeeded only if it answered `{ok: true}`; otherwise Failed, and CodeDeploy rolls back.
 * The hook always reports: a hook that never reports holds the deployment until it times out.
 */
import { parse } from 'yaml';

type PreTrafficEvent = { DeploymentId: string; LifecycleEventHookExecutionId: string };

type DeploymentTarget = { functionName: string; version: string };

type PreTrafficDeps = {
  /** The AppSpec content of the deployment (CodeDeploy GetDeployment → revision.appSpecContent.content). */
  getAppSpec(deploymentId: string): Promise<string>;
  invoke(functionName: string, qualifier: string, payload: string): Promise<{ functionError?: string; payload: string }>;
  report(deploymentId: string, hookExecutionId: string, status: 'Succeeded' | 'Failed'): Promise<void>;
};

type CheckOutcome = { target: DeploymentTarget; ok: boolean; detail: string };

type PreTrafficResult = { status: 'Succeeded' | 'Failed'; checks: CheckOutcome[] };

/** The function versions a Lambda AppSpec shifts traffic to. */
const targetsOf = (appSpec: string): DeploymentTarget[] => {
  const spec = parse(appSpec) as { Resources?: Record<string, { Type?: string; Properties?: Record<string, string> }>[] };
  return (spec?.Resources ?? []).flatMap((entry) =>
    Object.values(entry)
      .filter((resource) => resource.Type === 'AWS::Lambda::Function' && resource.Properties?.Name && resource.Properties?.TargetVersion)
      .map((resource) => ({ functionName: resource.Properties!.Name, version: String(resource.Properties!.TargetVersion) })),
  );
};

const check = async (target: DeploymentTarget, deps: PreTrafficDeps): Promise<CheckOutcome> => {
  try {
    const answer = await deps.invoke(target.functionName, target.version, JSON.stringify({ smokeTest: true }));
    if (answer.functionError) return { target, ok: false, detail: `function error: ${answer.payload.slice(0, 500)}` };
    const body = JSON.parse(answer.payload) as { ok?: unknown };
    return body?.ok === true ? { target, ok: true, detail: 'smoke test passed' } : { target, ok: false, detail: 'answer is not {ok: true}' };
  } catch (error) {
    return { target, ok: false, detail: `invoke failed: ${(error as Error).message}` };
  }
};

/**
 * @example
 * await preTrafficCheck(event, { getAppSpec, invoke, report });
 */
const preTrafficCheck = async (event: PreTrafficEvent, deps: PreTrafficDeps): Promise<PreTrafficResult> => {
  let checks: CheckOutcome[] = [];
  let status: 'Succeeded' | 'Failed' = 'Failed';
  try {
    const targets = targetsOf(await deps.getAppSpec(event.DeploymentId));
    checks = await Promise.all(targets.map((target) => check(target, deps)));
    status = targets.length > 0 && checks.every((outcome) => outcome.ok) ? 'Succeeded' : 'Failed';
  } finally {
    await deps.report(event.DeploymentId, event.LifecycleEventHookExecutionId, status);
  }
  return { status, checks };
};

export { preTrafficCheck, targetsOf };
export type { CheckOutcome, DeploymentTarget, PreTrafficDeps, PreTrafficEvent, PreTrafficResult };
