// Runs the built script-tag bundle in a jsdom page, as a site would load it, and checks that it
// starts a session and ships masked events. Catches what unit tests of the sources cannot: a
// broken bundle, a missing global, a tree-shaken recorder.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><p>hello</p><input id="card" value="4111-1111">', {
  url: 'https://shop.example/',
  runScripts: 'outside-only',
});
const { window } = dom;
window.eval(readFileSync('dist/sessionkit.js', 'utf8'));

const requests = [];
const transport = {
  send: async (request) => {
    requests.push(request);
    return { status: request.url.endsWith('/sessions/') ? 201 : 202, retryAfter: null };
  },
  beacon: () => true,
};
const { SessionKit } = window;
if (!SessionKit || typeof SessionKit.init !== 'function') throw new Error('window.SessionKit.init is missing');
SessionKit.init({ endpoint: 'https://sk.example', projectKey: 'pk_smoke', transport, gzip: false });
await new Promise((resolve) => setTimeout(resolve, 50));
const id = SessionKit.getSessionId();
await SessionKit.flush();
await SessionKit.stop();

const creates = requests.filter((r) => r.url === 'https://sk.example/api/v1/sessions/');
const batches = requests.filter((r) => r.url === `https://sk.example/api/v1/sessions/${id}/events`);
const text = batches.map((r) => r.body).join('');
const problems = [
  !/^[0-9a-f]{32}$/.test(id ?? '') && `bad session id ${id}`,
  creates.length !== 1 && `expected 1 session start, got ${creates.length}`,
  batches.length === 0 && 'no event batch was sent',
  !text.includes('hello') && 'the full snapshot is missing',
  text.includes('4111-1111') && 'an input value leaked',
].filter(Boolean);
if (problems.length > 0) {
  console.error(`smoke test of dist/sessionkit.js failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`smoke test of dist/sessionkit.js passed (${batches.length} batch, session ${id})`);
window.close();
