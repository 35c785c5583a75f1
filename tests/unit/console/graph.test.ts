/**
 * stateGraph(): the definition as the console draws it, every state a box, Map and Parallel states as boxes around
 * their own states, an arrow per transition; laid out so that no two boxes overlap.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { END, START, stateGraph, type GraphNode } from '../../../local/console/graph';
import type { StateMachineDefinition } from '../../../local/asl/types';

const analysis = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'statemachines', 'analysis.asl.json'), 'utf8')) as StateMachineDefinition & {
  States: Record<string, { ItemProcessor?: { States: Record<string, unknown> } }>;
};

const overlap = (a: GraphNode, b: GraphNode): boolean =>
  Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height;

describe('Function: stateGraph()', () => {
  const graph = stateGraph(analysis);
  const stateNodes = graph.nodes.filter((node) => node.kind === 'state');

  it('draws every state of the analysis definition, nested ones included, once', () => {
    // Prepare
    const names = [...Object.keys(analysis.States), ...Object.keys(analysis.States['Analyze units'].ItemProcessor!.States)];

    // Assess
    expect(stateNodes.map((node) => node.id).sort()).toEqual(names.sort());
    expect(graph.nodes.map((node) => node.id)).toEqual(expect.arrayContaining([START, END]));
  });

  it('draws the distributed Map as a box holding its item processor', () => {
    // Act
    const map = graph.groups.find((group) => group.state === 'Analyze units');
    const batch = stateNodes.find((node) => node.id === 'Analyze batch')!;

    // Assess
    expect(map).toMatchObject({ kind: 'map' });
    expect(stateNodes.find((node) => node.id === 'Analyze units')).toMatchObject({ type: 'Map', distributed: true, group: map!.id });
    expect(batch.group).toBe(map!.id);
    expect(graph.parents['Analyze batch']).toBe('Analyze units');
    expect(Math.abs(batch.x - map!.x) * 2).toBeLessThan(map!.width);
    expect(Math.abs(batch.y - map!.y) * 2).toBeLessThan(map!.height);
  });

  it('draws Next, Choice rules and Default, each Catch, and the ends, each with a route', () => {
    // Assess
    const edge = (from: string, to: string) => graph.edges.filter((candidate) => candidate.from === from && candidate.to === to);
    expect(edge(START, 'Check input')).toHaveLength(1);
    expect(edge('Check entitlement', 'Record run started')[0]).toMatchObject({ kind: 'choice', title: expect.stringContaining("$profile.status.S = 'ACTIVE'") });
    expect(edge('Check entitlement', 'Refuse customer')[0]).toMatchObject({ kind: 'default', label: 'Default' });
    expect(edge('Record run started', 'Run already exists')[0]).toMatchObject({ kind: 'catch', title: 'DynamoDB.ConditionalCheckFailedException' });
    expect(edge('Analyze units#join', 'Aggregate findings')).toHaveLength(1);
    expect(edge('Analysis failed', END)[0]).toMatchObject({ kind: 'end' });
    expect(graph.edges.every((candidate) => candidate.points.length >= 2)).toBe(true);
  });

  it('lays boxes out without overlaps, inside the drawing', () => {
    // Assess
    const boxes = graph.nodes.filter((node) => node.kind !== 'join');
    for (const [index, node] of boxes.entries()) {
      for (const other of boxes.slice(index + 1)) expect([node.id, other.id, overlap(node, other)]).toEqual([node.id, other.id, false]);
      expect(node.x - node.width / 2).toBeGreaterThanOrEqual(0);
      expect(node.y + node.height / 2).toBeLessThanOrEqual(graph.height);
    }
  });

  it('draws a Parallel state’s branches as boxes side by side inside its own', () => {
    // Prepare
    const definition = {
      StartAt: 'Fan out',
      States: {
        'Fan out': {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } },
            { StartAt: 'Right', States: { Right: { Type: 'Wait', Seconds: 1, Next: 'Right done' }, 'Right done': { Type: 'Succeed' } } },
          ],
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    } as unknown as StateMachineDefinition;

    // Act
    const parallel = stateGraph(definition);

    // Assess
    const branches = parallel.groups.filter((group) => group.kind === 'branch');
    expect(branches.map((group) => group.label)).toEqual(['Branch 1', 'Branch 2']);
    expect(branches.every((group) => group.group === 'Fan out#group')).toBe(true);
    expect(parallel.nodes.find((node) => node.id === 'Right done')?.group).toBe(branches[1].id);
    expect(parallel.parents).toEqual({ Left: 'Fan out', Right: 'Fan out', 'Right done': 'Fan out' });
    expect(Math.abs(branches[0].x - branches[1].x)).toBeGreaterThan((branches[0].width + branches[1].width) / 2 - 1);
  });
});
