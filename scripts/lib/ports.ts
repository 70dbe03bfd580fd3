import { createServer } from 'node:net';
import { SetupError } from './setupError';

/** Resolves when `port` on 127.0.0.1 can be bound, or throws a one-line `SetupError` naming the port. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new SetupError(`port ${port} on 127.0.0.1 is already in use; stop what uses it or set ALIGNMENT_NOTES_PORT to a free port.`)
          : new SetupError(`cannot listen on 127.0.0.1:${port}: ${error.message}`),
      );
    });
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** A port the OS says is free on 127.0.0.1 now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The port the user asked for with ALIGNMENT_NOTES_PORT, checked free; else any free port. */
export async function choosePort(): Promise<number> {
  const requested = process.env.ALIGNMENT_NOTES_PORT;
  if (requested === undefined || requested === '') return freePort();
  const port = Number(requested);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new SetupError(`ALIGNMENT_NOTES_PORT must be a port number from 1 to 65535, not "${requested}".`);
  }
  await assertPortFree(port);
  return port;
}
