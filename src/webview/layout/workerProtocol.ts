import type { ForceInput } from './forceSimulation';

/** Page → layout worker: start a run (replacing any running one), or stop. */
export type ToLayoutWorker = ({ readonly type: 'layout'; readonly run: number } & ForceInput) | { readonly type: 'stop' };

/** Layout worker → page: positions of a run so far, and whether it has settled (the last message of a run). */
export interface LayoutProgress {
  readonly type: 'positions';
  readonly run: number;
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly settled: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isToLayoutWorker(value: unknown): value is ToLayoutWorker {
  if (!isRecord(value)) return false;
  if (value.type === 'stop') return true;
  return (
    value.type === 'layout' &&
    typeof value.run === 'number' &&
    typeof value.ticks === 'number' &&
    value.x instanceof Float32Array &&
    value.y instanceof Float32Array &&
    value.fixed instanceof Uint8Array &&
    value.cluster instanceof Int32Array &&
    value.radius instanceof Float32Array &&
    value.radius.length === value.x.length &&
    value.links instanceof Uint32Array &&
    value.x.length === value.y.length &&
    value.fixed.length === value.x.length &&
    value.cluster.length === value.x.length &&
    Array.prototype.every.call(value.links, (index: number) => index < (value.x as Float32Array).length)
  );
}

export function isLayoutProgress(value: unknown): value is LayoutProgress {
  return (
    isRecord(value) &&
    value.type === 'positions' &&
    typeof value.run === 'number' &&
    typeof value.settled === 'boolean' &&
    value.x instanceof Float32Array &&
    value.y instanceof Float32Array
  );
}
