// Web boilerplate at the end of scraped articles («اقرأ أيضاً», «شارك», «المصدر:» …), from a data list.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../theme/load.js';
import { lazy } from '../support/memo.js';

export const DEFAULT_BOILERPLATE_FILE = path.join(PACKAGE_ROOT, 'templates', 'boilerplate.txt');

export function readPhraseList(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const defaults = lazy('bundled boilerplate', (): readonly string[] => Object.freeze(readPhraseList(DEFAULT_BOILERPLATE_FILE)));

/** The bundled phrase list (templates/boilerplate.txt), read once; callers cannot change it. */
export function defaultBoilerplate(): readonly string[] {
  return defaults();
}

/** Folds the spelling variants scrapers produce: harakat, tatweel, hamza on alef, final yeh, case. */
export function foldForMatching(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function isBoilerplateLine(line: string, phrases: readonly string[]): boolean {
  const folded = foldForMatching(line);
  return phrases.some((phrase) => {
    const p = foldForMatching(phrase);
    if (folded === p || folded === p.replace(/:$/, '')) return true;
    // "المصدر: وكالات", "شارك على فيسبوك": the phrase starts a short line.
    return folded.startsWith(p.endsWith(':') ? p : `${p} `) && folded.split(' ').length <= 8;
  });
}
