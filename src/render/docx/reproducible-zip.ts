// Re-zips a package so the same parts give the same bytes: one fixed timestamp for every entry (the
// build date; ZIP's DOS dates cannot go before 1980), a fixed entry order, no folder entries, one
// compression setting.
import { writeZip } from '../../zip/write.js';

/** OPC convention: the content types first, the package relationships next, then the parts by name. */
function entryOrder(a: string, b: string): number {
  const rank = (name: string): number => (name === '[Content_Types].xml' ? 0 : name === '_rels/.rels' ? 1 : 2);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function reproducibleZip(parts: ReadonlyMap<string, Uint8Array>, buildDate: Date): Uint8Array {
  return writeZip([...parts.keys()].sort(entryOrder).map((name) => ({ name, data: parts.get(name) ?? new Uint8Array() })), buildDate);
}

/** Every entry's bytes, by name (folders left out). JSZip loads only for this fallback (document.ts). */
export async function readZip(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, Uint8Array>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) parts.set(entry.name, await entry.async('uint8array'));
  }
  return parts;
}
