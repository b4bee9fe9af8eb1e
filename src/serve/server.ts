// `warraq serve`: a fastify HTTP service over a pool of warm render workers, and the editor's page. Safe by
// construction: requests name no files (their images come with them), bodies are bounded (413), work is
// bounded in time (the worker is terminated: 503/504) and in number (429 with Retry-After), and a worker
// that dies takes only its own request with it. Logs are pino's JSON lines on stdout.
import Fastify, { type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { printable, UserError } from '../support/errors.js';
import { loadTheme } from '../theme/load.js';
import { bundledThemes, type ServeOptions } from './options.js';
import { Metrics, type FailureReason } from './metrics.js';
import { registerPage } from './page.js';
import { RenderPool } from './pool.js';
import { HttpError } from './request.js';
import { registerApi } from './routes.js';

/** A started service. */
export interface RunningServer {
  /** The fastify instance (routes, logger). */
  app: FastifyInstance;
  /** Where it listens, e.g. http://127.0.0.1:8080. */
  url: string;
  /** Stops taking requests, lets the ones in flight finish, then stops the workers. */
  close(): Promise<void>;
}

/** Starts the workers (warm), then listens. Rejects when a worker cannot start (a broken --template). */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  // A theme that cannot be loaded is the operator's one-line mistake, told before any worker starts.
  loadTheme(options.template, { pageSize: options.pageSize });
  const app = Fastify({
    logger: { level: options.logLevel },
    bodyLimit: options.maxBody,
    // A client that sends its request slowly does not hold a connection for ever.
    requestTimeout: options.timeout + 60_000,
    return503OnClosing: true,
  });
  const metrics = new Metrics();
  const pool = new RenderPool({
    size: options.jobs,
    queue: options.queue,
    workerMemory: options.workerMemory,
    template: options.template,
    onWorkerLost: (reason) => app.log.error({ reason }, 'render worker lost; replacing it'),
  });
  const themes = bundledThemes();
  // Every body is read as bytes and decoded strictly by warraq's own readers (UTF-8 checks, BOM, charset).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  await app.register(multipart, { limits: { fileSize: options.maxBody } });
  // One client (one address) cannot take the whole service: past its share of a minute it gets 429 with
  // Retry-After, before its body is read. The page, /healthz and /metrics are not counted.
  if (options.rateLimit > 0) {
    await app.register(rateLimit, {
      allowList: (request) => !request.url.startsWith('/v1/'),
      max: options.rateLimit,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) => new HttpError(429, 'rate-limited', `more than ${context.max} requests a minute from this address; try again in ${Math.ceil(context.ttl / 1000)} s`, Math.max(1, Math.ceil(context.ttl / 1000))),
    });
  }

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error instanceof HttpError ? error.status : error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    const code = error instanceof HttpError ? error.code : status === 413 ? 'too-large' : status === 415 ? 'unsupported-type' : status >= 500 ? 'internal' : 'bad-request';
    const message = status === 413 && !(error instanceof HttpError) ? `the request is larger than the ${options.maxBody} bytes this service takes` : status >= 500 && !(error instanceof HttpError) ? 'internal error' : error.message;
    if (status >= 500 && !(error instanceof HttpError)) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status, code, message }, 'request refused');
    if (error instanceof HttpError && error.retryAfter !== undefined) void reply.header('retry-after', String(error.retryAfter));
    return reply.status(status).type('application/json; charset=utf-8').send({ error: { status, code, message } });
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).type('application/json; charset=utf-8').send({ error: { status: 404, code: 'not-found', message: `no such route: ${request.method} ${printable(request.url)}` } }));
  // Shutting down: the answers still to go out close their connections, so that closing the server (which
  // waits for every connection) ends once they are sent rather than when the clients' keep-alive runs out.
  let closing = false;
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    metrics.request(request.routeOptions.url ?? 'unknown', reply.statusCode, reply.elapsedTime / 1000);
    if (closing) app.server.closeIdleConnections();
    done();
  });

  registerApi(app, { options, pool, themes, metrics: { failure: (reason: FailureReason) => metrics.failure(reason), render: () => metrics.render(pool.stats()) } });
  registerPage(app, { themes, maxBody: options.maxBody });

  // Listening first: a port in use is told at once, not after the workers' warm-up. Requests that come
  // while the workers warm up wait in the queue (and /healthz says 503 until one is ready).
  let url: string;
  try {
    url = await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${options.host}:${options.port}: cannot listen (${code === 'EADDRINUSE' ? 'the address is in use' : code === 'EACCES' ? 'permission denied' : code === 'EADDRNOTAVAIL' ? 'no such address on this machine' : (error as Error).message})`);
  }
  try {
    await pool.start();
  } catch (error) {
    await app.close();
    throw error;
  }
  app.log.info({ url, workers: options.jobs, queue: options.queue, maxBody: options.maxBody, timeout: options.timeout }, 'warraq serve ready');
  return {
    app,
    url,
    close: async () => {
      closing = true;
      await app.close();
      await pool.close();
    },
  };
}

/**
 * Runs the service until SIGTERM or SIGINT: then it takes no new requests (new connections are refused,
 * requests on open ones get 503), finishes the ones in flight and exits 0. A second signal ends it at once.
 */
export async function serve(options: ServeOptions): Promise<number> {
  // The handlers come first: a signal during the workers' warm-up shuts down as soon as the service is up.
  let stopping: NodeJS.Signals | undefined;
  let shutDown: ((signal: NodeJS.Signals) => void) | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = signal;
    shutDown?.(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  let server: RunningServer;
  try {
    server = await startServer(options);
  } catch (error) {
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGINT', onSignal);
    throw error;
  }
  return new Promise<number>((resolve) => {
    shutDown = (signal) => {
      server.app.log.info({ signal }, 'shutting down: finishing the requests in flight');
      // Every job ends by its time limit, so this only fires for a connection that will not let go.
      const guard = setTimeout(() => {
        server.app.log.error('requests still open past the time limit; exiting');
        process.exit(1);
      }, options.timeout + 10_000);
      guard.unref();
      const done = (code: number): void => {
        clearTimeout(guard);
        process.removeListener('SIGTERM', onSignal);
        process.removeListener('SIGINT', onSignal);
        resolve(code);
      };
      server.close().then(
        () => {
          server.app.log.info('stopped');
          done(0);
        },
        (error: unknown) => {
          server.app.log.error({ err: error }, 'shutdown failed');
          done(1);
        },
      );
    };
    if (stopping) shutDown(stopping);
  });
}
