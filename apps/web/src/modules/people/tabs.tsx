import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabDef {
  id: string;
  label: ReactNode;
}

/**
 * WAI-ARIA tabs (automatic activation): one tab stop for the tab list, Left/Right/Home/End move between
 * tabs and select them; the panel follows with aria-labelledby. Styled as bootstrap-italia nav-tabs.
 */
export function Tabs({
  idPrefix,
  label,
  tabs,
  active,
  onSelect,
  children,
}: {
  idPrefix: string;
  label: string;
  tabs: TabDef[];
  active: string;
  onSelect: (id: string) => void;
  children: ReactNode;
}) {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const index = Math.max(
    0,
    tabs.findIndex((t) => t.id === active),
  );

  function move(e: KeyboardEvent<HTMLButtonElement>) {
    let next = -1;
    if (e.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    const id = tabs[next]!.id;
    onSelect(id);
    refs.current[id]?.focus();
  }

  const current = tabs[index]!;
  return (
    <div className="trama-tabs">
      <div role="tablist" aria-label={label} className="nav nav-tabs nav-tabs-icon-text-none flex-wrap">
        {tabs.map((t) => {
          const selected = t.id === current.id;
          return (
            <button
              key={t.id}
              ref={(el) => {
                refs.current[t.id] = el;
              }}
              type="button"
              role="tab"
              id={`${idPrefix}-tab-${t.id}`}
              aria-selected={selected}
              aria-controls={`${idPrefix}-panel-${t.id}`}
              tabIndex={selected ? 0 : -1}
              className={`nav-link${selected ? ' active' : ''}`}
              onClick={() => onSelect(t.id)}
              onKeyDown={move}
            >
              {t.label}
            </button>
          );
        })}
      </div>
      <div
        role="tabpanel"
        id={`${idPrefix}-panel-${current.id}`}
        aria-labelledby={`${idPrefix}-tab-${current.id}`}
        tabIndex={0}
        className="pt-4 trama-tabpanel"
      >
        {children}
      </div>
    </div>
  );
}
