import { record } from '@rrweb/record';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionKitInit } from './options';
import { createSessionKit, type SessionKit } from './index';
import { createFakeTransport, liveServer, plain } from './test-support/fake-transport';

// Real rrweb on a jsdom page: the SDK's own live UI must never end up in the recording, not even
// as a blocked placeholder (which replays as an empty box of the badge's size).
let kit: SessionKit | null = null;

const tick = () => new Promise((resolve) => setTimeout(resolve, 50)); // rrweb batches mutations per task

interface SerializedNode {
  tagName?: string;
  attributes?: Record<string, unknown>;
  childNodes?: SerializedNode[];
}

/** Every serialized element with this tag name, in full snapshots and added nodes alike. */
function recordedElements(value: unknown, tagName: string, found: SerializedNode[] = []): SerializedNode[] {
  if (Array.isArray(value)) for (const item of value) recordedElements(item, tagName, found);
  else if (typeof value === 'object' && value !== null) {
    if ((value as SerializedNode).tagName === tagName) found.push(value);
    for (const child of Object.values(value)) recordedElements(child, tagName, found);
  }
  return found;
}

async function recordWhileWatched(init: Partial<SessionKitInit>): Promise<{ text: string; hosts: SerializedNode[] }> {
  const fake = createFakeTransport(liveServer({ live: 100, consentRequested: true }).responder);
  kit = createSessionKit({ endpoint: 'https://sk.test', projectKey: 'pk', gzip: false, transport: fake.transport, ...init });
  await tick();
  await kit.flush(); // answered: live, and consent wanted; live mode is imported now
  await vi.waitFor(() => expect(document.querySelectorAll('sessionkit-ui')).toHaveLength(2)); // the badge and the dialog
  const control = document.createElement('p');
  control.textContent = 'added-while-watched';
  document.body.append(control);
  await tick();
  await kit.flush();
  record.takeFullSnapshot(true); // one taken while both show
  await tick();
  await kit.stop();
  const events = fake.events().flatMap((r) => plain(r.body).events);
  return { text: JSON.stringify(events), hosts: recordedElements(events, 'sessionkit-ui') };
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
  it('records neither the indicator nor the consent dialog, and their hosts as empty, sizeless elements', async () => {
    const { text, hosts } = await recordWhileWatched({});
    expect(text).toContain('added-while-watched'); // proves this test would see the UI if it leaked
    expect(text).not.toContain('Support is viewing this page');
    expect(text).not.toContain('would like to view this page');
    expect(text).not.toContain('Allow');
    expect(text).not.toContain('rr_width');
    expect(hosts).toHaveLength(4); // added while recording, then in the full snapshot
    for (const host of hosts) {
      expect(host.attributes).toEqual({ style: 'display: contents;' });
      expect(host.childNodes).toEqual([]);
    }
  });

  it('keeps them out even when the site turns blockSelector off', async () => {
    const { text } = await recordWhileWatched({ blockSelector: null });
    expect(text).toContain('added-while-watched');
    expect(text).not.toContain('Support is viewing this page');
    expect(text).not.toContain('would like to view this page');
  });
});
