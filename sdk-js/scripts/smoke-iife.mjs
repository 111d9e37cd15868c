// Runs the built script-tag bundle in a jsdom page, as a site would load it, and checks that it
// starts a session, ships masked events, and loads live mode (sessionkit-live.js) once watched.
// Catches what unit tests of the sources cannot: a broken bundle, a missing global, a tree-shaken
// recorder, a live file that does not fit the core.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><p>hello</p><input id="card" value="4111-1111">', {
  url: 'https://shop.example/',
  runScripts: 'outside-only',
});
const { window } = dom;
window.eval(readFileSync('dist/sessionkit.js', 'utf8'));

const requests = [];
let watched = false;
const transport = {
  send: async (request) => {
    requests.push(request);
    const body = watched ? '{"seq":0,"duplicate":false,"live":{"viewers":1,"flushIntervalMs":100}}' : undefined;
    return { status: request.url.endsWith('/sessions/') ? 201 : 202, retryAfter: null, body };
  },
  beacon: () => true,
};
const { SessionKit } = window;
if (!SessionKit || typeof SessionKit.init !== 'function') throw new Error('window.SessionKit.init is missing');
SessionKit.init({ endpoint: 'https://sk.example', projectKey: 'pk_smoke', transport, gzip: false });
await new Promise((resolve) => setTimeout(resolve, 50));
const id = SessionKit.getSessionId();
await SessionKit.flush();

// A viewer joins: the answer makes the SDK load live mode as a second script, from the
// endpoint's /sdk/ here (eval'd code has no document.currentScript); jsdom fetches nothing, so
// the test runs the file in its place.
watched = true;
window.document.body.append(window.document.createElement('p'));
await new Promise((resolve) => setTimeout(resolve, 50));
await SessionKit.flush();
const liveScript = [...window.document.querySelectorAll('script')].find((s) => s.src.endsWith('/sessionkit-live.js'));
if (liveScript) {
  window.eval(readFileSync('dist/sessionkit-live.js', 'utf8'));
  liveScript.dispatchEvent(new window.Event('load'));
  await new Promise((resolve) => setTimeout(resolve, 10));
}
const badge = window.document.querySelector('sessionkit-ui');
await SessionKit.stop();

const creates = requests.filter((r) => r.url === 'https://sk.example/api/v1/sessions/');
const batches = requests.filter((r) => r.url === `https://sk.example/api/v1/sessions/${id}/events`);
const text = batches.map((r) => r.body).join('');
// What the server reads from a session start (property names shortened by the build must not reach it).
const started = creates[0] ? Object.keys(JSON.parse(creates[0].body)).join() : '';
const problems = [
  started !== 'id,visitorId,tabId,url,referrer,userAgent,screen,startedAt' && `unexpected session start fields: ${started}`,
  !/^[0-9a-f]{32}$/.test(id ?? '') && `bad session id ${id}`,
  creates.length !== 1 && `expected 1 session start, got ${creates.length}`,
  batches.length === 0 && 'no event batch was sent',
  !text.includes('hello') && 'the full snapshot is missing',
  text.includes('4111-1111') && 'an input value leaked',
  liveScript?.src !== 'https://sk.example/sdk/sessionkit-live.js' && `live mode was not loaded from /sdk/ (${liveScript?.src})`,
  !badge && 'live mode did not start once sessionkit-live.js ran',
].filter(Boolean);
if (problems.length > 0) {
  console.error(`smoke test of dist/sessionkit.js failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`smoke test of dist/sessionkit.js passed (${batches.length} batches, session ${id}, live mode loaded)`);
window.close();
