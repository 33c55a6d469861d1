/**
 * The API key lives in this tab's sessionStorage only: entered once, sent as a Bearer header,
 * never put in a URL and never logged. Closing the tab forgets it.
 */
const KEY = 'ovpo.apiKey';
const PATTERN = /^ovpo_[a-z0-9]{8,16}_[A-Za-z0-9]{32,64}$/;

export function apiKey(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setApiKey(key: string): void {
  sessionStorage.setItem(KEY, key.trim());
}

export function clearApiKey(): void {
  sessionStorage.removeItem(KEY);
}

/** Whether the text has the shape of an OVPO key (DESIGN §2); the server still decides. */
export function looksLikeApiKey(key: string): boolean {
  return PATTERN.test(key.trim());
}
