/**
 * A state machine definition as a graph a person reads, the way the Step Functions console draws it: a Start and an
 * End, one box per state, an arrow per transition (Next, each Choice rule and its Default, each Catch), and Map and
 * Parallel states as boxes holding their own states (a Parallel's branches side by side). Laid out with dagre's
 * layered layout; the page only draws what this returns.
 *
 * In the layout a Map or Parallel is a cluster: its own box sits at the top (arrows come in there) and a point at
 * the bottom is where arrows leave, so the flow reads top to bottom through the nested states.
 */
import dagre from '@dagrejs/dagre';
import type { StateDefinition, StateMachineDefinition } from '../asl/types';

/** What a drawn node is. `state` nodes are the definition's states; the others frame them. */
type NodeKind = 'start' | 'end' | 'state' | 'join';

type GraphNode = {
  /** The state's name for `state` nodes (names are unique across a state machine, nested states included). */
  id: string;
  kind: NodeKind;
  label: string;
  /** The state's Type (`Task`, `Map`, …) for `state` nodes. */
  type?: string;
  /** The Task's resource without the account and region noise (`lambda:invoke`, `dynamodb:getItem`). */
  resource?: string;
  /** The innermost Map, Parallel or branch holding this node. */
  group?: string;
  /** For a Map state: whether its iterations run as child executions (a map run) rather than inline. */
  distributed?: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
};

type GraphGroup = {
  id: string;
  kind: 'map' | 'parallel' | 'branch';
  /** The Map or Parallel state the group draws (for a branch, its Parallel). */
  state: string;
  label: string;
  group?: string;
  x: number;
  y: number;
  width: number;
  height: number;
};

type EdgeKind = 'next' | 'choice' | 'default' | 'catch' | 'end';

type GraphEdge = {
  from: string;
  to: string;
  kind: EdgeKind;
  label?: string;
  /** Full text behind a short label (a Choice condition, a Catch's error names). */
  title?: string;
  points: Array<{ x: number; y: number }>;
};

type StateGraph = {
  width: number;
  height: number;
  nodes: GraphNode[];
  groups: GraphGroup[];
  edges: GraphEdge[];
  /** Each state's enclosing Map or Parallel state (absent at the top level). */
  parents: Record<string, string>;
};

const START = '#start';
const END = '#end';
const NODE_HEIGHT = 36;
const CHAR_WIDTH = 7.2;

const joinId = (state: string): string => `${state}#join`;
const groupId = (state: string): string => `${state}#group`;
const branchId = (state: string, index: number): string => `${state}#branch-${index + 1}`;

/** `arn:aws:states:::lambda:invoke` → `lambda:invoke`; an activity or function ARN → its last part. */
const shortResource = (resource: string): string => {
  const service = /^arn:aws:states:::(.+)$/.exec(resource);
  if (service) return service[1].replace(/\.sync(:2)?$|\.waitForTaskToken$/, (suffix) => suffix);
  return resource.split(':').slice(-1)[0] ?? resource;
};

const shorten = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The states a Map or Parallel runs, as state lists. */
const innerLists = (state: StateDefinition): Array<{ StartAt: string; States: Record<string, StateDefinition> }> => {
  const raw = state as unknown as {
    Type: string;
    ItemProcessor?: { StartAt: string; States: Record<string, StateDefinition> };
    Iterator?: { StartAt: string; States: Record<string, StateDefinition> };
    Branches?: Array<{ StartAt: string; States: Record<string, StateDefinition> }>;
  };
  if (raw.Type === 'Map') return [raw.ItemProcessor ?? raw.Iterator].filter((list) => list !== undefined);
  if (raw.Type === 'Parallel') return raw.Branches ?? [];
  return [];
};

type Draft = {
  nodes: Map<string, Omit<GraphNode, 'x' | 'y'>>;
  groups: Map<string, Omit<GraphGroup, 'x' | 'y' | 'width' | 'height'>>;
  edges: Array<Omit<GraphEdge, 'points'>>;
  parents: Record<string, string>;
};

/** Where arrows leaving `state` start: the bottom of its box, or of its cluster for a Map or Parallel. */
const exitOf = (draft: Draft, state: string): string => (draft.groups.has(groupId(state)) ? joinId(state) : state);

