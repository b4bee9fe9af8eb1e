// `warraq serve` as a CMS calls it: the built command listening on 127.0.0.1, real HTTP requests, and the
// documents checked as the command line's are (qpdf, pdf.js, EPUBCheck, well-formed XML).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { warraq } from '../support/cli.js';
import { ARTICLES, ROOT, SAMPLE, TEMPLATES } from '../support/paths.js';
import { openPdf } from '../support/pdf.js';
import { checkDocument, metric, post, startService, type Service } from '../support/service.js';
import { tempDir } from '../support/temp.js';
import { openZip } from '../support/zip.js';

const FORMATS = ['pdf', 'epub', 'docx'] as const;
const sample = readFileSync(SAMPLE, 'utf8');
const TITLE = sample.split('\n')[0]!;
const TEXT = { 'content-type': 'text/plain; charset=utf-8' };

const bytesOf = async (response: Response): Promise<Uint8Array> => new Uint8Array(await response.arrayBuffer());

/** What the command writes for `file` (the reference the service's bytes are compared with). */
function commandOutputs(file: string): Record<(typeof FORMATS)[number], Buffer> {
  const out = tempDir();
  const run = warraq(['build', file, '--out', out]);
  expect(run.status, run.stderr).toBe(0);
  const stem = path.basename(file, path.extname(file));
  return Object.fromEntries(FORMATS.map((f) => [f, readFileSync(path.join(out, `${stem}.${f}`))])) as Record<(typeof FORMATS)[number], Buffer>;
}

function form(entries: [string, Blob, string][]): FormData {
  const data = new FormData();
  for (const [name, blob, filename] of entries) data.append(name, blob, filename);
  return data;
}

// The sample ends in a «اقرا ايضا» line, dropped with a warning.
const SAMPLE_TAIL = /^(article|alaska-summit)\.txt: dropped a line of web boilerplate at the end: «اقرا ايضا»$/;

