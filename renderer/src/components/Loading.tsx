// What the main area shows while the installed apps are first read: at a thousand apps that
// takes a moment, and a blank window looks broken.

const SKELETON_ROWS = 6;

/**
 * A status that the area is being read, with the outline of rows to come. `inPage` places it
 * under a page's own header (the Overview while its audit is read), so no title is outlined.
 */
export function Loading({ what, inPage = false }: { what: string; inPage?: boolean }) {
  return (
    <div
      className={inPage ? 'loading loading--in-page' : 'page loading'}
      role="status"
      aria-busy="true"
      aria-live="polite"
    >
      <p className="loading__text">
        <span className="loading__spinner" aria-hidden="true" />
        {what}
      </p>
      <div className="loading__skeleton" aria-hidden="true">
        {inPage ? null : <div className="loading__title" />}
        {Array.from({ length: SKELETON_ROWS }, (_, i) => (
          <div key={i} className="loading__row">
            <div className="loading__icon" />
            <div className="loading__lines">
              <div className="loading__line" />
              <div className="loading__line loading__line--short" />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
