import type { ReactNode } from 'react';

export function Banner({
  kind,
  title,
  children,
  actions,
}: {
  kind: 'error' | 'warning' | 'info';
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className={`banner banner--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div className="banner__text">
        <strong>{title}</strong>
        {children ? <div className="banner__detail">{children}</div> : null}
      </div>
      {actions ? <div className="banner__actions">{actions}</div> : null}
    </div>
  );
}
