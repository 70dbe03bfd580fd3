import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type Simulation, type SimulationNodeDatum } from 'd3-force';
import { FORCE_NODE_GAP as NODE_GAP, separate } from './separate';

/** One force-layout job: positions in, a fixed flag per node (kept where it is), links as index pairs. */
export interface ForceInput {
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** 1 for nodes that must stay where they are (unchanged nodes of a live update). */
  readonly fixed: Uint8Array;
  /** Each node's drawn radius: no two nodes are left overlapping. */
  readonly radius: Float32Array;
  /** Each node's unit, as a small integer; nodes of a unit are pulled together. */
  readonly cluster: Int32Array;
  /** Source and target index of each link, flattened. */
  readonly links: Uint32Array;
  /** How many ticks until the layout counts as settled. */
  readonly ticks: number;
}

interface Body extends SimulationNodeDatum {
  readonly cluster: number;
  readonly radius: number;
}

const CLUSTER_STRENGTH = 0.15;
const ALPHA_MIN = 0.002;

/** Pulls each node towards the centre of its unit, so units stay visible as groups. */
function clusterForce(bodies: readonly Body[], clusters: number): (alpha: number) => void {
  const sumX = new Float64Array(clusters);
  const sumY = new Float64Array(clusters);
  const count = new Float64Array(clusters);
  return (alpha) => {
    sumX.fill(0);
    sumY.fill(0);
    count.fill(0);
    for (const body of bodies) {
      sumX[body.cluster] = (sumX[body.cluster] ?? 0) + (body.x ?? 0);
      sumY[body.cluster] = (sumY[body.cluster] ?? 0) + (body.y ?? 0);
      count[body.cluster] = (count[body.cluster] ?? 0) + 1;
    }
    const pull = CLUSTER_STRENGTH * alpha;
    for (const body of bodies) {
      const n = count[body.cluster] ?? 1;
      body.vx = (body.vx ?? 0) + (((sumX[body.cluster] ?? 0) / n) - (body.x ?? 0)) * pull;
      body.vy = (body.vy ?? 0) + (((sumY[body.cluster] ?? 0) / n) - (body.y ?? 0)) * pull;
    }
  };
}

/**
 * A d3-force layout run in steps, so the worker can post progress and take a stop between them: links
 * pull, nodes repel (Barnes–Hut, so a tick is O(n log n)), units cohere, and cooling ends it after
 * `ticks` steps. Fixed nodes keep their places and only the others settle around them.
 */
export class ForceRun {
  readonly #bodies: Body[];
  readonly #simulation: Simulation<Body, undefined>;
  #ticks = 0;
  readonly #maxTicks: number;
  readonly #fixed: Uint8Array;
  #separated = false;

  constructor(input: ForceInput) {
    const n = input.x.length;
    let clusters = 0;
    this.#bodies = Array.from({ length: n }, (_, i) => {
      const cluster = input.cluster[i] ?? 0;
      clusters = Math.max(clusters, cluster + 1);
      const x = input.x[i] ?? 0;
      const y = input.y[i] ?? 0;
      const radius = input.radius[i] ?? 0;
      return input.fixed[i] ? { cluster, radius, x, y, fx: x, fy: y } : { cluster, radius, x, y };
    });
    this.#fixed = input.fixed;
    const links: { source: number; target: number }[] = [];
    for (let i = 0; i + 1 < input.links.length; i += 2) links.push({ source: input.links[i] ?? 0, target: input.links[i + 1] ?? 0 });
    this.#maxTicks = Math.max(1, input.ticks);
    const cohere = clusterForce(this.#bodies, clusters);
    this.#simulation = forceSimulation(this.#bodies)
      .stop()
      .alphaMin(ALPHA_MIN)
      .alphaDecay(1 - Math.pow(ALPHA_MIN, 1 / this.#maxTicks))
      .velocityDecay(0.4)
      .force('link', forceLink<Body, { source: number; target: number }>(links).distance(36).iterations(1))
      .force('charge', forceManyBody<Body>().strength(-40).theta(1.2).distanceMax(600))
      .force('x', forceX<Body>(0).strength(0.01))
      .force('y', forceY<Body>(0).strength(0.01))
      .force('collide', forceCollide<Body>((body) => body.radius + NODE_GAP).strength(0.7))
      .force('cluster', cohere);
  }

  get settled(): boolean {
    return this.#ticks >= this.#maxTicks || this.#simulation.alpha() < ALPHA_MIN;
  }

  /** Ticks until `budgetMs` is spent or the layout settled. */
  step(budgetMs: number, now: () => number): void {
    const end = now() + budgetMs;
    while (!this.settled && now() < end) {
      this.#simulation.tick();
      this.#ticks++;
    }
    if (this.settled && !this.#separated) this.#separate();
  }

  /** The collide force leaves a few overlaps as the layout cools: part them for good once it has settled. */
  #separate(): void {
    this.#separated = true;
    const x = Float64Array.from(this.#bodies, (body) => body.x ?? 0);
    const y = Float64Array.from(this.#bodies, (body) => body.y ?? 0);
    separate(x, y, Float64Array.from(this.#bodies, (body) => body.radius), this.#fixed, NODE_GAP);
    this.#bodies.forEach((body, i) => {
      body.x = x[i] ?? 0;
      body.y = y[i] ?? 0;
    });
  }

  /** The current positions, as fresh arrays that can be transferred. */
  positions(): { x: Float32Array; y: Float32Array } {
    const x = new Float32Array(this.#bodies.length);
    const y = new Float32Array(this.#bodies.length);
    this.#bodies.forEach((body, i) => {
      x[i] = body.x ?? 0;
      y[i] = body.y ?? 0;
    });
    return { x, y };
  }
}
