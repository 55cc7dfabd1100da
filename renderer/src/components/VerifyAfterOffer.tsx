// The offer to verify an app after hardening it, on the app's page: the note after Apply lasts
// seconds, this stays until the app is verified, the offer dismissed, or the app changed again.

import { useShallow } from 'zustand/react/shallow';
import { defineMessages, t } from '../../../shared/i18n';
import { useStore } from '../store';
import { Banner } from './Banner';

const M = defineMessages({
  title: {
    id: 'ui.verify-after.offer.title',
    defaultMessage: 'This app was hardened',
    description: 'Title of a note on the page of an app just hardened, offering to verify it',
  },
  text: {
    id: 'ui.verify-after.offer.text',
    defaultMessage:
      'Verify after applying probes its sandbox again and shows what the change really closed, compared with a probe made before it or with what its permissions gave before.',
  },
  run: {
    id: 'ui.verify-after.offer.run',
    defaultMessage: 'Verify after applying',
    description: 'Button: run the probe in the sandbox of this app just hardened',
  },
  dismiss: {
    id: 'ui.verify-after.offer.dismiss',
    defaultMessage: 'Dismiss',
    description: 'Button: withdraw the offer to verify this app after hardening it',
  },
});

export function VerifyAfterOffer({ appId }: { appId: string }) {
  const { offered, running, start, forget } = useStore(
    useShallow((s) => ({
      offered: s.lastHardened?.some((a) => a.appId === appId) ?? false,
      running: s.verifyAfter?.running ?? false,
      start: s.startVerifyAfter,
      forget: s.forgetHardened,
    })),
  );
  if (!offered) return null;
  return (
    <Banner
      kind="info"
      title={t(M.title)}
      live={false}
      actions={
        <>
          <button
            type="button"
            className="button button--suggested"
            disabled={running}
            onClick={() => void start([appId])}
          >
            {t(M.run)}
          </button>
          <button type="button" className="button" onClick={() => forget([appId])}>
            {t(M.dismiss)}
          </button>
        </>
      }
    >
      <p>{t(M.text)}</p>
    </Banner>
  );
}
