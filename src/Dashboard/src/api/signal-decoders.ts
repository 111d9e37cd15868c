import { array, isRecord, nullable, number, object, PayloadError, string, type Decoder } from './decode';
import type { Signal, SignalRaisedMessage } from './live-hub-contract';

/** Decoders for frustration signals, from GET /sessions/{id}/signals and the hub's SignalRaised alike. */

const evidenceDecoder: Decoder<Record<string, unknown>> = (value, path) => {
  // Evidence differs by signal type (docs/signals.md); what the dashboard reads of it, it checks there.
  if (!isRecord(value)) throw new PayloadError(path, 'an object');
  return value;
};

export const signalDecoder: Decoder<Signal> = object({
  index: number,
  type: string,
  at: number,
  url: nullable(string),
  target: nullable(object({ selector: string, text: nullable(string) })),
  evidence: evidenceDecoder,
  explanation: string,
});

export const signalRaisedDecoder: Decoder<SignalRaisedMessage> = object({
  sessionId: string,
  projectId: string,
  score: number,
  signal: signalDecoder,
});

export interface SessionSignals {
  sessionId: string;
  score: number;
  pages: { url: string; score: number }[];
  signals: Signal[];
}

export const sessionSignalsDecoder: Decoder<SessionSignals> = object({
  sessionId: string,
  score: number,
  pages: array(object({ url: string, score: number })),
  signals: array(signalDecoder),
});