describe('warraq serve: the API', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startService(['--jobs', '2', '--queue', '100', '--max-body', '256KB']);
  });
  afterAll(async () => {
    expect(await service.stop()).toBe(0);
  });

  it('builds the sample into the very PDF, EPUB and DOCX the command writes, each one valid', async () => {
    const expected = commandOutputs(SAMPLE);
    for (const format of FORMATS) {
      const response = await post(service, `/v1/build?format=${format}&name=alaska-summit`, sample, TEXT);
      expect(response.status, format).toBe(200);
      expect(response.headers.get('content-type')).toMatch({ pdf: /^application\/pdf/, epub: /^application\/epub\+zip/, docx: /wordprocessingml/ }[format]);
      expect(response.headers.get('content-disposition')).toContain(`filename="alaska-summit.${format}"`);
      expect(JSON.parse(response.headers.get('x-warraq-warnings') ?? '')).toEqual([expect.stringMatching(SAMPLE_TAIL)]);
      const bytes = await bytesOf(response);
      expect(Buffer.compare(bytes, expected[format]), `${format} differs from the command's`).toBe(0);
      expect(await checkDocument(format, bytes)).toContain(TITLE);
    }
  });

  it('format=all is a zip of the three; Accept: application/json an envelope with the model and the warnings', async () => {
    const zip = await post(service, '/v1/build?format=all', sample, TEXT);
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const opened = await openZip(await bytesOf(zip));
    expect(Object.keys(opened.zip.files).sort()).toEqual(['article.docx', 'article.epub', 'article.pdf']);

    const response = await post(service, '/v1/build?format=pdf,docx', sample, { ...TEXT, accept: 'application/json' });
    expect(response.status).toBe(200);
    const envelope = (await response.json()) as { article: { meta: { title: string } }; warnings: string[]; documents: { format: string; filename: string; base64: string }[] };
    expect(envelope.article.meta.title).toBe(TITLE);
    expect(envelope.warnings).toEqual([expect.stringMatching(SAMPLE_TAIL)]);
    expect(envelope.documents.map((d) => [d.format, d.filename])).toEqual([['pdf', 'article.pdf'], ['docx', 'article.docx']]);
    for (const document of envelope.documents) {
      const fromZip = await opened.zip.file(document.filename)!.async('uint8array');
      expect(Buffer.compare(Buffer.from(document.base64, 'base64'), fromZip), document.format).toBe(0);
    }
  });

  it('a Markdown article with its image, sent as a form, gives the command\'s documents, the image in them', async () => {
    const markdown = path.join(ARTICLES, 'arabic.md');
    const expected = commandOutputs(markdown);
    const parts = (): FormData =>
      form([
        ['article', new Blob([readFileSync(markdown)], { type: 'text/markdown' }), 'arabic.md'],
        ['image', new Blob([readFileSync(path.join(ARTICLES, 'map.png'))], { type: 'image/png' }), 'map.png'],
      ]);
    for (const format of FORMATS) {
      const response = await post(service, `/v1/build?format=${format}`, parts());
      expect(response.status, format).toBe(200);
      expect(response.headers.get('x-warraq-warnings')).toBe('[]');
      expect(response.headers.get('content-disposition')).toContain(`filename="arabic.${format}"`);
      const bytes = await bytesOf(response);
      expect(Buffer.compare(bytes, expected[format]), `${format} differs from the command's`).toBe(0);
      await checkDocument(format, bytes);
    }
    const epub = await openZip(await bytesOf(await post(service, '/v1/build?format=epub', parts())));
    expect(Object.keys(epub.zip.files).some((name) => name.endsWith('.png'))).toBe(true);
  });

  it('reads nothing of the server\'s: an image not among the attachments is "not found", whether or not such a file exists', async () => {
    const article = '# عنوان\n\nنص.\n\n![أ](/etc/passwd)\n\n![ب](/no/such/file.png)\n\n![ج](../../../../etc/hostname)\n';
    const response = await post(service, '/v1/build?format=pdf', article, { 'content-type': 'text/markdown', accept: 'application/json' });
    expect(response.status).toBe(200);
    const { warnings } = (await response.json()) as { warnings: string[] };
    expect(warnings).toEqual([
      'article.md: pdf: figure "/etc/passwd" not found (looked at /etc/passwd); drawn without the image, caption kept',
      'article.md: pdf: figure "/no/such/file.png" not found (looked at /no/such/file.png); drawn without the image, caption kept',
      'article.md: pdf: figure "../../../../etc/hostname" not found (looked at ../../../../etc/hostname); drawn without the image, caption kept',
    ]);
    // The same with attachments: only they are readable, and no message names the server's folders.
    const withImage = await post(
      service,
      '/v1/build?format=docx',
      form([
        ['article', new Blob([article]), 'a.md'],
        ['image', new Blob([readFileSync(path.join(ARTICLES, 'map.png'))]), 'map.png'],
      ]),
      { accept: 'application/json' },
    );
    const body = (await withImage.json()) as { warnings: string[] };
    expect(body.warnings).toHaveLength(3);
    expect(body.warnings.join('\n')).not.toMatch(/\/tmp|warraq-serve/);
  });

  it('POST /v1/parse returns the model and the readers\' warnings', async () => {
    const response = await post(service, '/v1/parse', `${TITLE}\nسطر فيه محرف تحكم \u0007 هنا.\n`, TEXT);
    expect(response.status).toBe(200);
    const { article, warnings } = (await response.json()) as { article: { meta: { title: string; lang: string; dir: string } }; warnings: string[] };
    expect(article.meta).toMatchObject({ title: TITLE, lang: 'ar', dir: 'rtl' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^article\.txt: .*control/);
  });

  it('refuses a mistake with its status and one line: the article, the query, the body type', async () => {
    const refusal = async (response: Response): Promise<[number, string, string]> => {
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.message).not.toContain('\n');
      return [response.status, error.code, error.message];
    };
    expect(await refusal(await post(service, '/v1/build', new Uint8Array([0x41, 0x0a, 0xff, 0xfe, 0x41]), TEXT))).toEqual([422, 'bad-article', 'article.txt: invalid UTF-8 at byte 2 (line 2)']);
    expect(await refusal(await post(service, '/v1/build', '   \n', TEXT))).toEqual([422, 'bad-article', 'article.txt: the file holds only whitespace']);
    expect((await refusal(await post(service, '/v1/build?format=odt', sample, TEXT)))[0]).toBe(400);
    expect(await refusal(await post(service, '/v1/build?template=../../etc', sample, TEXT))).toEqual([400, 'bad-query', 'template=../../etc: expected one of the bundled themes (a5, default)']);
    expect((await refusal(await post(service, '/v1/build?out=/tmp', sample, TEXT)))[1]).toBe('bad-query');
    expect((await refusal(await post(service, '/v1/build', sample, { 'content-type': 'application/pdf' })))[0]).toBe(415);
    expect((await refusal(await post(service, '/v1/build', form([['image', new Blob(['x']), '../escape.png']]))))[1]).toBe('bad-attachment');
    expect((await refusal(await fetch(`${service.url}/nowhere`)))[0]).toBe(404);
  });

  it('413 for a body past --max-body, raw or multipart; the service goes on', async () => {
    const big = `${TITLE}\n${'نص طويل. '.repeat(20_000)}`;
    const raw = await post(service, '/v1/build?format=pdf', big, TEXT);
    expect(raw.status).toBe(413);
    expect(((await raw.json()) as { error: { code: string } }).error.code).toBe('too-large');
    const parts = await post(service, '/v1/build?format=pdf', form([['article', new Blob([sample]), 'a.txt'], ['image', new Blob([new Uint8Array(300 * 1024)]), 'big.png']]));
    expect(parts.status).toBe(413);
    expect((await post(service, '/v1/build?format=pdf', sample, TEXT)).status).toBe(200);
  });

  it('100 requests at once are each answered with their own document', async () => {
    // The sample's subtitle and first two paragraphs: enough to tell the documents apart, quick to build.
    const body = sample.split('\n').slice(1, 5).join('\n');
    const requests = Array.from({ length: 100 }, async (_, i) => {
      const format = FORMATS[i % 3]!;
      const title = `مقال رقم ${i}`;
      const response = await post(service, `/v1/build?format=${format}`, `${title}\n${body}`, TEXT);
      expect(response.status, `request ${i}`).toBe(200);
      return { i, format, title, bytes: await bytesOf(response) };
    });
    const answers = await Promise.all(requests);
    for (const { i, format, title, bytes } of answers) {
      if (format === 'pdf') {
        const doc = await openPdf(bytes);
        const { info } = (await doc.getMetadata()) as { info: { Title?: string } };
        await doc.destroy();
        expect(info.Title, `request ${i}`).toBe(title);
      } else {
        const opened = await openZip(bytes);
        const core = format === 'epub' ? await opened.text('OEBPS/content.opf') : await opened.text('docProps/core.xml');
        expect(/<dc:title[^>]*>([^<]*)</.exec(core)?.[1], `request ${i}`).toBe(title);
      }
    }
  });

  it('/healthz and /metrics tell the workers, the queue, the requests and the refusals', async () => {
    const health = (await (await fetch(`${service.url}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', workers: 2, running: 0, queued: 0 });
    const text = await (await fetch(`${service.url}/metrics`)).text();
    expect(metric(text, 'warraq_http_requests_total{route="/v1/build",status="200"}')).toBeGreaterThanOrEqual(100);
    expect(metric(text, 'warraq_http_requests_total{route="/v1/build",status="413"}')).toBeGreaterThanOrEqual(1);
    expect(metric(text, 'warraq_job_failures_total{reason="refused"}')).toBe(2);
    expect(metric(text, 'warraq_queue_depth')).toBe(0);
    expect(metric(text, 'warraq_workers')).toBe(2);
    expect(metric(text, 'warraq_http_request_duration_seconds_count{route="/v1/build"}')).toBeGreaterThanOrEqual(100);
    // Structured logs: one JSON object a line, requests with their status.
    expect(service.logs.some((entry) => (entry.res as { statusCode?: number } | undefined)?.statusCode === 413)).toBe(true);
  });

  it('docs/openapi.yaml describes what the service answers: its routes, themes and error codes', async () => {
    interface Spec {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { parameters: { template: { schema: { enum: string[] } } }; schemas: { Error: { properties: { error: { properties: { code: { enum: string[] } } } } } } };
    }
    const spec = parseYaml(readFileSync(path.join(ROOT, 'docs', 'openapi.yaml'), 'utf8')) as Spec;
    expect(spec.openapi).toMatch(/^3\.1\./);
    for (const [route, methods] of Object.entries(spec.paths)) {
      for (const method of Object.keys(methods)) {
        const url = `${service.url}${route.replace('{name}', 'app.js')}`;
        const response = method === 'post' ? await post(service, route, sample, TEXT) : await fetch(url);
        expect(response.status, `${method} ${route}`).toBe(200);
      }
    }
    const themes = readdirSync(TEMPLATES, { withFileTypes: true }).filter((e) => e.isDirectory() && readdirSync(path.join(TEMPLATES, e.name)).includes('theme.json'));
    expect(spec.components.parameters.template.schema.enum.sort()).toEqual(themes.map((e) => e.name).sort());
    // Every code the service's source can answer with is listed.
    const source = readdirSync(path.join(ROOT, 'src', 'serve')).map((file) => readFileSync(path.join(ROOT, 'src', 'serve', file), 'utf8')).join('\n');
    const codes = new Set([...source.matchAll(/HttpError\(\d{3}, '([a-z-]+)'/g)].map((m) => m[1]!));
    for (const code of ['too-large', 'unsupported-type', 'internal', 'bad-request', 'not-found']) codes.add(code);
    expect([...codes].filter((code) => !spec.components.schemas.Error.properties.error.properties.code.enum.includes(code))).toEqual([]);
  });
});
