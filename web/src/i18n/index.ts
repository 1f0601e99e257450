import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';
const STORAGE_KEY = 'zutuan.locale';

const isLocale = (value: unknown): value is Locale => locales.includes(value as Locale);

/** The language before login: the one last chosen on this device, else zh-CN. */
function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // storage may be unavailable (private mode); the default is fine
  }
  return defaultLocale;
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLocale(),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
applySideEffects(i18n.language as Locale);

function applySideEffects(locale: Locale) {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
  document.title = i18n.t('app.title');
}

/** Switches the interface language (strings, antd, dayjs, number and date formats). */
export function setLocale(locale: Locale) {
  if (!isLocale(locale)) return;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not persisted on this device; the account still saves it
  }
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
  applySideEffects(locale);
}

export default i18n;
