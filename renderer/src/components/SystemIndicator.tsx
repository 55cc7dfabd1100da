// The sidebar's small protection indicator: a coloured shield and a few words; opens the System page.

import { useShallow } from 'zustand/react/shallow';
import { shortStatus } from '../../../shared/system/describe';
import { useStore } from '../store';
import { useLayout } from '../store/layout';
import { SYSTEM } from '../store/selection';

export function ShieldIcon({ className, size }: { className: string; size: number }) {
  return (
    <svg className={className} width={size} height={size} viewBox="0 0 18 18" aria-hidden="true">
      <path d="M9 1.5l6 2.3v4.5c0 4-2.7 6.6-6 8-3.3-1.4-6-4-6-8V3.8z" />
    </svg>
  );
}

export function SystemIndicator() {
  const { system, error, shown, select } = useStore(
    useShallow((s) => ({
      system: s.system,
      error: s.systemLoad.error?.message,
      shown: s.selected?.kind === 'system',
      select: s.select,
    })),
  );
  const level = system?.verdict.level ?? (error ? 'warning' : 'info');
  const words = system ? shortStatus(system) : error ? 'Status unreadable' : 'Reading…';
  return (
    <button
      type="button"
      className={`system-indicator system-indicator--${level}${shown ? ' system-indicator--selected' : ''}`}
      aria-current={shown ? 'page' : undefined}
      aria-label={`System protection: ${words}${system ? `. ${system.verdict.text}` : ''}`}
      title={system?.verdict.text ?? error ?? undefined}
      onClick={() => {
        select(SYSTEM);
        useLayout.getState().showContent();
      }}
    >
      <ShieldIcon className="system-indicator__shield" size={18} />
      <span className="system-indicator__text">
        <span className="system-indicator__title">System</span>
        <span className="system-indicator__words">{words}</span>
      </span>
    </button>
  );
}
