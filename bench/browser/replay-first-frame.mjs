// The replay benchmark's browser half: time from navigation to the first frame of a replay in the
// dashboard, for each session given, in a fresh browser context per run (nothing cached). Prints one
// JSON object on stdout with every run's figures (the bench app takes medians and ratios).
//
//   node bench/browser/replay-first-frame.mjs --base-url URL --user NAME --password PW \
//        --sessions ID,ID [--runs 5] [--expect-selector CSS]
import { launchChromium, log, option } from './chromium.mjs';

const baseUrl = option('base-url');
const userName = option('user');
const password = option('password');
const sessions = (option('sessions') ?? '').split(',').filter((id) => id.length > 0);
const runs = Number(option('runs', '5'));
const expectSelector = option('expect-selector', null);
if (!baseUrl || !userName || !password || sessions.length === 0) {
  throw new Error('usage: replay-first-frame.mjs --base-url URL --user NAME --password PW --sessions ID,ID [--runs 5]');
}

// In the page from its first script on: each animation frame, look for the replay iframe and the
// recorded document rebuilt in it; the frame after the rebuild is the first one that shows it.
function watchFirstFrame() {
  // Init scripts run in every frame; only the dashboard's own document watches.
  if (window !== window.top) return;
  window.__firstFrame = new Promise((resolve) => {
    const marks = {};
    const tick = () => {
      const iframe = document.querySelector('[data-testid=replay-root] iframe');
      if (iframe && marks.iframeMs === undefined) marks.iframeMs = performance.now();
      const body = iframe?.contentDocument?.body;
      if (body && body.childElementCount > 0) {
        marks.domMs = performance.now();
        requestAnimationFrame(() => {
          marks.frameMs = performance.now();
          resolve(marks);
        });
        return;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

async function measure(browser, sessionId) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const login = await context.request.post(`${baseUrl}/api/v1/auth/login`, { data: { userName, password } });
    if (login.status() !== 204) throw new Error(`login answered ${login.status()}`);
    await context.addInitScript(watchFirstFrame);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/#/sessions/${encodeURIComponent(sessionId)}`);
    const marks = await page.evaluate(() => window.__firstFrame);
    return await page.evaluate(
      ({ marks, sessionId, expectSelector }) => {
        const navigation = performance.getEntriesByType('navigation')[0];
        const events = performance.getEntriesByType('resource').find((e) => e.name.endsWith(`/api/v1/sessions/${encodeURIComponent(sessionId)}/events`));
        const frameDocument = document.querySelector('[data-testid=replay-root] iframe').contentDocument;
        return {
          sessionId,
          firstFrameMs: marks.frameMs,
          domMs: marks.domMs,
          iframeMs: marks.iframeMs,
          domContentLoadedMs: navigation?.domContentLoadedEventEnd ?? null,
          eventsRequestMs: events?.requestStart ?? null,
          eventsResponseEndMs: events?.responseEnd ?? null,
          eventsBytes: events?.encodedBodySize ?? null,
          eventsDecodedBytes: events?.decodedBodySize ?? null,
          frameElements: frameDocument.getElementsByTagName('*').length,
          expectedFound: expectSelector ? frameDocument.querySelector(expectSelector) !== null : null,
        };
      },
      { marks, sessionId, expectSelector },
    );
  } finally {
    await context.close();
  }
}

const browser = await launchChromium();
const results = [];
try {
  // One unmeasured visit first: the server's first answers (JIT, cold file cache) are not the subject.
  await measure(browser, sessions[0]);
  for (let run = 0; run < runs; run++) {
    const order = sessions.map((_, i) => sessions[(i + run) % sessions.length]);
    for (const sessionId of order) {
      const result = await measure(browser, sessionId);
      results.push({ run: run + 1, ...result });
      log(`run ${run + 1} ${sessionId}: first frame ${result.firstFrameMs.toFixed(0)} ms (events loaded at ${result.eventsResponseEndMs?.toFixed(0)} ms, ${result.eventsDecodedBytes} bytes)`);
    }
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ chromium: browser.version(), runs: results }));
