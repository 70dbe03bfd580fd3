/** What a worker thread is started with. */
export interface WorkerData {
  /** Whether it analyses in the background, at the lowest priority the platform lets a thread ask for. */
  readonly background: boolean;
}

/** Whether a worker was started with `WorkerData` (a worker started otherwise runs at the caller's priority). */
export function isWorkerData(data: unknown): data is WorkerData {
  return typeof data === 'object' && data !== null && typeof (data as Record<string, unknown>).background === 'boolean';
}
