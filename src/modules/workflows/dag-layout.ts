/**
 * The layout of a workflow's step graph: a node per step, an edge per dependency (from what a step waits for to the
 * step), placed top to bottom by dagre (@dagrejs/dagre, the maintained Sugiyama layout), which is imported on first
 * use so the list view never loads it.
 */
import { stepDependencies } from './model/graph.js';
import type { WorkflowDefinition, WorkflowStep } from './model/types.js';

/** A placed step: its centre and size. */
export interface DagNode {
  id: string;
  /** The step's name (or id). */
  label: string;
  /** The capability or sub-workflow it runs. */
  detail: string;
  /** It runs once per element of a list. */
  fanOut: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A dependency: `to` waits for `from`; `points` is the route. */
export interface DagEdge {
  from: string;
  to: string;
  points: { x: number; y: number }[];
}

/** The placed graph and its size. */
export interface DagLayout {
  nodes: DagNode[];
  edges: DagEdge[];
  width: number;
  height: number;
}

const NODE_HEIGHT = 46;
const CHAR_WIDTH = 7.2;

/** The steps a layout can use: objects with a string id, the first of each id. */
function usableSteps(definition: WorkflowDefinition): WorkflowStep[] {
  const seen = new Set<string>();
  return (Array.isArray(definition.steps) ? definition.steps : []).filter((step) => {
    if (!step || typeof step !== 'object' || typeof step.id !== 'string' || !step.id || seen.has(step.id)) return false;
    seen.add(step.id);
    return true;
  });
}

/** Lays the steps of `definition` out; an empty workflow gives an empty layout. */
export async function layoutDag(definition: WorkflowDefinition): Promise<DagLayout> {
  const steps = usableSteps(definition);
  if (!steps.length) return { nodes: [], edges: [], width: 0, height: 0 };
  const { graphlib, layout } = await import('@dagrejs/dagre');
  const graph = new graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 20, ranksep: 34, marginx: 8, marginy: 8 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const step of steps) {
    const label = step.name || step.id;
    const detail = step.capability ?? (step.workflow ? `workflow ${step.workflow}` : '—');
    const width = Math.min(240, Math.max(120, Math.max(label.length, detail.length) * CHAR_WIDTH + 36));
    graph.setNode(step.id, { width, height: NODE_HEIGHT, label, detail, fanOut: step.forEach !== undefined });
  }
  for (const [id, deps] of stepDependencies({ steps })) for (const dep of deps) if (dep !== id) graph.setEdge(dep, id);
  layout(graph);
  const nodes = steps.map((step) => {
    const n = graph.node(step.id) as {
      x: number;
      y: number;
      width: number;
      height: number;
      label: string;
      detail: string;
      fanOut: boolean;
    };
    return {
      id: step.id,
      label: n.label,
      detail: n.detail,
      fanOut: n.fanOut,
      x: n.x,
      y: n.y,
      width: n.width,
      height: n.height,
    };
  });
  const edges = graph.edges().map((e: { v: string; w: string }) => ({
    from: e.v,
    to: e.w,
    points: ((graph.edge(e) as { points?: { x: number; y: number }[] }).points ?? []).map((p) => ({ x: p.x, y: p.y })),
  }));
  const size = graph.graph() as { width?: number; height?: number };
  return { nodes, edges, width: size.width ?? 0, height: size.height ?? 0 };
}

/** An SVG path through `points` with rounded turns (quadratic curves through the midpoints). */
export function edgePath(points: { x: number; y: number }[]): string {
  if (points.length < 2) return '';
  let d = `M${points[0].x},${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const mid = { x: (points[i].x + points[i + 1].x) / 2, y: (points[i].y + points[i + 1].y) / 2 };
    d += ` Q${points[i].x},${points[i].y} ${mid.x},${mid.y}`;
  }
  const last = points[points.length - 1];
  return `${d} L${last.x},${last.y}`;
}
