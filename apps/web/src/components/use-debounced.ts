import { useEffect, useState } from 'react';
import { useNavigation } from 'react-router';

/**
 * The value, once it has stopped changing for `delayMs`. While the router is navigating (e.g. the
 * user typed a search and at once clicked a result whose page is still loading), the value is held
 * back: list pages turn the debounced text into a URL change, which would cancel that navigation.
 * It is delivered when the router is idle again, or never if the page has been left.
 */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  const busy = useNavigation().state !== 'idle';
  useEffect(() => {
    if (busy) return;
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs, busy]);
  return debounced;
}
