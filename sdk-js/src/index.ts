export { createSessionKit, type SessionKit } from './sessionkit';
export { defaultOptions, type MaskInputOptions, type SessionKitInit, type SessionKitOptions } from './options';
export type { Transport, TransportRequest, TransportResponse } from './transport';
