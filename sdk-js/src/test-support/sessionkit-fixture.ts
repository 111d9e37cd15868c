import { vi } from 'vitest';
import { createLive } from '../live';
import type { LiveLoader } from '../live-facade';
import type { SessionKitInit } from '../options';
import type { RecordedEvent } from '../recorder';
import { createSessionKit, type SessionKit } from '../sessionkit';
import { createFakeTransport, plain, type Responder } from './fake-transport';
import { rr } from './fake-rrweb';

export const MINUTE = 60_000;
export const mouse = (): RecordedEvent => ({ type: 3, timestamp: Date.now(), data: { source: 1, positions: [] } });
export const mutation = (padding = ''): RecordedEvent => ({ type: 3, timestamp: Date.now(), data: { source: 0, padding } });
export const emit = (event: RecordedEvent) => {
  if (!rr.emit) throw new Error('rrweb is not recording');
  rr.emit(event);
};

/** Live mode as a module already at hand: loaded within a few microtasks, as the builds load it after a fetch. */
export const loadLive: LiveLoader = () => Promise.resolve({ createLive });

const kits: SessionKit[] = [];
export function start(init: Partial<SessionKitInit> = {}, responder?: Responder) {
  const fake = createFakeTransport(responder);
  // Tab announcements off unless a test asks for them: they would add custom events to every batch.
  const kit = createSessionKit({ endpoint: 'https://sk.test/', projectKey: 'pk_test', gzip: false, transport: fake.transport, announceTabs: false, ...init }, loadLive);
  kits.push(kit);
  return { fake, kit };
}
export const seqs = (fake: ReturnType<typeof createFakeTransport>) => fake.events().map((r) => plain(r.body).seq);

/** Fresh storage, fresh fake rrweb, fake clock at a fixed time. */
export function resetPage(): void {
  sessionStorage.clear();
  localStorage.clear();
  Object.assign(rr, { options: [], emit: null, stops: 0, snapshots: 0 });
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-21T10:00:00Z'));
}

export async function stopAll(): Promise<void> {
  for (const kit of kits.splice(0)) await kit.stop();
  vi.useRealTimers();
}
