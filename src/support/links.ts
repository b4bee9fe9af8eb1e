// Which links a document keeps live, the same rule in the PDF, the EPUB and the DOCX: absolute web and
// mail addresses only. A relative path points at a file the document does not contain, and other
// schemes (javascript:, data:, file:) have no place in a document handed to readers. A live link's
// address is the same string in all three formats: the WHATWG serialisation, made a valid RFC 3987 IRI.

const LIVE_SCHEMES: readonly string[] = Object.freeze(['http:', 'https:', 'mailto:']);

// What WHATWG URL serialisation leaves as written but RFC 3987 does not allow (EPUBCheck refuses it,
// RSC-020): these characters in the path, query and fragment, and a "%" that starts no escape.
const NOT_IN_IRI = /[|^[\]{}`\\<>"\s]|%(?![0-9A-Fa-f]{2})/g;
// A fragment ends the address: a second "#" is part of it, escaped.
const NOT_IN_FRAGMENT = /[|^[\]{}`\\<>"\s#]|%(?![0-9A-Fa-f]{2})/g;
const STRAY_PERCENT = /%(?![0-9A-Fa-f]{2})/g;

const percent = (c: string): string => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

/** The link's address as documents write it, or undefined when the link must not be live. */
export function liveLink(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (!LIVE_SCHEMES.includes(parsed.protocol)) return undefined;
  // Escaped on the serialised string: the URL setters would drop an empty "?" or "#", and cannot reach
  // a mailto: address (an opaque path). In the serialisation the authority holds no raw "/", "?" or "#"
  // (WHATWG escapes them in user names), the path no "?" or "#", and the query no "#".
  const href = parsed.href;
  const afterScheme = parsed.protocol.length;
  const pathStart = href.startsWith('//', afterScheme) ? href.slice(afterScheme + 2).search(/[/?#]|$/) + afterScheme + 2 : afterScheme;
  const hash = href.indexOf('#', pathStart);
  const fragmentStart = hash === -1 ? href.length : hash;
  // The authority keeps its IPv6 brackets; only a user name's stray "%" is escaped there.
  const authority = href.slice(0, pathStart).replace(STRAY_PERCENT, percent);
  const pathAndQuery = href.slice(pathStart, fragmentStart).replace(NOT_IN_IRI, percent);
  const fragment = hash === -1 ? '' : `#${href.slice(hash + 1).replace(NOT_IN_FRAGMENT, percent)}`;
  return authority + pathAndQuery + fragment;
}
