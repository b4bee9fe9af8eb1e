// How every schema of warraq is checked: English messages (zod/mini brings none of its own) and no
// compiled fast path (it costs more than it saves when an article or a theme is checked a few times a
// process). Passed to each parse, never set on zod itself: a host application's own schemas are its own.
import { en } from 'zod/locales';

/** The options of every parse and safeParse of warraq's schemas. */
export const PARSE_OPTIONS = Object.freeze({ error: en().localeError, jitless: true });
