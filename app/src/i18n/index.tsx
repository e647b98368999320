import { createContext, useContext, type ReactNode } from 'react';
import type { Language } from '../api-types.js';
import { setFormatLocale } from '../format.js';
import { en, type Messages } from './en.js';
import { fr } from './fr.js';

// The app's two languages (README.md in this folder): the catalogue of each, the locale its dates
// and numbers are written in, and the one the app speaks now.

export const CATALOGUES: Record<Language, Messages> = { en, fr };
export const LANGUAGES = Object.keys(CATALOGUES) as Language[];

/** The Intl locale of each language: en-US writes 100,000 and Dec 3, 2026; fr-FR 100 000 and 3 déc. 2026. */
export const LOCALES: Record<Language, string> = { en: 'en-US', fr: 'fr-FR' };

const REMEMBERED = 'ph:language';

/**
 * The language before anyone signs in: the last one used in this browser, else the browser's own
 * if the app speaks it, else English. Once signed in, the user's choice (GET /v1/session) wins.
 */
export function guessLanguage(): Language {
  const remembered = localStorage.getItem(REMEMBERED);
  if (remembered === 'en' || remembered === 'fr') return remembered;
  return navigator.languages.some((tag) => tag.toLowerCase().startsWith('fr')) ? 'fr' : 'en';
}

/** Makes `language` the app's: the formats of format.ts, the page's lang attribute, and this browser's memory of it. */
export function applyLanguage(language: Language): void {
  setFormatLocale(LOCALES[language]);
  document.documentElement.lang = language;
  localStorage.setItem(REMEMBERED, language);
}

interface I18n {
  language: Language;
  t: Messages;
}

const I18nContext = createContext<I18n>({ language: 'en', t: en });

export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  return <I18nContext.Provider value={{ language, t: CATALOGUES[language] }}>{children}</I18nContext.Provider>;
}

/** The catalogue of the language the app speaks now: `const { t } = useI18n(); t.lists.title`. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
