import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, makeSession, route } from '../../test/fake-server';
import { renderWithApp } from '../../test/render';
import { PersonPage } from './person-page';
import { VisitorPage } from './visitor-page';

const laptop = makeSession({ visitorId: 'v-laptop' });
const phone = makeSession({ visitorId: 'v-phone' });
const journey = (visitorId: string, sessionId: string, startMs: number) => ({
  visitorId,
  startMs,
  endMs: startMs + 1_000,
  lanes: [{ sessionId, tabId: 't', startMs, endMs: startMs + 1_000 }],
  front: [{ sessionId, tabId: 't', fromMs: startMs, toMs: startMs + 1_000 }],
});

describe('PersonPage', () => {
  it('shows traits, devices and every device on one timeline', async () => {
    const { fetch, calls } = fakeFetch(
      route('GET', '/api/v1/persons/ada', () =>
        json({
          userId: 'ada',
          projectId: 'shop',
          traits: { plan: 'pro' },
          firstSeenAt: '2026-11-21T10:00:00Z',
          lastSeenAt: '2026-11-21T11:00:00Z',
          devices: [
            { visitorId: 'v-laptop', userAgent: null, sessionCount: 1, firstSeenAt: '2026-11-21T10:00:00Z', lastActivityAt: '2026-11-21T10:10:00Z' },
            { visitorId: 'v-phone', userAgent: null, sessionCount: 1, firstSeenAt: '2026-11-21T11:00:00Z', lastActivityAt: '2026-11-21T11:10:00Z' },
          ],
          sessions: [phone, laptop],
          journeys: [journey('v-laptop', laptop.id, 1_000), journey('v-phone', phone.id, 3_000)],
        }),
      ),
    );
    renderWithApp(<PersonPage projectId="shop" userId="ada" />, { fetch });

    expect(await screen.findAllByTestId('person-device')).toHaveLength(2);
    expect(screen.getByTestId('person-traits').textContent).toContain('pro');
    const lanes = screen.getAllByTestId('journey-lane');
    expect(lanes.map((lane) => lane.dataset.sessionId)).toEqual([laptop.id, phone.id]);
    // One axis: the laptop's journey fills the first third, the phone's the last.
    expect((lanes[1]!.firstElementChild as HTMLElement).style.left).toBe('66.66666666666666%');
    expect(screen.getAllByTestId('identity-session')).toHaveLength(2);
    expect(calls[0]!.url.searchParams.get('projectId')).toBe('shop');
  });
});

describe('VisitorPage', () => {
  it('links the persons the device was identified as and offers the merged replay', async () => {
    const { fetch } = fakeFetch(
      route('GET', '/api/v1/visitors/v-laptop', () =>
        json({
          visitorId: 'v-laptop',
          projectId: 'shop',
          aliases: [{ userId: 'ada', effectiveFromMs: 1_000, sessionId: laptop.id }],
          sessions: [laptop],
          journeys: [journey('v-laptop', laptop.id, 1_000)],
        }),
      ),
    );
    renderWithApp(<VisitorPage projectId="shop" visitorId="v-laptop" />, { fetch });

    expect((await screen.findByTestId('visitor-person')).getAttribute('href')).toBe('#/projects/shop/persons/ada');
    expect(screen.getByTestId('merged-replay')).toBeDefined();
    expect(screen.getAllByTestId('merged-step').map((step) => step.dataset.sessionId)).toEqual([laptop.id]);
    expect(screen.getByTestId('journey-tab-link').getAttribute('href')).toBe(`#/sessions/${laptop.id}`);
  });
});
