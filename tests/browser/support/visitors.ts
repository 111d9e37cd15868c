import type { BrowserContext, Page } from 'playwright-core';
import { recordingSessionId } from './demo-shop';

/** The script-tag build's visitor calls, as these tests use them. */
interface VisitorGlobal {
  identify?: (userId: string, traits?: Record<string, string | number | boolean>) => void;
  reset?: () => void;
  flush?: () => Promise<void>;
}

/** Reads and erasures of visitors and persons with the administrator token; null for a 404. */
export function identityApi(baseUrl: string, token: string) {
  const call = async (method: string, path: string): Promise<Record<string, unknown> | null> => {
    const response = await fetch(`${baseUrl}${path}${path.includes('?') ? '&' : '?'}projectId=default`, {
      method,
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(15_000),
    });
    if (response.status === 404) return null;
    if (response.status !== 200) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  return {
    person: (userId: string) => call('GET', `/api/v1/persons/${encodeURIComponent(userId)}`),
    visitor: (visitorId: string) => call('GET', `/api/v1/visitors/${encodeURIComponent(visitorId)}`),
    erase: (userId: string) => call('DELETE', `/api/v1/persons/${encodeURIComponent(userId)}`),
  };
}

export const ids = (items: unknown, property = 'id'): string[] =>
  (items as Record<string, unknown>[]).map((item) => String(item[property])).sort();

/** Opens the demo shop in a new tab of the context; its session id once the SDK records. */
export async function openTab(context: BrowserContext, baseUrl: string): Promise<{ page: Page; sessionId: string }> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/demo/`);
  return { page, sessionId: await recordingSessionId(page) };
}

export function flush(page: Page): Promise<unknown> {
  return page.evaluate(() =>
    Promise.race([(window.SessionKit as VisitorGlobal | undefined)?.flush?.(), new Promise((resolve) => setTimeout(resolve, 10_000))]),
  );
}

export async function identify(page: Page, userId: string, traits: Record<string, string> = {}): Promise<void> {
  await page.evaluate(([id, values]) => (window.SessionKit as VisitorGlobal | undefined)?.identify?.(id, values), [userId, traits] as const);
  await flush(page);
}

export async function reset(page: Page): Promise<void> {
  await page.evaluate(() => (window.SessionKit as VisitorGlobal | undefined)?.reset?.());
}