/** Adds one state list (the machine, a branch, a Map's processor) inside `group`; `end` is where its ends lead. */
function addStates(draft: Draft, list: { StartAt: string; States: Record<string, StateDefinition> }, group: string | undefined, end: string, owner?: string): void {
  for (const [name, state] of Object.entries(list.States)) {
    const raw = state as unknown as Record<string, unknown>;
    const resource = typeof raw.Resource === 'string' ? shortResource(raw.Resource) : undefined;
    const label = name;
    const width = Math.max(150, Math.ceil(Math.max(label.length, (resource ?? '').length + 2) * CHAR_WIDTH) + 28);
    if (owner) draft.parents[name] = owner;
    const inner = innerLists(state);
    if (state.Type === 'Map' || state.Type === 'Parallel') {
      const cluster = groupId(name);
      const processor = (raw.ItemProcessor ?? raw.Iterator) as { ProcessorConfig?: { Mode?: string } } | undefined;
      const distributed = state.Type === 'Map' && processor?.ProcessorConfig?.Mode === 'DISTRIBUTED';
      draft.groups.set(cluster, { id: cluster, kind: state.Type === 'Map' ? 'map' : 'parallel', state: name, label: name, group });
      draft.nodes.set(name, { id: name, kind: 'state', label, type: state.Type, group: cluster, width, height: NODE_HEIGHT, ...(distributed ? { distributed } : {}) });
      draft.nodes.set(joinId(name), { id: joinId(name), kind: 'join', label: '', group: cluster, width: 8, height: 8 });
      inner.forEach((branch, index) => {
        let innerGroup = cluster;
        if (state.Type === 'Parallel') {
          innerGroup = branchId(name, index);
          draft.groups.set(innerGroup, { id: innerGroup, kind: 'branch', state: name, label: `Branch ${index + 1}`, group: cluster });
        }
        addStates(draft, branch, innerGroup, joinId(name), name);
        draft.edges.push({ from: name, to: branch.StartAt, kind: 'next' });
      });
    } else {
      draft.nodes.set(name, { id: name, kind: 'state', label, type: state.Type, group, width, height: NODE_HEIGHT, ...(resource ? { resource } : {}) });
    }
  }
  for (const [name, state] of Object.entries(list.States)) {
    const raw = state as unknown as Record<string, unknown>;
    const from = exitOf(draft, name);
    if (typeof raw.Next === 'string') draft.edges.push({ from, to: raw.Next, kind: 'next' });
    if (raw.End === true || state.Type === 'Succeed' || state.Type === 'Fail') draft.edges.push({ from, to: end, kind: 'end' });
    if (state.Type === 'Choice') {
      const choices = (raw.Choices as Array<Record<string, unknown>> | undefined) ?? [];
      choices.forEach((choice, index) => {
        const condition = typeof choice.Condition === 'string' ? choice.Condition.replace(/^\{%\s*|\s*%\}$/g, '') : JSON.stringify(Object.fromEntries(Object.entries(choice).filter(([key]) => key !== 'Next')));
        if (typeof choice.Next === 'string') draft.edges.push({ from, to: choice.Next, kind: 'choice', label: `rule ${index + 1}`, title: condition });
      });
      if (typeof raw.Default === 'string') draft.edges.push({ from, to: raw.Default, kind: 'default', label: 'Default' });
    }
    for (const catcher of (raw.Catch as Array<{ ErrorEquals: string[]; Next: string }> | undefined) ?? []) {
      const errors = catcher.ErrorEquals.join(', ');
      const label = catcher.ErrorEquals.length === 1 && catcher.ErrorEquals[0] === 'States.ALL' ? 'catch' : shorten(`catch ${catcher.ErrorEquals[0].split('.').slice(-1)[0]}`, 28);
      draft.edges.push({ from, to: catcher.Next, kind: 'catch', label, title: errors });
    }
  }
}

/**
 * Lays out a definition.
 *
 * @example
 * const graph = stateGraph(JSON.parse(definition));
 * graph.nodes.find((node) => node.id === 'Analyze units')?.distributed; // true
 */
function stateGraph(definition: StateMachineDefinition): StateGraph {
  const draft: Draft = { nodes: new Map(), groups: new Map(), edges: [], parents: {} };
  draft.nodes.set(START, { id: START, kind: 'start', label: 'Start', width: 60, height: 28 });
  draft.nodes.set(END, { id: END, kind: 'end', label: 'End', width: 60, height: 28 });
  addStates(draft, definition as unknown as { StartAt: string; States: Record<string, StateDefinition> }, undefined, END);
  draft.edges.unshift({ from: START, to: definition.StartAt, kind: 'next' });

  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 36, edgesep: 12, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const group of draft.groups.values()) g.setNode(group.id, { label: group.label, paddingTop: 12, paddingBottom: 8, paddingLeft: 10, paddingRight: 10 });
  for (const node of draft.nodes.values()) g.setNode(node.id, { width: node.width, height: node.height });
  for (const node of draft.nodes.values()) if (node.group) g.setParent(node.id, node.group);
  for (const group of draft.groups.values()) if (group.group) g.setParent(group.id, group.group);
  draft.edges.forEach((edge, index) => {
    const labelled = edge.label !== undefined;
    g.setEdge(edge.from, edge.to, labelled ? { width: edge.label!.length * 6.5 + 8, height: 16, labelpos: 'c', minlen: 1 } : { minlen: 1 }, `e${index}`);
  });
  dagre.layout(g);

  const nodes: GraphNode[] = [...draft.nodes.values()].map((node) => {
    const laid = g.node(node.id);
    return { ...node, x: laid.x, y: laid.y, width: laid.width, height: laid.height };
  });
  const groups: GraphGroup[] = [...draft.groups.values()].map((group) => {
    const laid = g.node(group.id);
    return { ...group, x: laid.x, y: laid.y, width: laid.width, height: laid.height };
  });
  const edges: GraphEdge[] = draft.edges.map((edge, index) => {
    const laid = g.edge(edge.from, edge.to, `e${index}`) as { points?: Array<{ x: number; y: number }> } | undefined;
    return { ...edge, points: (laid?.points ?? []).map(({ x, y }) => ({ x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 })) };
  });
  const graph = g.graph() as { width?: number; height?: number };
  return { width: Math.ceil(graph.width ?? 0), height: Math.ceil(graph.height ?? 0), nodes, groups, edges, parents: draft.parents };
}

export { END, START, stateGraph };
export type { EdgeKind, GraphEdge, GraphGroup, GraphNode, NodeKind, StateGraph };
