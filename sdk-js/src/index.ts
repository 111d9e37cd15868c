import type { SessionKitInit } from './options';
import { createSessionKit as start, type SessionKit } from './sessionkit';

/** Starts recording; live mode's code is imported (a chunk next to this file) only once a viewer watches. */
export const createSessionKit = (init: SessionKitInit): SessionKit => start(init, () => import('./live'));

export type { SessionKit } from './sessionkit';
export { defaultOptions, type MaskInputOptions, type SessionKitInit, type SessionKitOptions } from './options';
export type { Transport, TransportRequest, TransportResponse } from './transport';
