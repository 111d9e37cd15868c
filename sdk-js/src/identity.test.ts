import { describe, expect, it } from 'vitest';
import { identifyPayload } from './identity';

describe('identifyPayload', () => {
  it('keeps the user id and the traits', () => {
    expect(identifyPayload('ada', { plan: 'pro', seats: 3 })).toEqual({ userId: 'ada', traits: { plan: 'pro', seats: 3 } });
    expect(identifyPayload('ada')).toEqual({ userId: 'ada', traits: {} });
  });

  it('refuses what is not a user id', () => {
    for (const bad of ['', 42, null, undefined]) expect(identifyPayload(bad)).toBeNull();
  });
});
