// "Valid", as a user's tools judge it: qpdf for the PDF (pdf.js opening it is pdf.ts's pdfjsText), EPUBCheck
// for the EPUB (the TypeScript port always, EPUBCheck 4.2.6 on Java where installed); for the zip
// packages' XML, see zip.ts's xmlParts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EpubCheck } from '@likecoin/epubcheck-ts';
import { qpdfCheck } from './pdf.js';
import { writeTemp } from './temp.js';
import { has } from './tools.js';

/** qpdf's structural check, where qpdf is installed; returns its complaint or '' when clean. */
export function qpdfProblems(bytes: Uint8Array): string {
  if (!has('qpdf')) return '';
  const run = qpdfCheck(bytes);
  return run.status === 0 ? '' : run.output;
}

export interface Finding {
  severity: string;
  id: string;
  message: string;
}

/** EPUBCheck (TypeScript port): its fatal errors, errors and warnings. */
export async function epubcheckTs(bytes: Uint8Array): Promise<Finding[]> {
  const result = await EpubCheck.validate(bytes);
  return result.messages
    .filter((m) => ['fatal', 'error', 'warning'].includes(String(m.severity).toLowerCase()))
    .map((m) => ({ severity: String(m.severity), id: m.id, message: `${m.message} @ ${m.location?.path ?? ''}:${m.location?.line ?? ''}` }));
}

/** The same, as "ID message" strings. */
export async function epubProblems(bytes: Uint8Array): Promise<string[]> {
  return (await epubcheckTs(bytes)).map((f) => `${f.id} ${f.message}`);
}

const JAR = '/usr/share/java/epubcheck.jar';
export const javaEpubcheckAvailable = existsSync(JAR) && spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;

interface JavaReport {
  messages: { ID: string; severity: string; message: string; locations?: { path?: string; line?: number }[] }[];
  checker: { checkerVersion: string; nFatal: number; nError: number; nWarning: number };
}

/** EPUBCheck 4.2.6 through `java -jar`, its JSON report written to a file (stdout mixes in prose). */
export async function javaEpubcheck(bytes: Uint8Array): Promise<{ version: string; findings: Finding[] }> {
  const file = writeTemp(bytes, 'book.epub');
  const report = path.join(path.dirname(file), 'report.json');
  const code = await new Promise<number | null>((resolve, reject) => {
    // C1-only JIT and the serial collector: EPUBCheck runs for seconds, where JVM start-up dominates.
    const child = spawn('java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', JAR, file, '--json', report], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (!existsSync(report)) throw new Error(`EPUBCheck wrote no report (exit ${code})`);
  const json = JSON.parse(readFileSync(report, 'utf8')) as JavaReport;
  const findings = json.messages
    .filter((m) => ['FATAL', 'ERROR', 'WARNING'].includes(m.severity))
    .map((m) => ({ severity: m.severity, id: m.ID, message: `${m.message} @ ${m.locations?.[0]?.path ?? ''}:${m.locations?.[0]?.line ?? ''}` }));
  return { version: json.checker.checkerVersion, findings };
}
