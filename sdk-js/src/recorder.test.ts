import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionKitInit } from './options';
import { createSessionKit, type SessionKit } from './index';
import { createFakeTransport, plain } from './test-support/fake-transport';

// Real rrweb on a jsdom page: what leaves the browser must not contain what the user typed.
const PAGE = `
  <form>
    <input id="email" value="ada@example.com">
    <input id="password" type="password" value="hunter2-correct-horse">
    <textarea id="notes">my-private-notes</textarea>
  </form>
  <div class="sk-block">card 4111-1111-1111-1111</div>
  <p data-sk-mask>Dear Ada Lovelace</p>
  <p>public-heading</p>`;

let kit: SessionKit | null = null;

async function recordPage(init: Partial<SessionKitInit>, act: () => void = () => undefined): Promise<string> {
  const fake = createFakeTransport();
  kit = createSessionKit({ endpoint: 'https://sk.test', projectKey: 'pk', gzip: false, transport: fake.transport, ...init });
  act();
  await new Promise((resolve) => setTimeout(resolve, 50)); // rrweb batches mutations per task
  await kit.stop();
  return JSON.stringify(fake.events().flatMap((r) => plain(r.body).events));
}

function type(id: string, value: string): void {
  const field = document.getElementById(id) as HTMLInputElement;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

beforeEach(() => {
  sessionStorage.clear();
  document.body.innerHTML = PAGE;
});
afterEach(async () => {
  await kit?.stop();
  kit = null;
});

describe('recording with rrweb', () => {
  it('records the page but no input value, blocked element or masked text by default', async () => {
    const recorded = await recordPage({}, () => {
      type('email', 'typed-secret@example.com');
      type('password', 'typed-password');
    });
    expect(recorded).toContain('public-heading');
    expect(recorded).toContain('"type":2'); // a full snapshot
    for (const secret of [
      'ada@example.com',
      'hunter2-correct-horse',
      'my-private-notes',
      '4111-1111',
      'Ada Lovelace',
      'typed-secret',
      'typed-password',
    ]) {
      expect(recorded).not.toContain(secret);
    }
  });

  it('still masks passwords when a site records other inputs in clear', async () => {
    const recorded = await recordPage({ maskAllInputs: false }, () => type('password', 'typed-password'));
    expect(recorded).toContain('ada@example.com'); // proves this test would see a leak
    expect(recorded).not.toContain('hunter2-correct-horse');
    expect(recorded).not.toContain('typed-password');
  });
});
