import { useEffect } from 'react';

/** `Tanjung Luar · Jaring` in the browser tab and history; screen readers announce it on navigation. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Jaring` : 'Jaring';
  }, [title]);
}
