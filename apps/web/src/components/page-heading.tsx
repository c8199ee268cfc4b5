import { useEffect, useRef, type ReactNode } from 'react';

let firstRender = true;

/**
 * The page's h1 (one per page). It sets the document title and, after a client-side navigation,
 * takes the focus so that screen readers announce the new page.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Trama`;
  }, [title]);
  useEffect(() => {
    if (firstRender) {
      firstRender = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="trama-page-title">
      {children}
    </h1>
  );
}
