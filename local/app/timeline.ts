/**
 * An execution's history as spans, one per state: paired Entered/Exited events, with the failure (if any) that
 * ended the state and the number of attempts of a retried task.
 */
import type { HistoryEvent } from '@aws-sdk/client-sfn';

type Span = { name: string; type: string; start: number; end?: number; outcome: string; detail?: string };

const typeOf = (eventType: string): string => eventType.replace(/State(Entered|Exited)$/, '');

/** Pairs each state's Entered and Exited events; failures in between mark the state failed. */
const timeline = (events: readonly HistoryEvent[]): Span[] => {
  const spans: Span[] = [];
  const open: Span[] = [];
  const t0 = events[0]?.timestamp?.getTime() ?? 0;
  const at = (event: HistoryEvent): number => ((event.timestamp?.getTime() ?? t0) - t0) / 1000;
  for (const event of events) {
    const type = event.type ?? '';
    if (type.endsWith('StateEntered')) {
      const span: Span = { name: event.stateEnteredEventDetails?.name ?? '?', type: typeOf(type), start: at(event), outcome: 'running' };
      spans.push(span);
      open.push(span);
    } else if (type.endsWith('StateExited')) {
      const name = event.stateExitedEventDetails?.name;
      const index = open.map((span) => span.name).lastIndexOf(name ?? '');
      if (index >= 0) {
        const [span] = open.splice(index, 1);
        span.end = at(event);
        if (span.outcome === 'running') span.outcome = 'succeeded';
      }
    } else if (/(Failed|TimedOut|Aborted)$/.test(type) && !type.startsWith('Execution') && !type.startsWith('MapIteration')) {
      const current = open[open.length - 1];
      if (current) {
        const details = Object.entries(event).find(([key]) => key.endsWith('EventDetails'))?.[1] as { error?: string } | undefined;
        current.outcome = type.endsWith('TimedOut') ? 'timed out' : 'failed';
        current.detail = details?.error;
      }
    } else if (type.endsWith('Retry') || type === 'TaskScheduled') {
      // A retried task is scheduled again: count attempts on the open state.
      const current = open[open.length - 1];
      if (current && type === 'TaskScheduled') current.detail = current.detail?.startsWith('attempt') ? `attempt ${Number(current.detail.split(' ')[1]) + 1}` : 'attempt 1';
    } else if (type.startsWith('Execution') && type !== 'ExecutionStarted') {
      for (const span of open.splice(0)) {
        span.end = at(event);
        span.outcome = type.replace('Execution', '').toLowerCase();
      }
    }
  }
  return spans;
};

export { timeline };
export type { Span };
