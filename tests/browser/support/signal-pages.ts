import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Two small pages on their own 127.0.0.1 origin, recorded with the SDK the server under test serves:
 * a "struggle" page (a button that does nothing, a button that throws, a form) and a page to leave to.
 */
export interface SignalPages {
  readonly struggleUrl: string;
  readonly nextUrl: string;
  close(): Promise<void>;
}

const page = (baseUrl: string, projectKey: string, body: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>Signals</title>
<script src="${baseUrl}/sdk/sessionkit.js"></script>
<script>SessionKit.init(${JSON.stringify({ endpoint: baseUrl, projectKey })});</script>
</head><body style="font: 16px sans-serif; margin: 40px">${body}</body></html>`;

const STRUGGLE = `
<h1>Checkout</h1>
<p><button id="nothing" type="button">Apply coupon</button></p>
<p><button id="throws" type="button" onclick="throw new TypeError('cart is undefined')">Pay now</button></p>
<form id="signup" action="/next.html" style="margin-top: 40px">
  <p><label>Email <input id="email" name="email" type="email"></label></p>
  <p><label>Name <input id="name" name="name"></label></p>
  <p><button type="submit">Sign up</button></p>
</form>
<p style="margin-top: 40px"><a id="leave" href="/next.html">Continue shopping</a></p>`;

const NEXT = `<h1 id="next-title">More products</h1><p>Nothing to see.</p>`;

export async function serveSignalPages(baseUrl: string, projectKey: string): Promise<SignalPages> {
  const server: Server = createServer((request, response) => {
    const html = request.url?.startsWith('/next.html') ? NEXT : STRUGGLE;
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(page(baseUrl, projectKey, html));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    struggleUrl: `${origin}/checkout.html`,
    nextUrl: `${origin}/next.html`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
