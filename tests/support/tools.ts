// The outside tools the tests read outputs with (poppler, qpdf, LibreOffice…): whether one is installed
// here, and LibreOffice's conversion, as a user opening and exporting a document would.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { writeTemp } from './temp.js';

export function has(tool: string): boolean {
  return spawnSync('which', [tool]).status === 0;
}

/**
 * LibreOffice's PDF export as a printer gets the pages: the blank versos that a section opening on an odd
 * page inserts are kept (its command-line export skips them by default, numbering on as if they were there).
 */
export const LIBREOFFICE_PDF = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}';

/**
 * LibreOffice's PDF of a DOCX, converted headless with a private profile (no lock on the user's) and the
 * given environment (a private font setup, say); returns the PDF's path.
 */
export function libreOfficePdf(docx: Uint8Array, name: string, env: NodeJS.ProcessEnv = {}): string {
  const input = writeTemp(docx, `${name}.docx`);
  const dir = path.dirname(input);
  execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', LIBREOFFICE_PDF, '--outdir', dir, input], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
    timeout: 110_000,
  });
  return path.join(dir, `${name}.pdf`);
}
