/** Runtime configuration, read from /config.json beside the app so one build serves any environment. */
import type { OfficeContact } from '../../src/contract/office.js';

export interface PortalConfig {
  apiUrl: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  cognitoEndpoint: string;
  /** Who to contact. A config.json written before these parameters existed names only a generic office. */
  office: { organizationName: string | null; officeName: string; contactEmail: string | null; contactPhone: string | null };
}

function requireString(source: Record<string, unknown>, key: string): string {
  const value = source[key];
  if (typeof value !== 'string' || value.length === 0) throw new Error(`config.json has no "${key}".`);
  return value;
}

function optionalString(source: Record<string, unknown>, key: keyof OfficeContact): string | null {
  const value = source[key];
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;
}

export async function loadConfig(): Promise<PortalConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}.`);
  const raw = (await response.json()) as Record<string, unknown>;
  // Relative URLs (the dev server proxies /api) are resolved against the page.
  const apiUrl = new URL(requireString(raw, 'apiUrl'), window.location.href).href.replace(/\/+$/, '');
  return {
    apiUrl,
    region: requireString(raw, 'region'),
    userPoolId: requireString(raw, 'userPoolId'),
    userPoolClientId: requireString(raw, 'userPoolClientId'),
    cognitoEndpoint: requireString(raw, 'cognitoEndpoint'),
    office: {
      organizationName: optionalString(raw, 'organizationName'),
      officeName: optionalString(raw, 'officeName') ?? 'Credentialing Office',
      contactEmail: optionalString(raw, 'contactEmail'),
      contactPhone: optionalString(raw, 'contactPhone'),
    },
  };
}
