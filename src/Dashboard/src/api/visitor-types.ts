import { array, isoDate, isRecord, nullable, number, object, PayloadError, string, type Decoded, type Decoder } from './decode';
import { sessionDecoder } from './types';

/** One tab's session on a journey's time axis (client Unix ms). */
export const laneDecoder = object({ sessionId: string, tabId: nullable(string), startMs: number, endMs: number });
export type JourneyLane = Decoded<typeof laneDecoder>;

/** While that session's tab was in front. */
export const frontDecoder = object({ sessionId: string, tabId: nullable(string), fromMs: number, toMs: number });
export type FrontInterval = Decoded<typeof frontDecoder>;

export const journeyDecoder = object({
  visitorId: string,
  startMs: number,
  endMs: number,
  lanes: array(laneDecoder),
  front: array(frontDecoder),
});
export type Journey = Decoded<typeof journeyDecoder>;

const traitsDecoder: Decoder<Record<string, string>> = (value, path) => {
  if (!isRecord(value)) throw new PayloadError(path, 'an object of traits');
  return Object.fromEntries(Object.entries(value).map(([name, trait]) => [name, string(trait, `${path}.${name}`)]));
};

export const visitorDecoder = object({
  visitorId: string,
  projectId: string,
  aliases: array(object({ userId: string, effectiveFromMs: number, sessionId: string })),
  sessions: array(sessionDecoder),
  journeys: array(journeyDecoder),
});
export type Visitor = Decoded<typeof visitorDecoder>;

export const personDecoder = object({
  userId: string,
  projectId: string,
  traits: traitsDecoder,
  firstSeenAt: nullable(isoDate),
  lastSeenAt: nullable(isoDate),
  devices: array(
    object({ visitorId: string, userAgent: nullable(string), sessionCount: number, firstSeenAt: isoDate, lastActivityAt: isoDate }),
  ),
  sessions: array(sessionDecoder),
  journeys: array(journeyDecoder),
});
export type Person = Decoded<typeof personDecoder>;
