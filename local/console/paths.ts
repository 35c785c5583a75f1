/** Paths of the console's pages that other commands link to (kept apart so that linking loads nothing else). */

/**
 * The page of a run: its status, headline and report.
 *
 * @example
 * runPath('demo', 'r1'); // '/runs/demo/r1'
 */
const runPath = (customerId: string, runId: string): string => `/runs/${encodeURIComponent(customerId)}/${encodeURIComponent(runId)}`;

/**
 * The page of an execution: its graph, history and map runs.
 *
 * @example
 * executionPath(executionArn); // '/executions/arn%3Aaws%3Astates%3A…'
 */
const executionPath = (executionArn: string): string => `/executions/${encodeURIComponent(executionArn)}`;

export { executionPath, runPath };
