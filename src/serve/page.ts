// The editor's page at `/` and its assets: a fixed list of files read once at start-up (the page in web/,
// pdf.js from node_modules, the bundled Amiri for the interface), never a path taken from a URL. Every
// asset is served by warraq itself, and the Content-Security-Policy lets the page reach nothing else.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { BUNDLED_FONTS, PACKAGE_ROOT } from '../theme/load.js';

/** What the page is told about the service (written into its HTML). */
export interface PageContext {
  /** The bundled themes a request may name. */
  themes: readonly string[];
  /** The largest request body, in bytes. */
  maxBody: number;
}

/** The page's own files, and the content type of each. */
const WEB_FILES: Readonly<Record<string, string>> = Object.freeze({
  'app.js': 'text/javascript; charset=utf-8',
  'i18n.js': 'text/javascript; charset=utf-8',
  'preview.js': 'text/javascript; charset=utf-8',
  'unzip.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
});

/**
 * Scripts only from here (no inline script, no eval: pdf.js runs with isEvalSupported off); the EPUB
 * preview is a document made in the page (blob:) in a frame that may run no script at all.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' blob:",
  "img-src 'self' blob: data:",
  "font-src 'self' blob: data:",
  "connect-src 'self'",
  "frame-src blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  type: string;
  body: Buffer;
}

export function registerPage(app: FastifyInstance, context: PageContext): void {
  const web = path.join(PACKAGE_ROOT, 'web');
  const require = createRequire(import.meta.url);
  const assets = new Map<string, Asset>();
  for (const [name, type] of Object.entries(WEB_FILES)) assets.set(name, { type, body: readFileSync(path.join(web, name)) });
  for (const name of ['pdf.min.mjs', 'pdf.worker.min.mjs']) {
    assets.set(name, { type: 'text/javascript; charset=utf-8', body: readFileSync(require.resolve(`pdfjs-dist/build/${name}`)) });
  }
  for (const name of ['Amiri-Regular.ttf', 'Amiri-Bold.ttf']) assets.set(name, { type: 'font/ttf', body: readFileSync(path.join(BUNDLED_FONTS, name)) });
  const page = readFileSync(path.join(web, 'index.html'), 'utf8')
    .replace('{{themes}}', escapeAttribute(context.themes.join(',')))
    .replace('{{maxBody}}', String(context.maxBody));

  const secure = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-cache' };
  app.get('/', async (_request, reply) => reply.headers(secure).type('text/html; charset=utf-8').send(page));
  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) return reply.status(404).type('application/json; charset=utf-8').send({ error: { status: 404, code: 'not-found', message: 'no such asset' } });
    return reply.headers(secure).type(asset.type).send(asset.body);
  });
}

function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}
