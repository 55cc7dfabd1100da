// What the main area shows while the installed apps are first read: at a thousand apps that
// takes a moment, and a blank window looks broken.

const SKELETON_ROWS = 6;

export function Loading({ what }: { what: string }) {
  return (
    <div className="page loading" role="status" aria-busy="true" aria-live="polite">
      <p className="loading__text">
        <span className="loading__spinner" aria-hidden="true" />
        {what}
      </p>
      <div className="loading__skeleton" aria-hidden="true">
        <div className="loading__title" />
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
