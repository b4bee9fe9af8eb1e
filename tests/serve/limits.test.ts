// The service's limits, each against a real `warraq serve`: a full queue (429), a request past its time
// limit (its worker terminated), a hostile article that takes its worker down while the others are built,
// and a graceful shutdown. No assertion is about how long anything took.
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { SAMPLE } from '../support/paths.js';
import { checkDocument, metric, post, startService, waitForWorkers } from '../support/service.js';

const sample = readFileSync(SAMPLE, 'utf8');
const [title, subtitle] = sample.split('\n');
const body = sample.split('\n').slice(2, -1).join('\n');
const TEXT = { 'content-type': 'text/plain; charset=utf-8' };
/** The sample's body `times` over: an article that keeps a worker busy for a while. */
const long = (times: number): string => `${title}\n${subtitle}\n${Array.from({ length: times }, () => body).join('\n')}\n`;

const errorOf = async (response: Response): Promise<{ code: string; message: string }> => ((await response.json()) as { error: { code: string; message: string } }).error;

describe('warraq serve: limits', () => {
  it('a full queue answers 429 with Retry-After; what was taken is built; SIGTERM then finishes the request in flight', async () => {
    const service = await startService(['--jobs', '1', '--queue', '1']);
    // One building, one waiting: the others, sent at the same moment, find the queue full.
    const responses = await Promise.all(Array.from({ length: 6 }, () => post(service, '/v1/build?format=pdf', long(20), TEXT)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(2);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    for (const response of responses) {
      if (response.status === 429) {
        expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
        expect((await errorOf(response)).code).toBe('busy');
      } else {
        expect(await checkDocument('pdf', new Uint8Array(await response.arrayBuffer()))).toContain(title);
      }
    }
    expect(metric(await (await fetch(`${service.url}/metrics`)).text(), 'warraq_job_failures_total{reason="queue_full"}')).toBe(statuses.filter((s) => s === 429).length);

    // Graceful shutdown: a request is being built when SIGTERM comes.
    const inFlight = post(service, '/v1/build?format=pdf', long(20), TEXT);
    for (;;) {
      const health = (await (await fetch(`${service.url}/healthz`)).json()) as { running: number };
      if (health.running > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    service.child.kill('SIGTERM');
    while (!service.logs.some((entry) => entry.msg === 'shutting down: finishing the requests in flight')) await new Promise((resolve) => setTimeout(resolve, 20));
    // New requests are refused (the listening socket is closed, or 503 on a connection still open).
    const late = await post(service, '/v1/build?format=pdf', sample, TEXT).then(
      (response) => response.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(late);
    const finished = await inFlight;
    expect(finished.status).toBe(200);
    expect(await checkDocument('pdf', new Uint8Array(await finished.arrayBuffer()))).toContain(title);
    expect(await service.exited).toBe(0);
    expect(service.logs.at(-1)?.msg).toBe('stopped');
  });

  it('a request past --timeout has its work cancelled (504): its worker is replaced and the next request is built', async () => {
    const service = await startService(['--jobs', '1', '--timeout', '2s']);
    // ~5 MB of text takes many seconds to lay out on any machine, far past the 2 s limit.
    const response = await post(service, '/v1/build?format=pdf', long(800), TEXT);
    expect(response.status).toBe(504);
    expect(await errorOf(response)).toEqual({ status: 504, code: 'timeout', message: 'article.txt: not done within the 2000 ms a request may take; the work was cancelled' });
    await waitForWorkers(service, 1);
    const next = await post(service, '/v1/build?format=pdf', sample, TEXT);
    expect(next.status).toBe(200);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metric(metrics, 'warraq_job_failures_total{reason="timeout"}')).toBe(1);
    expect(metric(metrics, 'warraq_worker_replacements_total')).toBe(1);
    expect(await service.stop()).toBe(0);
  });

  it('a hostile article that exhausts its worker\'s memory fails alone; the requests beside it are built', async () => {
    const service = await startService(['--jobs', '2', '--worker-memory', '48MB']);
    // A single paragraph of 600 000 words: laid out as one, it needs far more than the 48 MB a worker has.
    const hostile = `عنوان\n\n${'كلمة '.repeat(600_000)}\n`;
    const [attack, ...others] = await Promise.all([
      post(service, '/v1/build?format=pdf', hostile, TEXT),
      ...Array.from({ length: 6 }, (_, i) => post(service, `/v1/build?format=${['pdf', 'epub', 'docx'][i % 3]}`, sample, TEXT)),
    ]);
    expect(attack!.status).toBe(500);
    expect(await errorOf(attack!)).toEqual({ status: 500, code: 'worker-lost', message: 'article.txt: the article needed more memory than a worker may use (48 MB)' });
    for (const [i, response] of others.entries()) {
      expect(response.status, `request ${i}`).toBe(200);
      expect(await checkDocument((['pdf', 'epub', 'docx'] as const)[i % 3]!, new Uint8Array(await response.arrayBuffer()))).toContain(title);
    }
    await waitForWorkers(service, 2);
    expect((await post(service, '/v1/build?format=pdf', sample, TEXT)).status).toBe(200);
    expect(service.logs.some((entry) => entry.msg === 'render worker lost; replacing it')).toBe(true);
    expect(await service.stop()).toBe(0);
  });

  it('one client past --rate-limit gets 429 with Retry-After; another address and the page are still served', async () => {
    const service = await startService(['--jobs', '1', '--rate-limit', '3']);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(service, '/v1/parse', sample, TEXT)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await post(service, '/v1/build?format=pdf', sample, TEXT);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(await errorOf(refused)).toMatchObject({ code: 'rate-limited' });
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${service.url}/`)).status).toBe(200);
    // The same loopback interface from another source address (127.0.0.0/8 is all loopback): its own count.
    const { port } = new URL(service.url);
    const other = await new Promise<number>((resolve, reject) => {
      const call = httpRequest({ host: '127.0.0.1', port, path: '/v1/parse', method: 'POST', localAddress: '127.0.0.2', headers: TEXT }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      call.on('error', reject);
      call.end(sample);
    });
    expect(other).toBe(200);
    expect(await service.stop()).toBe(0);
  });
});
