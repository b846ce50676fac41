import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, createQueryClient } from './App.js';
import { AuthProvider } from './auth/AuthProvider.js';
import { loadConfig } from './config.js';
import { forgetExpired } from './upload/device-store.js';

const root = createRoot(document.getElementById('root')!);
const queryClient = createQueryClient();
// Drafts and files kept on this device longer than a draft lives on the server are removed, whoever left them.
void forgetExpired();

loadConfig()
  .then((config) => {
    root.render(
      <StrictMode>
        <AuthProvider config={config}>
          <App queryClient={queryClient} />
        </AuthProvider>
      </StrictMode>,
    );
  })
  .catch((error: unknown) => {
    console.error(error);
    root.render(
      <main className="page" id="main">
        <div className="card empty-state">
          <h1 className="page-title">The portal is not available right now</h1>
          <p>We could not load its configuration. Try again in a few minutes; if it keeps happening, contact your credentialing office.</p>
        </div>
      </main>,
    );
  });
