import type { SessionState } from '../session-store';
import { randomHex } from '../storage';
import { createUploader, type Batch, type UploaderContext } from '../uploader';
import { createFakeTransport, type Responder } from './fake-transport';

export function setup(overrides: Partial<UploaderContext> = {}, responder?: Responder) {
  const fake = createFakeTransport(responder);
  const warnings: string[] = [];
  const fatals: number[] = [];
  const uploader = createUploader({
    endpoint: 'https://sk.test',
    projectKey: 'pk_test',
    transport: fake.transport,
    gzip: false,
    retryBaseDelayMs: 1_000,
    retryMaxDelayMs: 60_000,
    // random() = 1 makes the jittered delay exactly the exponential step.
    random: () => 1,
    describe: (s) => ({ id: s.id }),
    sessionChanged: () => undefined,
    refused: (status) => fatals.push(status),
    answered: () => undefined,
    warnOnce: (message) => warnings.push(message),
    ...overrides,
  });
  return { fake, uploader, warnings, fatals };
}

export const session = (over: Partial<SessionState> = {}): SessionState => ({
  id: randomHex(),
  seq: 0,
  startedAt: 0,
  lastActivity: 0,
  sampled: true,
  created: false,
  ...over,
});

export const batch = (s: SessionState, seq: number, padding = ''): Batch => ({
  owner: s,
  body: JSON.stringify({ seq, events: [{ type: 3, timestamp: seq, data: { padding } }] }),
});
