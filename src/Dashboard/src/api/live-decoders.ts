import { array, isoDate, nullable, number, object, oneOf, PayloadError, string, type Decoder } from './decode';
import type {
  LiveBatch,
  LiveClientMethodName,
  LiveClientMethods,
  LiveSessionSummary,
  SessionComment,
  WatchSessionResult,
  WatchStatus,
} from './live-hub-contract';
import { signalRaisedDecoder } from './signal-decoders';
import { commentDecoder, recordedEventDecoder } from './types';

/**
 * Decoders for what the live hub sends (live-hub-contract.ts). Hub payloads cross the same
 * boundary as HTTP answers, so they are checked the same way before anything reads them.
 */

export const watchStatusDecoder: Decoder<WatchStatus> = oneOf('streaming', 'awaiting-consent', 'consent-denied');

export const watchSessionResultDecoder: Decoder<WatchSessionResult> = object({
  sessionId: string,
  projectId: string,
  status: watchStatusDecoder,
  viewerCount: number,
});

export const liveSessionSummaryDecoder: Decoder<LiveSessionSummary> = object({
  id: string,
  projectId: string,
  visitorId: nullable(string),
  tabId: nullable(string),
  userAgent: nullable(string),
  currentUrl: nullable(string),
  startedAt: isoDate,
  lastActivityAt: isoDate,
  endedAt: nullable(isoDate),
  status: oneOf('active', 'ended'),
  eventCount: number,
  durationMs: number,
  viewerCount: number,
});

export const liveBatchDecoder: Decoder<LiveBatch> = object({
  seq: number,
  events: array(recordedEventDecoder),
});

const sessionCommentDecoder: Decoder<SessionComment> = commentDecoder;

type ArgsDecoder<K extends LiveClientMethodName> = (args: readonly unknown[]) => LiveClientMethods[K];

function args<T extends unknown[]>(method: string, ...decoders: { [I in keyof T]: Decoder<T[I]> }): (raw: readonly unknown[]) => T {
  return (raw) => {
    if (raw.length < decoders.length) throw new PayloadError(`${method}()`, `${decoders.length} arguments`);
    return decoders.map((decoder, index) => decoder(raw[index], `${method}(#${index})`)) as T;
  };
}

/** One decoder per method the server calls; its keys are also the list of those methods. */
export const liveArgDecoders: { readonly [K in LiveClientMethodName]: ArgsDecoder<K> } = {
  SessionEvents: args<LiveClientMethods['SessionEvents']>('SessionEvents', string, liveBatchDecoder),
  SessionStarted: args<LiveClientMethods['SessionStarted']>('SessionStarted', liveSessionSummaryDecoder),
  SessionUpdated: args<LiveClientMethods['SessionUpdated']>('SessionUpdated', liveSessionSummaryDecoder),
  SessionEnded: args<LiveClientMethods['SessionEnded']>('SessionEnded', liveSessionSummaryDecoder),
  ViewersChanged: args<LiveClientMethods['ViewersChanged']>('ViewersChanged', string, number),
  ConsentChanged: args<LiveClientMethods['ConsentChanged']>('ConsentChanged', string, watchStatusDecoder),
  CommentAdded: args<LiveClientMethods['CommentAdded']>('CommentAdded', sessionCommentDecoder),
  SignalRaised: args<LiveClientMethods['SignalRaised']>('SignalRaised', signalRaisedDecoder),
};

export const liveClientMethodNames = Object.keys(liveArgDecoders) as LiveClientMethodName[];
