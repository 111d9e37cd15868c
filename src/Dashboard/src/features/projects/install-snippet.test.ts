import { describe, expect, it } from 'vitest';
import { buildInstallSnippet } from './install-snippet';

describe('buildInstallSnippet', () => {
  it('points the script and endpoint at the server origin and embeds the key', () => {
    expect(buildInstallSnippet('https://rec.example.com', 'pk_123')).toBe(
      '<script src="https://rec.example.com/sdk/sessionkit.js"></script>\n' +
        '<script>SessionKit.init({ endpoint: "https://rec.example.com", projectKey: "pk_123" });</script>',
    );
  });

  it('keeps ports and drops a trailing slash', () => {
    const snippet = buildInstallSnippet('http://localhost:8080/', 'k');
    expect(snippet).toContain('src="http://localhost:8080/sdk/sessionkit.js"');
    expect(snippet).toContain('endpoint: "http://localhost:8080"');
  });

  it('cannot be broken out of by a hostile key', () => {
    const snippet = buildInstallSnippet('https://rec.example.com', '"</script><script>alert(1)//');
    expect(snippet.match(/<\/script>/g)).toHaveLength(2);
    expect(snippet).toContain('projectKey: "\\"\\u003c/script>\\u003cscript>alert(1)//"');
  });
});
