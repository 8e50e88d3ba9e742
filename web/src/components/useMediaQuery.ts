import { useSyncExternalStore } from 'react';

/** The phone layout: the same width as the stylesheet's phone rules. */
export const PHONE_QUERY = '(max-width: 760px)';

/** Whether a media query matches now, following changes (rotation, window resizing). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    () => window.matchMedia(query).matches,
  );
}

export const useIsPhone = () => useMediaQuery(PHONE_QUERY);
