import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { MESSAGES, type MessageKey } from './messages';

export type { MessageKey };
export type Lang = 'vi' | 'en';

/** One language's words as the flat lookup `namespace.key` → text, composed once from the feature modules. */
function dictionary(lang: Lang): Record<MessageKey, string> {
  const out: Record<string, string> = {};
  for (const [ns, words] of Object.entries(MESSAGES))
    for (const [key, text] of Object.entries(words[lang])) out[`${ns}.${key}`] = text;
  return out;
}
const DICTS: Record<Lang, Record<MessageKey, string>> = { vi: dictionary('vi'), en: dictionary('en') };

type I18n = {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
};
const I18nContext = createContext<I18n | null>(null);

/** The chosen language lives in a cookie so the API calls, the server and later visits agree. */
export function currentLang(): Lang {
  const m = /(?:^|; )dl_lang=(vi|en)/.exec(document.cookie);
  return (m?.[1] as Lang | undefined) ?? 'vi';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang);
  const setLang = useCallback((l: Lang) => {
    document.cookie = `dl_lang=${l}; path=/; max-age=31536000; samesite=lax`;
    document.documentElement.lang = l;
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params = {}) => DICTS[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
