// The SDK benchmark's browser half: main-thread time and long tasks while a page runs a heavy DOM
// mutation workload, recorded by the SessionKit SDK, by rrweb's recorder alone, and not recorded.
// Prints one JSON object on stdout: every run's figures (the bench app takes medians and ratios).
//
//   node bench/browser/sdk-main-thread.mjs [--runs 5] [--steps 300]
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, log, mainThreadMetrics, option } from './chromium.mjs';
import { mutationPage } from './mutation-page.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runs = Number(option('runs', '5'));
const steps = Number(option('steps', '300'));
const MODES = ['none', 'rrweb', 'sdk'];
const scripts = {
  '/sessionkit.js': readFileSync(path.join(root, 'sdk-js/dist/sessionkit.js')),
  '/rrweb-record.js': readFileSync(path.join(root, 'node_modules/@rrweb/record/dist/record.umd.min.cjs')),
};
const received = { batches: 0, events: 0, bytes: 0 };

// The page and a stand-in SessionKit server on one origin (no CORS preflights): it answers like
// ingest and counts what the SDK sent.
const server = createServer((request, response) => {
  const url = new URL(request.url, 'http://localhost');
  if (request.method === 'GET' && url.pathname === '/') {
    response.writeHead(200, { 'Content-Type': 'text/html' }).end(mutationPage(url.searchParams.get('mode')));
  } else if (request.method === 'GET' && scripts[url.pathname]) {
    response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(scripts[url.pathname]);
  } else if (request.method === 'POST' && url.pathname === '/api/v1/sessions/') {
    request.resume();
    request.on('end', () => response.writeHead(201, { 'Content-Type': 'application/json' }).end('{}'));
  } else if (request.method === 'POST' && url.pathname.endsWith('/events')) {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = JSON.parse((request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'));
      received.batches++;
      received.events += body.events.length;
      received.bytes += raw.length;
      response.writeHead(202, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ seq: body.seq, duplicate: false, live: null, takeFullSnapshot: false, consentRequested: false }));
    });
  } else {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

async function measure(browser, mode) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/?mode=${mode}`);
    await page.waitForFunction(() => window.benchReady === true);
    // The recorder's first full snapshot is taken at start; the window opens after it settled.
    await page.waitForTimeout(500);
    const cdp = await context.newCDPSession(page);
    // Thread time rather than wall time: the main thread's own CPU, whatever else the machine runs.
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const eventsBefore = received.events;
    const before = await mainThreadMetrics(cdp);
    const { workloadMs } = await page.evaluate((n) => window.runWorkload(n), steps);
    if (mode === 'sdk') await page.evaluate(() => window.SessionKit.flush());
    await page.waitForTimeout(500);
    const after = await mainThreadMetrics(cdp);
    const longTasks = await page.evaluate(() => window.longTasks);
    const recorded = mode === 'rrweb' ? await page.evaluate(() => window.rrwebEvents.length) : mode === 'sdk' ? received.events - eventsBefore : 0;
    return {
      mode,
      taskMs: after.task - before.task,
      scriptMs: after.script - before.script,
      layoutMs: after.layout - before.layout,
      styleMs: after.style - before.style,
      longTasks: longTasks.length,
      longTaskMs: longTasks.reduce((sum, duration) => sum + duration, 0),
      workloadMs,
      events: recorded,
    };
  } finally {
    await context.close();
  }
}

const browser = await launchChromium();
const results = [];
try {
  for (let run = 0; run < runs; run++) {
    // Each run visits the three modes in a different order, so drift on the machine spreads over them.
    const order = MODES.map((_, i) => MODES[(i + run) % MODES.length]);
    for (const mode of order) {
      const result = await measure(browser, mode);
      results.push({ run: run + 1, ...result });
      log(`run ${run + 1} ${mode}: main thread ${result.taskMs.toFixed(0)} ms (script ${result.scriptMs.toFixed(0)}), ${result.longTasks} long tasks, ${result.events} events`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify({ chromium: browser.version(), steps, runs: results, received }));
