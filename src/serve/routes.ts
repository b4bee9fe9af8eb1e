// The API: POST /v1/build, POST /v1/parse, GET /healthz, GET /metrics (docs/openapi.yaml describes them).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FailureReason } from './metrics.js';
import type { ServeOptions } from './options.js';
import { PoolClosed, QueueFull, type PoolResult, type RenderPool } from './pool.js';
import type { Job, JobDocument } from './protocol.js';
import { HttpError, readBody, readQuery } from './request.js';

/** What the routes are given. */
export interface ApiContext {
  /** The service's options. */
  options: ServeOptions;
  /** The render workers. */
  pool: RenderPool;
  /** The bundled themes a request may name. */
  themes: readonly string[];
  /** Where failures are counted, and the /metrics text. */
  metrics: {
    /** Counts a job that gave no document. */
    failure(reason: FailureReason): void;
    /** The Prometheus text. */
    render(): string;
  };
}

/** Content types of what /v1/build returns. */
export const CONTENT_TYPES: Readonly<Record<JobDocument['format'], string>> = Object.freeze({
  pdf: 'application/pdf',
  epub: 'application/epub+zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
});

/** The most of the warnings a header carries (headers have limits); the JSON envelope has them all. */
const WARNINGS_HEADER_BYTES = 8 * 1024;

export function registerApi(app: FastifyInstance, context: ApiContext): void {
  const { options, pool, themes, metrics } = context;

  /** Reads the request into a job and runs it; a result that is no document becomes an HttpError. */
  const run = async (request: FastifyRequest, reply: FastifyReply, task: Job['task']): Promise<{ result: Extract<PoolResult, { kind: 'built' | 'parsed' }>; stem: string }> => {
    const query = readQuery(request.query, themes, task);
    const body = await readBody(request, query, options.maxBody);
    const formats = task === 'parse' ? [] : query.formats;
    const job: Job = {
      task,
      ...body,
      formats,
      // The JSON envelope carries each document; a plain answer is one file, so several come zipped.
      zip: formats.length > 1 && !wantsJson(request),
      stem: body.article.name.replace(/\.[^.]*$/, ''),
      lang: query.lang,
      template: query.template ?? options.template,
      pageSize: query.pageSize ?? options.pageSize,
    };
    // A client that goes away while its job waits gives up its place in the queue.
    const gone = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableEnded) gone.abort();
    });
    let result: PoolResult;
    try {
      result = await pool.run(job, options.timeout, gone.signal);
    } catch (error) {
      if (error instanceof QueueFull) {
        metrics.failure('queue_full');
        throw new HttpError(429, 'busy', 'too many requests are waiting; try again later', error.retryAfter);
      }
      if (error instanceof PoolClosed) throw new HttpError(503, 'shutting-down', 'the service is shutting down', 1);
      throw error;
    }
    if (result.kind === 'built' || result.kind === 'parsed') return { result, stem: job.stem };
    metrics.failure(result.kind);
    switch (result.kind) {
      case 'refused':
        throw new HttpError(422, 'bad-article', result.message);
      case 'failed':
        request.log.error({ message: result.message }, 'a bug in warraq');
        throw new HttpError(500, 'internal', `internal error (a bug in warraq): ${result.message}`);
      case 'crashed':
        request.log.error({ reason: result.message }, 'the render worker died under this request');
        throw new HttpError(500, 'worker-lost', `${job.article.name}: ${result.message}`);
      case 'timeout':
        request.log.warn({ timeout: options.timeout }, 'time limit reached; the work was cancelled');
        throw new HttpError(504, 'timeout', `${job.article.name}: not done within the ${options.timeout} ms a request may take; the work was cancelled`);
      case 'expired':
        throw new HttpError(503, 'timeout', `${job.article.name}: no worker was free within the ${options.timeout} ms a request may take`, 1);
    }
  };

  app.post('/v1/build', async (request, reply) => {
    const { result, stem } = await run(request, reply, 'build');
    if (result.kind !== 'built') throw new Error('a build gave no documents');
    if (wantsJson(request)) {
      return reply.type('application/json; charset=utf-8').send({
        article: result.article,
        warnings: result.warnings,
        documents: result.documents.map((d) => ({ format: d.format, contentType: CONTENT_TYPES[d.format], filename: `${stem}.${d.format}`, bytes: d.bytes.length, base64: Buffer.from(d.bytes).toString('base64') })),
      });
    }
    const [document] = result.documents;
    if (!document) throw new Error('a build gave no documents');
    return reply
      .type(CONTENT_TYPES[document.format])
      .header('content-disposition', contentDisposition(`${stem}.${document.format}`))
      .header('x-warraq-warning-count', String(result.warnings.length))
      .header('x-warraq-warnings', warningsHeader(result.warnings))
      .send(Buffer.from(document.bytes.buffer, document.bytes.byteOffset, document.bytes.byteLength));
  });

  app.post('/v1/parse', async (request, reply) => {
    const { result } = await run(request, reply, 'parse');
    return reply.type('application/json; charset=utf-8').send({ article: result.article, warnings: result.warnings });
  });

  app.get('/healthz', async (_request, reply) => {
    const stats = pool.stats();
    const ok = stats.workers > 0;
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'no-workers', ...stats });
  });

  app.get('/metrics', async (_request, reply) => reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render()));
}

/** JSON (the envelope) when the client asks for it, the document itself otherwise. */
function wantsJson(request: FastifyRequest): boolean {
  return /\bapplication\/json\b/i.test(request.headers.accept ?? '');
}

/** attachment; filename="…" (ASCII) and filename*= (UTF-8, RFC 8187) for Arabic names. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** The warnings as a JSON array in ASCII (non-ASCII as \u escapes), as many as fit in a header. */
export function warningsHeader(warnings: readonly string[]): string {
  const ascii = (value: unknown): string => JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const kept: string[] = [];
  let length = 2;
  for (const warning of warnings) {
    length += ascii(warning).length + 1;
    if (length > WARNINGS_HEADER_BYTES) break;
    kept.push(warning);
  }
  return ascii(kept);
}
