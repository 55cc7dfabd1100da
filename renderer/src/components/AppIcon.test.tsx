// @vitest-environment jsdom
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppIcon } from './AppIcon';

afterEach(cleanup);

describe('AppIcon', () => {
  it('shows the neutral icon for an app whose icon failed, and tries the next app’s own', () => {
    const { container, rerender } = render(<AppIcon appId="org.example.NoIcon" size={64} />);
    const img = container.querySelector('img');
    expect(img?.getAttribute('src')).toBe('icons/org.example.NoIcon');
    fireEvent.error(img as HTMLImageElement);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('.app-icon--generic')).not.toBeNull();

    // The same element, as the app page's header keeps it, given the next app.
    rerender(<AppIcon appId="org.example.Icon" size={64} />);
    expect(container.querySelector('img')?.getAttribute('src')).toBe('icons/org.example.Icon');
    rerender(<AppIcon appId="org.example.NoIcon" size={64} />);
    expect(container.querySelector('.app-icon--generic')).not.toBeNull();
  });
});
