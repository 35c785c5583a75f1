/**
 * The text of `asl --help`.
 */
import { DEFAULT_CASE_TIMEOUT_SECONDS, ServeDefaults } from './args';

/** Exit codes of the `asl` command (the convention of aws-local-stepfunctions' CLI). */
const ExitCodes = {
  /** Every execution succeeded (or the server stopped on a signal). */
  Success: 0,
  /** Nothing ran: a usage error or an unusable file; the message is on stderr. */
  Setup: 1,
  /** At least one execution ended FAILED, TIMED_OUT or ABORTED, or a case was REJECTED. */
  ExecutionFailed: 2,
} as const;

type ExitCode = (typeof ExitCodes)[keyof typeof ExitCodes];

const HELP = `Usage: npm run --silent asl -- <command> [options]

Runs Amazon States Language definitions on the local engine (JSONPath and JSONata).

Commands:
  serve                     Serve the Step Functions API (AWS JSON 1.0) in the foreground until SIGINT/SIGTERM.
    --port N                TCP port; 0 picks a free one (default ${ServeDefaults.port})
    --host ADDR             listen address (default ${ServeDefaults.host}; anything else exposes it unauthenticated)
    --state-dir DIR         where state machines, executions and histories persist (default ${ServeDefaults.stateDir})
    --fresh                 start from an empty state directory
    Prints the endpoint URL and a ready line on stderr. Executions still running when the server stops are
    reported ABORTED (error Local.EngineRestarted) after the next start.
    Clients: @aws-sdk/client-sfn with { endpoint, disableHostPrefix: true } (any credentials);
    AWS CLI with --endpoint-url URL and AWS_DISABLE_HOST_PREFIX_INJECTION=true (for start-sync-execution).

  execute                   Run executions and print one JSON result per line on stdout.
    --definition FILE       the definition (.asl.json) to run once
    --input FILE            its JSON input (default {})
    --cases FILE.jsonl      instead: one case per line, {"id": …, "definition": …, "input": …}; "definition" is
                            the definition object, its JSON text, or a file path relative to FILE.jsonl;
                            an optional "testCase" overrides --test-case for that line
    --mock-config FILE      Step Functions Local mock config (MockedResponses, StateMachines.…TestCases)
    --test-case NAME        the test case of --mock-config whose mocked responses Task states get
    --state-machine NAME    the state machine's name, also its key under the mock config's StateMachines
                            (default: the definition file's name without .asl.json, or the mock config's only
                            state machine; asl-cli for cases)
    --history               add "history": the GetExecutionHistory events
    --case-timeout SECONDS  stop an execution still running after SECONDS of real time and report it TIMED_OUT
                            (error Local.CaseTimeout); 0: no limit (default ${DEFAULT_CASE_TIMEOUT_SECONDS} with --cases, none otherwise)
    Task states without a mocked response call their service through the AWS SDK's standard settings
    (AWS_ENDPOINT_URL_<SERVICE>, AWS_REGION, credentials), as the local runtime's services expect.
    Result: {"status", "output", "error", "cause"} (+ "id" with --cases, + "history"); absent values are null.
    Cases run one after another and print in file order. One case never stops the batch: a line that is not a
    case (error Local.InvalidCase; "id" null when it has none), a definition or input the engine refuses (error
    InvalidDefinition, InvalidExecutionInput) or an unknown test case gives {"id", "status": "REJECTED", "error",
    "cause"}, and the next case runs.

Exit codes:
  ${ExitCodes.Success}  every execution succeeded (serve: stopped by a signal)
  ${ExitCodes.Setup}  setup or usage error: nothing ran; the message is on stderr
  ${ExitCodes.ExecutionFailed}  at least one execution failed, timed out or was aborted, or a case was rejected
`;

export { ExitCodes, HELP };
export type { ExitCode };
