export interface ParsedOrigins {
  readonly origins: string[];
  readonly invalid: string[];
}

/** One origin per line (or comma separated): "https://shop.example.com". Blank lines are ignored. */
export function parseOrigins(text: string): ParsedOrigins {
  const origins: string[] = [];
  const invalid: string[] = [];
  for (const raw of text.split(/[\n,]/)) {
    const entry = raw.trim().replace(/\/+$/, '');
    if (!entry) continue;
    const origin = toOrigin(entry);
    if (origin === null) invalid.push(entry);
    else if (!origins.includes(origin)) origins.push(origin);
  }
  return { origins, invalid };
}

function toOrigin(entry: string): string | null {
  try {
    const url = new URL(entry);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.pathname !== '/' || url.search || url.hash || url.username) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export function formatOrigins(origins: readonly string[]): string {
  return origins.join('\n');
}
