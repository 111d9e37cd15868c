/**
 * The copy-paste snippet that installs the SDK on a site. Values go through JSON.stringify
 * so they are always valid JavaScript string literals; `<` is escaped so nothing in them can
 * close the script element.
 */
function jsString(value: string): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function buildInstallSnippet(origin: string, projectKey: string): string {
  const base = origin.replace(/\/+$/, '');
  return (
    `<script src="${base}/sdk/sessionkit.js"></script>\n` +
    `<script>SessionKit.init({ endpoint: ${jsString(base)}, projectKey: ${jsString(projectKey)} });</script>`
  );
}
