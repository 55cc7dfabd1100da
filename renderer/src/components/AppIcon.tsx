import { useState } from 'react';

/** The app's exported icon, served by main from inside the installation, or a neutral one. */
export function AppIcon({ appId, size }: { appId: string | null; size: number }) {
  const [failed, setFailed] = useState(false);
  if (appId === null || failed) {
    return (
      <svg className="app-icon app-icon--generic" width={size} height={size} viewBox="0 0 64 64" aria-hidden="true">
        <rect x="6" y="6" width="52" height="52" rx="12" />
        <path d="M20 24h24M20 32h24M20 40h16" />
      </svg>
    );
  }
  return (
    <img
      className="app-icon"
      src={`icons/${encodeURIComponent(appId)}`}
      width={size}
      height={size}
      alt=""
      draggable={false}
      onError={() => setFailed(true)}
    />
  );
}
