import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { pruneOldAssets } from './old-assets.js';

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

/**
 * The HEIC converter (heic-to: libheif and libde265 compiled to JavaScript) is LGPL-3.0. It ships
 * as its own, unmodified chunk, and its notice and licence ship beside the app at
 * /licenses/heic-to.txt (linked from every page's footer). README "HEIC photos" says why.
 */
function heicConverterLicence(): Plugin {
  return {
    name: 'heic-converter-licence',
    apply: 'build',
    generateBundle() {
      const packageDir = fileURLToPath(new URL('../node_modules/heic-to/', import.meta.url));
      const { version, repository } = JSON.parse(readFileSync(`${packageDir}package.json`, 'utf8')) as { version: string; repository: { url: string } };
      const notice = [
        `This portal converts iPhone photos (HEIC) to JPEG in your browser with heic-to ${version}`,
        `(${repository.url.replace(/^git\+/, '').replace(/\.git$/, '')}), which contains libheif and libde265.`,
        'It is the published package code, loaded as its own file (assets/heic-to-*.js) only when such a photo is chosen;',
        'its source is the npm package heic-to@' + version + '. It is free software under the GNU Lesser General Public',
        'License version 3, which incorporates the GNU General Public License version 3 (https://www.gnu.org/licenses/gpl-3.0.txt).',
        '',
        '',
      ].join('\n');
      this.emitFile({ type: 'asset', fileName: 'licenses/heic-to.txt', source: notice + readFileSync(`${packageDir}LICENSE`, 'utf8') });
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
  plugins: [react(), devConfigJson(), heicConverterLicence(), pruneOldAssets()],
  build: {
    outDir: 'dist',
    // A page opened from the previous build still asks for its chunks (old-assets.ts prunes later).
    emptyOutDir: false,
    sourcemap: true,
    // The lazily loaded HEIC converter is 3.0 MB (751 kB gzipped); every other chunk is far below.
    chunkSizeWarningLimit: 3_100,
  },
  server: {
    host: '127.0.0.1',
    fs: { allow: [repoRoot] },
    proxy: { '/api': { target: apiProxyTarget(), changeOrigin: true } },
  },
  preview: { host: '127.0.0.1' },
});
