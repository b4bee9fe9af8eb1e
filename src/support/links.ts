// Which links a document keeps live, the same rule in the PDF, the EPUB and the DOCX: absolute web and
// mail addresses only. A relative path points at a file the document does not contain, and other
// schemes (javascript:, data:, file:) have no place in a document handed to readers.

const LIVE_SCHEMES: readonly string[] = Object.freeze(['http:', 'https:', 'mailto:']);

// Characters WHATWG URL serialisation leaves as they are but RFC 3987 does not allow (EPUBCheck refuses
// them): escaped in the path, query and fragment.
const NOT_IN_IRI = /[|^[\]{}`\\<>"\s]/g;

const escape = (part: string): string => part.replace(NOT_IN_IRI, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** The link's address as documents write it, or undefined when the link must not be live. */
export function liveLink(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (!LIVE_SCHEMES.includes(parsed.protocol)) return undefined;
  parsed.pathname = escape(parsed.pathname);
  parsed.search = escape(parsed.search);
  parsed.hash = escape(parsed.hash);
  return parsed.href;
}
