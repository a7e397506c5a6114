// The signed-in key (or portal session token) lives in sessionStorage only: it dies with the
// tab, is never written to localStorage and never appears in a URL.
const KEY = 'hookline.apiKey';

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY);
}
