// Language detection and the direction of a language tag: what the model settles language and direction by.
import type { Block, Direction, Inline } from './schema.js';
import { blocksText } from './text.js';
import { blockInlines, eachBlock } from './walk.js';

// Scripts written right to left (ISO 15924), as CLDR's likely subtags name a language's script.
const RTL_SCRIPTS: ReadonlySet<string> = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Rohg', 'Samr', 'Mand', 'Mend', 'Yezi', 'Hung', 'Phnx', 'Armi', 'Avst']);
// Where Intl cannot say (a tag it refuses): languages written right to left by default.
const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'fa', 'prs', 'he', 'ur', 'ps', 'sd', 'ug', 'ckb', 'yi', 'dv', 'syr', 'ks', 'pnb', 'lrc', 'mzn', 'bqi', 'glk', 'az-arab']);

/**
 * The direction of a language tag, from its script: the one it names ("ku-Arab", "az-Arab"), else the
 * likely one (CLDR, through Intl.Locale.maximize: prs → Arab, ckb → Arab, dv → Thaa, yi → Hebr). Not
 * Intl's textInfo, which Node 20's ICU gets wrong for some (Thaana, Dhivehi's script, says ltr).
 */
export function directionOf(lang: string): Direction {
  let script: string | undefined;
  try {
    script = new Intl.Locale(lang).maximize().script;
  } catch {
    script = undefined;
  }
  if (script !== undefined) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  const tag = lang.toLowerCase();
  if (/-(?:arab|hebr|syrc|thaa)\b/.test(tag)) return 'rtl';
  return RTL_LANGUAGES.has(tag.split('-')[0] ?? '') ? 'rtl' : 'ltr';
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/gu;
const HEBREW = /[\u0590-\u05FF\uFB1D-\uFB4F]/gu;
const LATIN = /[A-Za-z\u00C0-\u024F]/gu;
// Letters Urdu has and Persian and Arabic do not: ٹ ڈ ڑ ں ھ ے ۓ.
const URDU = /[\u0679\u0688\u0691\u06BA\u06BE\u06D2\u06D3]/gu;
// Persian (and Urdu) letters and digits that Arabic does not use: پ چ ژ گ, Persian ک, ۰–۹. Not Persian ی:
// Qur'anic text encodes its dotless yeh with it.
const PERSIAN = /[\u067E\u0686\u0698\u06AF\u06A9\u06F0-\u06F9]/gu;
// Arabic's own forms where Persian writes others: ي ك, and ة ى.
const ARABIC_ONLY = /[\u064A\u0643\u0629\u0649]/gu;
// Web and mail addresses written out in the text: letters, but of no language.
// Matched from the start of a word only, so a long run without spaces is read once, not once per letter.
const ADDRESS = /\b(?:https?:\/\/|www\.)\S+|(?<!\S)[^\s@]+@[^\s@]+\.\w+/giu;

const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;

/** Arabic, Persian or Urdu, by the letters that tell them apart. */
function arabicScriptLanguage(text: string, letters: number): string {
  const urdu = count(text, URDU);
  if (urdu >= 3 && urdu >= letters * 0.01) return 'ur';
  return count(text, PERSIAN) > count(text, ARABIC_ONLY) ? 'fa' : 'ar';
}

/** Letters of each script in a text (addresses left out). */
function letters(text: string): { arabic: number; hebrew: number; latin: number; text: string } {
  const clean = text.replace(ADDRESS, ' ');
  return { arabic: count(clean, ARABIC), hebrew: count(clean, HEBREW), latin: count(clean, LATIN), text: clean };
}

/**
 * The language of a text by its letters: Arabic script → ar, fa or ur (by the letters each alone uses),
 * Hebrew → he, otherwise en. `rtlShare` is how large a share of the letters a right-to-left script needs
 * to win (a plurality by default).
 */
export function detectLanguage(text: string, rtlShare = 0): string {
  return languageOf(letters(text), rtlShare);
}

/** detectLanguage over letters already counted. */
function languageOf(l: ReturnType<typeof letters>, rtlShare: number): string {
  const rtl = Math.max(l.arabic, l.hebrew);
  const total = rtl + l.latin;
  const wins = rtl > 0 && (rtlShare > 0 ? rtl >= total * rtlShare : rtl >= l.latin);
  if (wins && l.arabic >= l.hebrew) return arabicScriptLanguage(l.text, l.arabic);
  if (wins) return 'he';
  return 'en';
}

/**
 * The prose of the blocks: what they say in words, without code, math and links' text (a link's text is
 * the title of what it links to, often in that page's language: a reading list in Arabic links to English
 * videos). Bare addresses in the text are left out by detectLanguage.
 */
export function proseText(blocks: readonly Block[]): string {
  const out: string[] = [];
  const walk = (inlines: readonly Inline[]): void => {
    for (const node of inlines) {
      if (node.type === 'text') out.push(node.value);
      else if (node.type === 'link' || node.type === 'code' || node.type === 'inlineMath' || node.type === 'break' || node.type === 'image') out.push(' ');
      // A note's blocks come by themselves from eachBlock.
      else if (node.type !== 'note') walk(node.children);
    }
  };
  for (const block of eachBlock(blocks)) {
    for (const inlines of blockInlines(block)) {
      walk(inlines);
      out.push('\n');
    }
  }
  return out.join('');
}

/**
 * The share of the prose's letters a right-to-left script needs to be the article's language when its
 * title is written in it too (a study plan translated into Hebrew whose lists of topics stay English);
 * without that, a third. An English text quotes Arabic or Hebrew far more sparingly than the reverse.
 */
const RTL_SHARE_WITH_TITLE = 0.05;
const RTL_SHARE = 1 / 3;

/** The article's language from its prose, title and subtitle (see proseText). */
export function detectArticleLanguage(title: string, subtitle: string | undefined, blocks: readonly Block[]): string {
  const head = `${title}\n${subtitle ?? ''}`;
  const text = `${head}\n${proseText(blocks)}`;
  const titled = directionOf(detectLanguage(head, RTL_SHARE)) === 'rtl';
  const l = letters(text);
  // A text with hardly any prose (a code listing, a list of links) is read by all its words.
  if (l.arabic + l.hebrew + l.latin < 40) return detectLanguage(`${head}\n${blocksText(blocks)}`);
  return languageOf(l, titled ? RTL_SHARE_WITH_TITLE : RTL_SHARE);
}

