// The page the SDK benchmark records: a table, a feed and an input, then a workload of DOM mutations
// at animation-frame pace. Deterministic: every run mutates the same nodes the same way.

const WORKLOAD = `
const grid = document.querySelector('#grid tbody');
for (let r = 0; r < 100; r++) {
  const row = grid.insertRow();
  for (let c = 0; c < 8; c++) row.insertCell().textContent = 'r' + r + 'c' + c;
}
const rows = Array.from(grid.rows);
const cells = rows.flatMap((row) => Array.from(row.cells));
const feed = document.getElementById('feed');
window.longTasks = [];
new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });

// Each step, like a busy single-page app: 40 texts, 20 class toggles, 5 styles, 10 new feed items
// (a few nodes each), 10 old ones removed once the feed is full.
function step(i) {
  for (let k = 0; k < 40; k++) cells[(i * 40 + k) % cells.length].textContent = 'v' + i + '-' + k;
  for (let k = 0; k < 20; k++) rows[(i * 20 + k) % rows.length].classList.toggle('hot');
  for (let k = 0; k < 5; k++) rows[(i * 5 + k) % rows.length].style.opacity = String(0.5 + ((i + k) % 5) / 10);
  for (let k = 0; k < 10; k++) {
    const item = document.createElement('div');
    item.className = 'item';
    item.innerHTML = '<span>item ' + i + '.' + k + '</span> <b>' + ((i * k) % 97) + '</b> <i>' + 'x'.repeat((i + k) % 24) + '</i>';
    feed.appendChild(item);
  }
  while (feed.childElementCount > 200) feed.firstElementChild.remove();
}

window.runWorkload = async (steps) => {
  window.longTasks = [];
  const started = performance.now();
  for (let i = 0; i < steps; i++) {
    step(i);
    await new Promise((resolve) => setTimeout(resolve, 16));
  }
  return { workloadMs: performance.now() - started };
};
`;

const RECORDERS = {
  none: '',
  // rrweb's recorder alone, with the record options sdk-js passes (src/recorder.ts), its events kept in memory.
  rrweb: `<script src="/rrweb-record.js"></script>
<script>
window.rrwebEvents = [];
rrwebRecord.record({
  emit: (event) => window.rrwebEvents.push(event),
  maskAllInputs: true,
  maskInputOptions: { password: true },
  maskTextSelector: '.sk-mask,[data-sk-mask]',
  blockSelector: '.sk-block,[data-sk-block]',
  ignoreSelector: '.sk-ignore,[data-sk-ignore]',
  recordCanvas: false,
  collectFonts: false,
  inlineImages: false,
  recordCrossOriginIframes: false,
  slimDOMOptions: 'all',
});
</script>`,
  // The SDK as a site installs it: the script-tag bundle and init() with its defaults.
  sdk: `<script src="/sessionkit.js"></script>
<script>SessionKit.init({ endpoint: location.origin, projectKey: 'bench-key' });</script>`,
};

export function mutationPage(mode) {
  if (!(mode in RECORDERS)) throw new Error(`unknown mode ${mode}`);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>SessionKit SDK benchmark: mutation workload</title>
<style>body{font:14px sans-serif} td{padding:2px 4px;border:1px solid #ccc} .hot{background:#fee} .item{padding:1px}</style></head>
<body>
<h1>Orders</h1>
<label>Search <input id="q" value="widgets"></label>
<table id="grid"><tbody></tbody></table>
<div id="feed"></div>
<script>${WORKLOAD}</script>
${RECORDERS[mode]}
<script>window.benchReady = true;</script>
</body>
</html>`;
}
