import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionKitInit } from './options';
import { createSessionKit, type SessionKit } from './sessionkit';
import { createFakeTransport, liveServer, plain } from './test-support/fake-transport';

// Real rrweb on a jsdom page: the SDK's own live UI must never end up in the recording.
let kit: SessionKit | null = null;

const tick = () => new Promise((resolve) => setTimeout(resolve, 50)); // rrweb batches mutations per task

async function recordWhileWatched(init: Partial<SessionKitInit>): Promise<string> {
  const fake = createFakeTransport(liveServer({ live: 100, consentRequested: true }).responder);
  kit = createSessionKit({ endpoint: 'https://sk.test', projectKey: 'pk', gzip: false, transport: fake.transport, ...init });
  await tick();
  await kit.flush(); // answered: live, and consent wanted
  expect(document.querySelector('.sk-live-indicator')).not.toBeNull();
  expect(document.querySelector('.sk-consent')).not.toBeNull();
  const control = document.createElement('p');
  control.textContent = 'added-while-watched';
  document.body.append(control);
  await tick();
  await kit.stop();
  return JSON.stringify(fake.events().flatMap((r) => plain(r.body).events));
}

beforeEach(() => {
  sessionStorage.clear();
  document.body.innerHTML = '<p>public-heading</p>';
});
afterEach(async () => {
  await kit?.stop();
  kit = null;
});

describe('live UI in the recording', () => {
  it('records neither the indicator nor the consent dialog', async () => {
    const recorded = await recordWhileWatched({});
    expect(recorded).toContain('added-while-watched'); // proves this test would see the UI if it leaked
    expect(recorded).not.toContain('Support is viewing this page');
    expect(recorded).not.toContain('would like to view this page');
    expect(recorded).not.toContain('Allow');
  });

  it('keeps them out even when the site turns blockSelector off', async () => {
    const recorded = await recordWhileWatched({ blockSelector: null });
    expect(recorded).toContain('added-while-watched');
    expect(recorded).not.toContain('Support is viewing this page');
    expect(recorded).not.toContain('would like to view this page');
  });
});
