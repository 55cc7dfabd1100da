import type { ComponentPropsWithRef } from 'react';

/** A search box with its magnifier; the input's props (label, value, keys, ref) pass through. */
export function SearchField(props: Omit<ComponentPropsWithRef<'input'>, 'className' | 'type'>) {
  return (
    <div className="search">
      <svg className="search__icon" viewBox="0 0 16 16" aria-hidden="true">
        <circle cx="6.5" cy="6.5" r="4.5" />
        <path d="M10 10l4 4" />
      </svg>
      <input className="search__input" type="search" {...props} />
    </div>
  );
}
