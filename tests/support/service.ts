// `warraq serve` as an operator runs it: the built command on 127.0.0.1 and a free port, its JSON log lines
// collected, stopped by a signal. Every service a test file starts is stopped when the file ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from 'vitest';
import { BIN, ROOT } from './paths.js';
import { latin1, pdfjsText } from './pdf.js';
import { epubProblems, qpdfProblems } from './validate.js';
import { xmlParts } from './zip.js';

export interface Service {
  /** http://127.0.0.1:PORT */
  url: string;
  child: ChildProcess;
  /** The log lines so far, parsed (pino's JSON). */
  logs: Record<string, unknown>[];
  /** Sends `signal` and resolves with the exit code once the process has ended. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** The exit code, once the process has ended (without sending anything). */
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts `warraq serve --port 0 …args` and resolves once it says it is ready. */
export function startService(args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Service> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => running.delete(child));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return new Promise<Service>((resolve, reject) => {
    let buffered = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.trim() === '') continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'warraq serve ready') resolve({ url: String(entry.url), child, logs, stop, exited });
      }
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => (stderr += chunk));
    void exited.then((code) => reject(new Error(`warraq serve exited (${code}) before it was ready: ${stderr}`)));
  });
}

/** POSTs the sample-like `body` to `path` of the service. */
export function post(service: Service, path: string, body: string | Uint8Array | FormData | Blob, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${service.url}${path}`, { method: 'POST', body, headers });
}

/** Polls /healthz until `ready` workers are up again (a replaced worker warms up first). */
export async function waitForWorkers(service: Service, ready: number): Promise<void> {
  for (;;) {
    const health = (await (await fetch(`${service.url}/healthz`)).json()) as { workers: number };
    if (health.workers >= ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The value of one sample of /metrics, e.g. metric(text, 'warraq_job_failures_total{reason="timeout"}'). */
export function metric(text: string, sample: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
}

/**
 * Checks a document as the CLI tests do: qpdf and pdf.js for the PDF, EPUBCheck for the EPUB, every XML part
 * well-formed for the EPUB and the DOCX. Returns the text a reader finds (pdf.js's, the DOCX body's).
 */
export async function checkDocument(format: 'pdf' | 'epub' | 'docx', bytes: Uint8Array): Promise<string> {
  if (format === 'pdf') {
    expect(latin1(bytes.subarray(0, 5))).toBe('%PDF-');
    expect(qpdfProblems(bytes)).toBe('');
    return pdfjsText(bytes);
  }
  const parts = await xmlParts(bytes);
  if (format === 'epub') {
    expect(await epubProblems(bytes)).toEqual([]);
    return [...parts].filter(([name]) => name.endsWith('.xhtml')).map(([, xml]) => xml.replace(/<[^>]+>/g, '')).join('\n');
  }
  expect(parts.has('word/document.xml')).toBe(true);
  return (parts.get('word/document.xml') ?? '').replace(/<[^>]+>/g, '');
}
