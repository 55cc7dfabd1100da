import type { ReactNode } from 'react';

export function Banner({
  kind,
  title,
  children,
  actions,
  live = true,
}: {
  kind: 'error' | 'warning' | 'info';
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  /** False for a banner that stays for a while beside a note that already announced the news:
   *  a region named by its title, read when reached, not announced again. */
  live?: boolean;
}) {
  return (
    <div
      className={`banner banner--${kind}`}
      {...(live ? { role: kind === 'error' ? 'alert' : 'status' } : { role: 'region', 'aria-label': title })}
    >
      <div className="banner__text">
        <strong>{title}</strong>
        {children ? <div className="banner__detail">{children}</div> : null}
      </div>
      {actions ? <div className="banner__actions">{actions}</div> : null}
    </div>
  );
}
