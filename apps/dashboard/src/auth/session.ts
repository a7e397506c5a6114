// The signed-in key lives in sessionStorage only: it dies with the tab, is never written to
// localStorage and never appears in a URL.
const KEY = 'hookline.apiKey';
const BRANDING = 'hookline.portal';

export interface PortalBranding {
  product_name?: string;
  logo_url?: string;
  accent_color?: string;
  features?: string[];
}

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeKey(key: string, portal?: PortalBranding): void {
  sessionStorage.setItem(KEY, key);
  if (portal) sessionStorage.setItem(BRANDING, JSON.stringify(portal));
  else sessionStorage.removeItem(BRANDING);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(BRANDING);
}

export function storedPortal(): PortalBranding | null {
  const raw = sessionStorage.getItem(BRANDING);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as PortalBranding;
  } catch {
    return null;
  }
}
