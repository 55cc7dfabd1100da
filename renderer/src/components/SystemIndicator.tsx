// The sidebar's small protection indicator: a coloured shield and a few words; opens the System page.

import { useShallow } from 'zustand/react/shallow';
import { shortStatus } from '../../../shared/system/describe';
import { useStore } from '../store';
import { useLayout } from '../store/layout';
import { SYSTEM } from '../store/selection';
import { defineMessages, t } from '../../../shared/i18n';
import { COMMON } from '../i18n/messages';

const M = defineMessages({
  unreadable: {
    id: 'ui.system-indicator.unreadable',
    defaultMessage: 'Status unreadable',
    description: 'Under “System” in the sidebar when the machine’s protection could not be read',
  },
  label: {
    id: 'ui.system-indicator.label',
    defaultMessage: 'System protection: {status}',
    description:
      'Accessible name of the sidebar’s protection button; status is a few words such as “SELinux enforcing”',
  },
  labelWithVerdict: {
    id: 'ui.system-indicator.label-verdict',
    defaultMessage: 'System protection: {status}. {verdict}',
    description: 'Accessible name of the sidebar’s protection button; verdict is a sentence about the machine',
  },
});

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
  const words = system ? shortStatus(system) : t(error ? M.unreadable : COMMON.reading);
  return (
    <button
      type="button"
      className={`system-indicator system-indicator--${level}${shown ? ' system-indicator--selected' : ''}`}
      aria-current={shown ? 'page' : undefined}
      aria-label={
        system ? t(M.labelWithVerdict, { status: words, verdict: system.verdict.text }) : t(M.label, { status: words })
      }
      title={system?.verdict.text ?? error ?? undefined}
      onClick={() => {
        select(SYSTEM);
        useLayout.getState().showContent();
      }}
    >
      <ShieldIcon className="system-indicator__shield" size={18} />
      <span className="system-indicator__text">
        <span className="system-indicator__title">{t(COMMON.system)}</span>
        <span className="system-indicator__words">{words}</span>
      </span>
    </button>
  );
}
