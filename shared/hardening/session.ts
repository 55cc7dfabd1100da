// The desktop session Confine runs in: whether apps get a display through Wayland or only
// through X11, and which desktop it is. Whether taking X11 from an app costs it its windows
// depends on both.

export type SessionType = 'wayland' | 'x11' | 'unknown';

export interface Session {
  readonly type: SessionType;
  /** The first name of XDG_CURRENT_DESKTOP, upper-cased (`GNOME`, `KDE`), if set. */
  readonly desktop: string | null;
}

export const UNKNOWN_SESSION: Session = { type: 'unknown', desktop: null };

/** Reads the session from the variables a desktop session sets for its programs. */
export function sessionFrom(env: Readonly<Record<string, string | undefined>>): Session {
  const declared = env.XDG_SESSION_TYPE?.toLowerCase();
  const type: SessionType =
    declared === 'wayland' || (declared !== 'x11' && env.WAYLAND_DISPLAY)
      ? 'wayland'
      : declared === 'x11' || env.DISPLAY
        ? 'x11'
        : 'unknown';
  const desktop = env.XDG_CURRENT_DESKTOP?.split(':')[0]?.trim().toUpperCase() || null;
  return { type, desktop };
}
