import { useState } from 'react';

/** The app's exported icon, served by main from inside the installation, or a neutral one. */
export function AppIcon({ appId, size }: { appId: string | null; size: number }) {
  // The app whose icon failed: the app page's header keeps this one element from app to app, and
  // a plain flag would have shown the neutral icon for every app after the first without one.
  const [failedFor, setFailedFor] = useState<string | null>(null);
  if (appId === null || failedFor === appId) {
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
      onError={() => setFailedFor(appId)}
    />
  );
}
