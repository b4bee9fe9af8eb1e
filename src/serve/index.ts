// The service for a library host: `startServer({ port: 0 })` from 'warraq'. fastify and the workers load
// only when it is called, so importing the library never pays for them.
import { defaultServeOptions, type ServeOptions } from './options.js';
import type { RunningServer } from './server.js';

export type { ServeOptions } from './options.js';
export type { RunningServer } from './server.js';

/** Starts `warraq serve` in this process (the defaults of the command for what `options` leaves out). */
export async function startServer(options: Partial<ServeOptions> = {}): Promise<RunningServer> {
  const { startServer: start } = await import('./server.js');
  const defaults = defaultServeOptions();
  const jobs = options.jobs ?? defaults.jobs;
  return start({ ...defaults, queue: 4 * jobs, ...options, jobs });
}
