import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const stackFile = fileURLToPath(new URL('../.data/stack.json', import.meta.url));

interface Stack {
  apiUrl: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  endpoints: { cognito: string };
}

/**
 * `npm run dev`: serve /config.json from the running local stack (`npm start` writes
 * .data/stack.json) and proxy /api to it, so the dev server talks to the same backend.
 * The production build has no config.json: the server beside it (local runtime or the
 * CDK deployment) writes one.
 */
function devConfigJson(): Plugin {
  return {
    name: 'dev-config-json',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use('/config.json', (_req, res) => {
        if (!existsSync(stackFile)) {
          res.statusCode = 503;
          res.end('Start the local stack first (npm start): .data/stack.json is missing.');
          return;
        }
        const stack = JSON.parse(readFileSync(stackFile, 'utf8')) as Stack;
        res.setHeader('Content-Type', 'application/json');
        res.end(
          JSON.stringify({
            apiUrl: '/api',
            region: stack.region,
            userPoolId: stack.userPoolId,
            userPoolClientId: stack.userPoolClientId,
            cognitoEndpoint: stack.endpoints.cognito,
          }),
        );
      });
    },
  };
}

function apiProxyTarget(): string {
  if (!existsSync(stackFile)) return 'http://127.0.0.1:3000';
  return new URL((JSON.parse(readFileSync(stackFile, 'utf8')) as Stack).apiUrl).origin;
}

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react(), devConfigJson()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    fs: { allow: [repoRoot] },
    proxy: { '/api': { target: apiProxyTarget(), changeOrigin: true } },
  },
  preview: { host: '127.0.0.1' },
});
