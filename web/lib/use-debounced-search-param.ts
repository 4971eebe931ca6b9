import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A text box bound to one URL parameter, so Back and shared links keep a search. Typing writes the
 * parameter once the user pauses (and sends paging back to page 1); a URL changed elsewhere (a link,
 * Back) fills the box. Returns the box's value, its setter, and the value in the URL.
 */
export function useDebouncedSearchParam(key: string, delayMs = 300): [string, (value: string) => void, string] {
  const [params, setParams] = useSearchParams();
  const committed = params.get(key) ?? '';
  const [input, setInput] = useState(committed);
  const [debounced] = useDebouncedValue(input.trim(), delayMs);

  const lastPushed = useRef(committed);
  useEffect(() => {
    if (committed === lastPushed.current) return;
    lastPushed.current = committed;
    setInput(committed);
  }, [committed]);
  useEffect(() => {
    if (debounced === lastPushed.current) return;
    lastPushed.current = debounced;
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (debounced) next.set(key, debounced);
        else next.delete(key);
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  }, [debounced, key, setParams]);

  return [input, setInput, committed];
}
