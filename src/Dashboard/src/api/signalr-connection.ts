import { HubConnectionBuilder, LogLevel, type IRetryPolicy } from '@microsoft/signalr';
import type { HubConnectionFactory } from './live-connection-types';

/** Keeps reconnecting for as long as the page is open, backing off to every 30 seconds. */
export const keepTryingPolicy: IRetryPolicy = {
  nextRetryDelayInMilliseconds: ({ previousRetryCount }) => [0, 2_000, 5_000, 10_000][previousRetryCount] ?? 30_000,
};

/**
 * The real hub connection: same origin, so the dashboard's login cookie authenticates it
 * (withCredentials); JSON protocol (the default); automatic reconnect.
 */
export const createSignalRConnection: HubConnectionFactory = (url) =>
  new HubConnectionBuilder()
    .withUrl(url, { withCredentials: true })
    .withAutomaticReconnect(keepTryingPolicy)
    .configureLogging(LogLevel.Warning)
    .build();
