// Types for what tests/render/pdf/paragraph/kashida-distribution.test.ts reads of scripts/kashida-report.mjs.
/** The figures of one text laid out with a theme (see the script's header for what each means). */
export interface KashidaFigures {
  /** The text, relative to the checkout. */
  file: string;
  /** Justified lines of RTL paragraphs. */
  lines: number;
  /** Elongations the justification added. */
  elongations: number;
  /** Per cent of the elongations in each quarter of the line, from its start. */
  quarters: number[];
  /** The most elongations in one word. */
  perWordMax: number;
  /** Mean elongations per elongated word. */
  perWordMean: number;
  /** Per cent of words of three letters or fewer that are elongated. */
  shortWordsElongated: number;
  /** Per cent of lines whose last word is elongated. */
  lastWordElongated: number;
  /** Standard deviation over the lines of a line's mean word space, in points. */
  wordSpaceSd: number;
  /** The median absolute deviation of the lines' mean word space, in points: robust to one loose line. */
  wordSpaceMad: number;
  /** Mean word space, in points. */
  wordSpaceMean: number;
}
/** The texts the script measures. */
export declare const TEXTS: readonly string[];
/** Lays out `file` (a5 theme unless told) and measures its kashida. */
export declare function report(file: string, theme?: unknown): Promise<KashidaFigures>;
