// Re-zips a package so the same parts give the same bytes: one fixed timestamp for every entry (the
// build date; ZIP's DOS dates cannot go before 1980), a fixed entry order, no folder entries, one
// compression setting.
import JSZip from 'jszip';

const DOS_EPOCH = Date.UTC(1980, 0, 1);
const DOS_END = Date.UTC(2107, 11, 31);

/** The timestamp stored for every entry: the build date, clamped to what a ZIP can hold. */
export function zipDate(buildDate: Date): Date {
  return new Date(Math.min(Math.max(buildDate.getTime(), DOS_EPOCH), DOS_END));
}

/** OPC convention: the content types first, the package relationships next, then the parts by name. */
function entryOrder(a: string, b: string): number {
  const rank = (name: string): number => (name === '[Content_Types].xml' ? 0 : name === '_rels/.rels' ? 1 : 2);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export async function reproducibleZip(parts: ReadonlyMap<string, Uint8Array>, buildDate: Date): Promise<Uint8Array> {
  const zip = new JSZip();
  const date = zipDate(buildDate);
  for (const name of [...parts.keys()].sort(entryOrder)) {
    zip.file(name, parts.get(name) ?? new Uint8Array(), { date, createFolders: false, binary: true });
  }
  return zip.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'DOS',
  });
}

/** Every entry's bytes, by name (folders left out). */
export async function readZip(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, Uint8Array>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) parts.set(entry.name, await entry.async('uint8array'));
  }
  return parts;
}
