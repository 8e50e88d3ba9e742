/**
 * One feature's words, Vietnamese first: the English texts take exactly the keys of the Vietnamese ones,
 * so a missing or stray translation is a type error.
 */
export function defineMessages<K extends string>(words: { vi: Record<K, string>; en: NoInfer<Record<K, string>> }) {
  return words;
}
