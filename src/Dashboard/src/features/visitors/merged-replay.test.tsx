import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Journey } from '../../api/visitor-types';
import { fakeFetch, json, route } from '../../test/fake-server';
import { renderWithApp } from '../../test/render';
import { MergedReplay } from './merged-replay';
import type { TabReplayerFactory } from './tab-replayer';

// Tab A in front 1-2 s, B 2-3 s, nobody 3-3.5 s, A again until 5 s. Recordings start at the lanes' starts.
const journey: Journey = {
  visitorId: 'v-1',
  startMs: 1_000,
  endMs: 5_000,
  lanes: [
    { sessionId: 'tab-a', tabId: 'a', startMs: 1_000, endMs: 5_000 },
    { sessionId: 'tab-b', tabId: 'b', startMs: 2_000, endMs: 4_000 },
  ],
  front: [
    { sessionId: 'tab-a', tabId: 'a', fromMs: 1_000, toMs: 2_000 },
    { sessionId: 'tab-b', tabId: 'b', fromMs: 2_000, toMs: 3_000 },
    { sessionId: 'tab-a', tabId: 'a', fromMs: 3_500, toMs: 5_000 },
  ],
};

const recording = (start: number) => [
  { type: 4, timestamp: start, data: { href: 'https://shop.test/', width: 800, height: 600 } },
  { type: 2, timestamp: start, data: {} },
  { type: 3, timestamp: start + 500, data: {} },
];

function setup(shown: Journey = journey) {
  const { fetch, calls: requests } = fakeFetch(
    route('GET', '/api/v1/sessions/tab-a/events', () => json(recording(1_000))),
    route('GET', '/api/v1/sessions/tab-b/events', () => json(recording(2_000))),
    route('GET', '/api/v1/sessions/tab-c/events', () => json(recording(4_000))),
  );
  const calls: string[] = [];
  const created: string[] = [];
  const factory: TabReplayerFactory = (root) => {
    const id = root.dataset.sessionId ?? '?';
    created.push(id);
    const iframe = document.createElement('iframe');
    iframe.setAttribute('sandbox', 'allow-same-origin');
    root.appendChild(iframe);
    return {
      show: (offset, playing, speed) => calls.push(`${id} ${playing ? 'play' : 'pause'} ${offset} ${speed}x`),
      pause: () => calls.push(`${id} pause`),
      currentOffset: () => 0,
      fit() {},
      destroy: () => iframe.remove(),
    };
  };
  renderWithApp(<MergedReplay journey={shown} factory={factory} />, { fetch });
  const loaded = () => requests.map((request) => request.url.pathname.split('/')[4]);
  return { calls, created, loaded };
}

const visibleTabs = () =>
  Array.from(screen.getByTestId('merged-stage').querySelectorAll<HTMLElement>('[data-testid=merged-tab]'))
    .filter((root) => !root.hidden)
    .map((root) => root.dataset.sessionId);

const seek = (elapsedMs: number) => fireEvent.change(screen.getByTestId('merged-scrubber'), { target: { value: String(elapsedMs) } });

describe('MergedReplay', () => {
  it('loads the events of a tab only once the player shows it or is about to', async () => {
    // Tab A in front 1-2 s, B 2-3 s, C 4-5 s.
    const three: Journey = {
      ...journey,
      lanes: [...journey.lanes, { sessionId: 'tab-c', tabId: 'c', startMs: 4_000, endMs: 5_000 }],
      front: [journey.front[0]!, journey.front[1]!, { sessionId: 'tab-c', tabId: 'c', fromMs: 4_000, toMs: 5_000 }],
    };
    const { loaded } = setup(three);
    await waitFor(() => expect(visibleTabs()).toEqual(['tab-a']));
    expect(loaded()).toEqual(['tab-a', 'tab-b']);

    seek(1_500); // 2.5 s: tab B in front, tab C next
    await waitFor(() => expect(visibleTabs()).toEqual(['tab-b']));
    await waitFor(() => expect(loaded()).toEqual(['tab-a', 'tab-b', 'tab-c']));
  });

  it('shows the tab in front, seeking the newly shown tab to the same moment, and creates replayers lazily', async () => {
    const { calls, created } = setup();
    await waitFor(() => expect(visibleTabs()).toEqual(['tab-a']));
    expect(created).toEqual(['tab-a']);
    expect(calls.at(-1)).toBe('tab-a pause 0 1x');

    seek(1_600); // 2.6 s: tab B in front, 600 ms into its recording
    await waitFor(() => expect(visibleTabs()).toEqual(['tab-b']));
    expect(created).toEqual(['tab-a', 'tab-b']);
    expect(calls).toContain('tab-a pause');
    expect(calls.at(-1)).toBe('tab-b pause 600 1x');
    expect(screen.getByTestId('merged-showing').dataset.sessionId).toBe('tab-b');
    expect(screen.getByTestId('merged-next').textContent).toBe('then no tab at 0:02');
    expect(screen.getByTestId('merged-open-tab').getAttribute('href')).toBe('#/sessions/tab-b?t=600');

    seek(3_000); // 4 s: tab A again, 3 s into its own recording
    await waitFor(() => expect(visibleTabs()).toEqual(['tab-a']));
    expect(calls.at(-1)).toBe('tab-a pause 3000 1x');
    expect(created).toEqual(['tab-a', 'tab-b']);
  });

  it('says when no tab is in front, and shows nothing then', async () => {
    setup();
    await waitFor(() => expect(visibleTabs()).toEqual(['tab-a']));
    seek(2_200);
    expect(await screen.findByTestId('merged-notice')).toHaveProperty('textContent', expect.stringContaining('No tab in front'));
    expect(visibleTabs()).toEqual([]);
  });

  it('replays one tab alone whoever is in front, and says when it is not open', async () => {
    setup();
    await waitFor(() => expect(visibleTabs()).toEqual(['tab-a']));
    fireEvent.change(screen.getByTestId('merged-follow'), { target: { value: 'tab-b' } });
    seek(2_500); // tab A is in front at 3.5 s, but tab B alone is shown
    await waitFor(() => expect(visibleTabs()).toEqual(['tab-b']));
    seek(200);
    expect((await screen.findByTestId('merged-notice')).textContent).toContain('Tab 2 is not open');
    expect(screen.getAllByTestId('merged-step').map((step) => step.dataset.sessionId)).toEqual(['tab-b']);
  });

  it('marks the moment across the lanes and seeks from a click on a lane', async () => {
    setup();
    await waitFor(() => expect(visibleTabs()).toEqual(['tab-a']));
    const [laneA] = screen.getAllByTestId('journey-lane');
    laneA!.getBoundingClientRect = () => ({ left: 0, width: 400, top: 0, height: 20, right: 400, bottom: 20, x: 0, y: 0, toJSON() {} });
    fireEvent.click(laneA!, { clientX: 150 }); // 1.5 s of 4 s: 2.5 s, tab B in front
    await waitFor(() => expect(visibleTabs()).toEqual(['tab-b']));
    expect(screen.getAllByTestId('journey-marker')[0]!.style.left).toBe('37.5%');
    expect(screen.getAllByTestId('journey-tab-link')[1]!.getAttribute('href')).toBe('#/sessions/tab-b');
  });
});
