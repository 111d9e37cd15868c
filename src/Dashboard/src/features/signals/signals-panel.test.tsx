import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Signal } from '../../api/live-hub-contract';
import { SignalMarkers } from './signal-markers';
import { SignalsPanel } from './signals-panel';

const FIRST = 1_700_000_000_000;
const rage: Signal = {
  index: 0,
  type: 'rage_click',
  at: FIRST + 7_000,
  url: 'https://shop.example.com/pay',
  target: { selector: 'button#pay', text: 'Pay now' },
  evidence: { count: 3, spanMs: 420 },
  explanation: "3 clicks within 420 ms on 'Pay now'",
};
const error: Signal = { ...rage, index: 1, type: 'error_click', at: FIRST + 9_000, explanation: 'Click on Pay now was followed 30 ms later by an error: boom' };

describe('SignalsPanel', () => {
  it('shows the score and each signal explained; a click selects it', () => {
    const onSelect = vi.fn();
    render(<SignalsPanel data={{ sessionId: 's', score: 45, pages: [], signals: [rage, error] }} error={null} firstTimestamp={FIRST} onSelect={onSelect} />);

    expect(screen.getByTestId('frustration-score').textContent).toBe('45');
    const items = screen.getAllByTestId('signal-item');
    expect(items.map((item) => item.textContent)).toEqual([
      "Rage click · 0:073 clicks within 420 ms on 'Pay now'https://shop.example.com/pay",
      'Error click · 0:09Click on Pay now was followed 30 ms later by an error: boomhttps://shop.example.com/pay',
    ]);
    fireEvent.click(items[1]!);
    expect(onSelect).toHaveBeenCalledWith(error);
  });

  it('says so when a session has no signals', () => {
    render(<SignalsPanel data={{ sessionId: 's', score: 0, pages: [], signals: [] }} error={null} firstTimestamp={FIRST} onSelect={() => undefined} />);
    expect(screen.getByText('No frustration signals in this session.')).toBeTruthy();
  });
});

describe('SignalMarkers', () => {
  it('places a marker per signal on the timeline; a click seeks the replay there', () => {
    const onSeek = vi.fn();
    render(<SignalMarkers signals={[rage, error]} firstTimestamp={FIRST} durationMs={10_000} onSeek={onSeek} />);

    const markers = screen.getAllByTestId('signal-marker');
    expect(markers.map((marker) => marker.dataset.position)).toEqual(['0.7000', '0.9000']);
    expect(markers[0]!.getAttribute('title')).toBe("0:07 · Rage click: 3 clicks within 420 ms on 'Pay now'");
    fireEvent.click(markers[0]!);
    expect(onSeek).toHaveBeenCalledWith(7_000);
  });
});
