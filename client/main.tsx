import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { applyTheme, themeStore } from './lib/theme.ts';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/board.css';
import './styles/forms.css';
import './styles/records.css';
import './styles/account.css';

// Before the first render, so a chosen dark theme never flashes light.
applyTheme(themeStore.read());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
