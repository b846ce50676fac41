/**
 * The built portal, served as CloudFront serves it from S3: files under the web root, the
 * portal's pages (the contract's `isPortalPagePath`) answered with index.html, any other path 404
 * with the portal's not-found page (a missing chunk is never index.html), never a file outside the root.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import * as path from 'node:path';
import { isPortalPagePath, PORTAL_NOT_FOUND_PAGE } from '../src/contract/portal-routes.js';
import { portalContentSecurityPolicy } from '../src/contract/service.js';
import { decodePath } from './http-server.js';

const STATIC_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json' };

/** `documentSources`: where presigned document URLs point (previews in frames and images). */
export function securityHeaders(connectSources: string[], documentSources: string[]): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': portalContentSecurityPolicy(connectSources, documentSources),
  };
}

/** The file a request path names, if it is a file inside `root` (a sibling folder such as `dist-x` is outside). */
export function fileWithin(root: string, pathname: string): string | undefined {
  const base = path.resolve(root);
  const candidate = path.resolve(base, `.${path.posix.normalize(`/${decodePath(pathname)}`)}`);
  const relative = path.relative(base, candidate);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return inside && existsSync(candidate) && statSync(candidate).isFile() ? candidate : undefined;
}

export function serveStatic(root: string, pathname: string, response: ServerResponse, connectSources: string[], documentSources: string[]): void {
  const found = fileWithin(root, pathname);
  if (!found && !isPortalPagePath(pathname)) {
    const notFoundPage = fileWithin(root, PORTAL_NOT_FOUND_PAGE);
    response.writeHead(404, { ...securityHeaders(connectSources, documentSources), 'Content-Type': notFoundPage ? STATIC_TYPES['.html']! : 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
    response.end(notFoundPage ? readFileSync(notFoundPage) : 'Not found.');
    return;
  }
  const file = found ?? path.join(root, 'index.html');
  if (!existsSync(file)) {
    response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('The portal is not built yet. Run `npm run build:web` (npm start does this for you).');
    return;
  }
  const immutable = found !== undefined && found.includes(`${path.sep}assets${path.sep}`);
  response.writeHead(200, { ...securityHeaders(connectSources, documentSources), 'Content-Type': STATIC_TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
  response.end(readFileSync(file));
}
