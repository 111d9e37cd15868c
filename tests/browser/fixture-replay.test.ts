import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { adminApi, eventually, ingestApi, type RecordedEvent } from './support/api';
import { newLocalOnlyContext, useChromium } from './support/browser';
import { openReplay, sandboxTokens, signInThroughUi } from './support/dashboard';
import { recordingsDir } from './support/paths';
import { expectReplayShowsAPage } from './support/replay-screenshot';

async function readRecording(name: string): Promise<RecordedEvent[]> {
  const events: unknown = JSON.parse(await readFile(path.join(recordingsDir, name), 'utf8'));
  if (!Array.isArray(events)) throw new Error(`${name} is not an array of events`);
  return events as RecordedEvent[];
}

describe('FixtureReplay', () => {
  const chromium = useChromium();

  it('a real recording ingested in batches replays its page in the dashboard', async () => {
    const baseUrl = inject('baseUrl');
    const api = adminApi(baseUrl, inject('adminToken'));
    const events = await readRecording('rrweb-player-demoit.json');
    const sessionId = `bt-fixture-${randomBytes(8).toString('hex')}`;
    await ingestApi(baseUrl, await api.ingestKey('default')).ingest(sessionId, 'https://demoit.app/e/react', events, 40);

    const stored = await eventually('all events to be stored', async () => {
      const session = await api.session(sessionId);
      return session.eventCount === events.length ? session : undefined;
    });
    expect(stored.eventCount).toBe(events.length);

    const context = await newLocalOnlyContext(chromium());
    try {
      const page = await context.newPage();
      await signInThroughUi(page, baseUrl, { userName: inject('adminUserName'), password: inject('adminPassword') });
      const { iframe, frame } = await openReplay(page, baseUrl, sessionId);
      expect(await sandboxTokens(iframe)).not.toContain('allow-scripts');

      // Text of the recorded demoit.app page: its file tab and the React demo's button.
      const fileTab = frame.locator('a[data-export=file]');
      await fileTab.waitFor({ state: 'attached', timeout: 30_000 });
      expect((await fileTab.textContent())?.trim()).toBe('ReactHooks.js');
      expect((await frame.locator('#output button').textContent())?.trim()).toBe('click to count');
      await expectReplayShowsAPage(iframe, 'fixture-replay.png');
    } finally {
      await context.close();
    }
  });
});
