// Bytes of a saved web page → text. A page is saved in the encoding the site served, and older Arabic and
// Persian sites serve windows-1256 or ISO-8859-6, declared in <meta charset>. UTF-8 is still tried first and
// strictly: a page that decodes as UTF-8 is UTF-8 whatever its meta says (browsers re-encode on saving).
import { UserError } from '../support/errors.js';
import { decodeText } from './decode.js';

/** How far into the file the declaration is looked for (the HTML standard's prescan reads 1024 bytes). */
const PRESCAN_BYTES = 4096;

export function decodeHtml(bytes: Uint8Array, file: string): string {
  try {
    return decodeText(bytes, file);
  } catch (error) {
    const charset = declaredCharset(bytes);
    // Only a UTF-8 failure is retried; binary data, empty files and UTF-8 pages stay refused as they were.
    if (!(error instanceof UserError) || !/invalid UTF-8/.test(error.message) || charset === undefined || /^utf-?8$/i.test(charset)) throw error;
    let decoder: InstanceType<typeof TextDecoder>;
    try {
      decoder = new TextDecoder(charset, { fatal: true });
    } catch {
      throw new UserError(`${file}: the page declares the unknown charset "${charset}"`);
    }
    try {
      return decoder.decode(bytes);
    } catch {
      throw new UserError(`${file}: not valid ${charset} text, though the page declares it`);
    }
  }
}

/** The charset named by <meta charset> or <meta http-equiv="Content-Type" content="…; charset=…">. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  // Latin-1 maps every byte to one character: ASCII markup reads right whatever the real encoding.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, PRESCAN_BYTES));
  for (const meta of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const charset = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(meta)?.[1];
    if (charset) return charset.toLowerCase();
  }
  return undefined;
}
