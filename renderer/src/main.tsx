import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { prepareFormatting, setLanguage, textDirection } from '../../shared/i18n';
import { App } from './App';
import './styles.css';

// The window speaks the desktop's language (Electron sets navigator.languages from it); the
// catalog loads before the first frame, so nothing is shown in English first.
void setLanguage(navigator.languages).then((tag) => {
  document.documentElement.lang = tag;
  document.documentElement.dir = textDirection();
  const root = document.getElementById('root');
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    // Idle while the first answers are worked out in main: the first count shown then is sooner.
    requestIdleCallback(() => prepareFormatting());
  }
});
