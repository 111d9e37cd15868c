import { describe, expect, inject, it } from 'vitest';
import { adminApi, eventually, type RecordedEvent } from './support/api';
import { useChromium } from './support/browser';
import { sessionsOfVisit, TYPED, visitDemoShop } from './support/demo-shop';

const INCREMENTAL_SNAPSHOT = 3;
const INPUT_SOURCE = 5;

interface InputData {
  readonly source: number;
  readonly id?: number;
  readonly text?: unknown;
}

function inputEvents(events: readonly RecordedEvent[]): InputData[] {
  return events
    .filter((event) => event.type === INCREMENTAL_SNAPSHOT)
    .map((event) => event.data as InputData | undefined)
    .filter((data): data is InputData => data?.source === INPUT_SOURCE);
}

/** Every typed value, plus fragments and spellings a partial leak would show. */
const FORBIDDEN = [
  ...Object.values(TYPED),
  'Zebediah',
  'Quux',
  'zq@example',
  'hunter2',
  'blue door',
  TYPED.card.replaceAll(' ', ''),
];

describe('Privacy', () => {
  const chromium = useChromium();

  it('typing at checkout is recorded as masked input and no typed text is stored', async () => {
    const baseUrl = inject('baseUrl');
    const api = adminApi(baseUrl, inject('adminToken'));
    const visit = await visitDemoShop(chromium(), baseUrl);
    const sessions = await sessionsOfVisit(api, visit);
    const ids = sessions.map((session) => session.id);
    for (const reported of visit.reportedSessionIds) expect(ids).toContain(reported);

    // Wait until the checkout's typing has arrived: name, email, card and notes at least
    // (the password may be left out entirely), each field as its own input target.
    const inputs = await eventually(
      'input events of the checkout form',
      async () => {
        const all = (await Promise.all(ids.map((id) => api.events(id)))).flatMap(inputEvents);
        return new Set(all.map((input) => input.id)).size >= 4 ? all : undefined;
      },
      { timeoutMs: 30_000 },
    );
    for (const input of inputs) {
      expect(typeof input.text === 'string' ? input.text : '', 'an input value is stored masked').toMatch(/^\**$/);
    }
    expect(inputs.some((input) => typeof input.text === 'string' && input.text.length > 0), 'typing was recorded').toBe(true);

    for (const id of ids) {
      const stored = `${await api.eventsText(id)}\n${JSON.stringify(await api.session(id))}`.toLowerCase();
      for (const secret of FORBIDDEN) {
        expect(stored.includes(secret.toLowerCase()), `session ${id} stores "${secret}"`).toBe(false);
      }
    }
  });
});
