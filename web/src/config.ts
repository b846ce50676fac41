/** Runtime configuration, read from /config.json beside the app so one build serves any environment. */
export interface PortalConfig {
  apiUrl: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  cognitoEndpoint: string;
}

function requireString(source: Record<string, unknown>, key: keyof PortalConfig): string {
  const value = source[key];
  if (typeof value !== 'string' || value.length === 0) throw new Error(`config.json has no "${key}".`);
  return value;
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
  };
}
