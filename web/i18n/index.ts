/**
 * i18next with Indonesian first and English as the alternative. The choice is remembered in
 * localStorage and mirrored on <html lang>, so screen readers and the browser's spell-check follow it.
 */
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Lang } from '../lib/format.ts';
import { id } from './id.ts';

export const LANGS: Lang[] = ['id', 'en'];
const STORAGE_KEY = 'jaring.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof id };
  }
}

function storedLang(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

// Indonesian ships with the app shell; English (about 20 kB compressed) loads only when chosen, which keeps
// the first load of a phone's field census under its 300 kB budget. The service worker caches it too.
async function loadEnglish(): Promise<void> {
  if (i18n.hasResourceBundle('en', 'translation')) return;
  const { en } = await import('./en.ts');
  i18n.addResourceBundle('en', 'translation', en);
}

void i18n.use(initReactI18next).init({
  resources: { id: { translation: id } },
  lng: 'id',
  fallbackLng: 'id',
  supportedLngs: LANGS,
  partialBundledLanguages: true,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Resolves once the remembered language is ready; the app renders after it (no flash of the other language). */
export const i18nReady: Promise<void> = storedLang() === 'en' ? setLang('en').catch(() => undefined) : Promise.resolve();
document.documentElement.lang = i18n.language;

export async function setLang(lang: Lang): Promise<void> {
  if (lang === 'en') await loadEnglish();
  await i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or full storage: the choice lasts for this visit only.
  }
}

/** The current language as the formatters and core label tables expect it. */
export function useLang(): Lang {
  const { i18n: instance } = useTranslation();
  return instance.language === 'en' ? 'en' : 'id';
}

export default i18n;
