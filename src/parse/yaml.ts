// YAML as the readers take it (a Markdown file's front matter, a book.yaml): one parse, the first error
// as one line, and aliases held to a small budget so a "billion laughs" file cannot expand into gigabytes.
import { parseDocument } from 'yaml';
import { UserError } from '../support/errors.js';

/** How many alias expansions a YAML text may make: real metadata uses none or a few. */
const MAX_ALIAS_COUNT = 50;

/** The value of a YAML text; `what` names it in messages, `firstLine` is the line its text starts on. */
export function readYaml(source: string, file: string, what: string, firstLine = 0): unknown {
  const doc = parseDocument(source, { prettyErrors: false });
  const error = doc.errors[0];
  if (error) throw new UserError(`${file}: broken ${what} at line ${(error.linePos?.[0]?.line ?? 1) + firstLine}: ${error.message.split('\n')[0]}`);
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) throw new UserError(`${file}: the ${what}'s aliases expand past ${MAX_ALIAS_COUNT} (a YAML bomb): refused`);
    throw new UserError(`${file}: broken ${what}: ${(error as Error).message.split('\n')[0]}`);
  }
}
