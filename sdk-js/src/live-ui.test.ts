import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answer, liveServer, settle } from './test-support/fake-transport';
import { emit, mouse, resetPage, start, stopAll } from './test-support/sessionkit-fixture';
import { captureShadowRoots } from './test-support/shadow-roots';

vi.mock('@rrweb/record', () => import('./test-support/fake-rrweb'));

let shadow: ReturnType<typeof captureShadowRoots>;
beforeEach(() => {
  resetPage();
  document.body.innerHTML = '';
  shadow = captureShadowRoots();
});
afterEach(stopAll);

const hosts = () => document.querySelectorAll<HTMLElement>('sessionkit-ui');
const indicator = () => shadow.parts('badge')[0] ?? null;
const dialogs = () => shadow.parts('dialog');
const click = (name: string) => [...dialogs()[0]!.querySelectorAll('button')].find((b) => b.textContent === name)!.click();
const consents = (fake: ReturnType<typeof start>['fake']) => fake.consents().map((r) => JSON.parse(r.body as string) as unknown);

/** Sends one batch and lets its answer be handled. */
async function batch(kit: ReturnType<typeof start>['kit']): Promise<void> {
  emit(mouse());
  await kit.flush();
  await settle();
}

describe('live indicator', () => {
  it('shows a badge in a closed shadow root while watched and removes it when live ends', async () => {
    const server = liveServer({ live: 100 });
    const { kit } = start({}, server.responder);
    expect(indicator()).toBeNull();
    await batch(kit);
    const badge = indicator()!;
    expect(badge.textContent).toBe('Support is viewing this page');
    expect(badge.getAttribute('role')).toBe('status');
    expect(badge.style.position).toBe('fixed');
    expect(shadow.modes()).toEqual(['closed']);
    // The host is all the page (and rrweb) sees: no content, no size, only display: contents.
    const [host] = hosts();
    expect(host!.shadowRoot).toBeNull();
    expect(host!.childNodes).toHaveLength(0);
    expect(host!.getAttributeNames()).toEqual(['style']);
    expect(host!.getAttribute('style')).toBe('display: contents;');
    expect(document.body.textContent).not.toContain('Support is viewing');

    await batch(kit);
    expect(hosts()).toHaveLength(1);
    server.hints.live = null;
    await batch(kit);
    expect(indicator()).toBeNull();
    expect(hosts()).toHaveLength(0);
  });

  it('uses liveIndicatorText, is left out with liveIndicator false, and goes with stop()', async () => {
    const custom = start({ liveIndicatorText: 'Ein Mitarbeiter sieht zu' }, liveServer({ live: 100 }).responder);
    await batch(custom.kit);
    expect(indicator()!.textContent).toBe('Ein Mitarbeiter sieht zu');
    await custom.kit.stop();
    expect(indicator()).toBeNull();
    expect(hosts()).toHaveLength(0);

    const off = start({ liveIndicator: false }, liveServer({ live: 100 }).responder);
    await batch(off.kit);
    expect(indicator()).toBeNull();
  });
});

describe('live consent', () => {
  it('asks in a dialog in a closed shadow root and posts the answer with the ingest key', async () => {
    const page = document.body.appendChild(document.createElement('input'));
    page.focus();
    const { fake, kit } = start({}, liveServer({ consentRequested: true }).responder);
    await batch(kit);
    const [dialog] = dialogs();
    expect(dialog!.getAttribute('role')).toBe('dialog');
    expect(dialog!.textContent).toContain('A support agent would like to view this page with you. Allow?');
    expect(shadow.modes()).toEqual(['closed']);
    // Focus is on the dialog itself; the page only sees its host.
    expect((dialog!.getRootNode() as ShadowRoot).activeElement).toBe(dialog);
    expect(document.activeElement).toBe(hosts()[0]);
    expect(fake.consents()).toHaveLength(0);

    click('Allow');
    await settle();
    expect(dialogs()).toHaveLength(0);
    expect(hosts()).toHaveLength(0);
    expect(document.activeElement).toBe(page);
    const [sent] = fake.consents();
    expect(sent!.url).toBe(`https://sk.test/api/v1/sessions/${kit.getSessionId()}/live-consent`);
    expect(sent!.headers['X-SessionKit-Key']).toBe('pk_test');
    expect(consents(fake)).toEqual([{ granted: true }]);
  });

  it('opens one dialog however often the server asks while it is open', async () => {
    const { fake, kit } = start({ liveConsentText: 'Darf der Support zusehen?' }, liveServer({ consentRequested: true }).responder);
    await batch(kit);
    await batch(kit);
    await batch(kit);
    expect(dialogs()).toHaveLength(1);
    expect(dialogs()[0]!.textContent).toContain('Darf der Support zusehen?');
    click('Deny');
    await settle();
    expect(consents(fake)).toEqual([{ granted: false }]);
  });

  it('remembers the answer for the session, across a reload, without asking again', async () => {
    const first = start({}, liveServer({ consentRequested: true }).responder);
    await batch(first.kit);
    click('Deny');
    await settle();
    expect(sessionStorage.getItem('sessionkit.consent')).toBe(`${first.kit.getSessionId()}:0`);
    await batch(first.kit); // the server asks again: answered from memory
    expect(dialogs()).toHaveLength(0);
    expect(consents(first.fake)).toEqual([{ granted: false }, { granted: false }]);
    const id = first.kit.getSessionId();
    window.dispatchEvent(new Event('pagehide'));
    await first.kit.stop();

    const second = start({}, liveServer({ consentRequested: true }).responder);
    expect(second.kit.getSessionId()).toBe(id);
    await batch(second.kit);
    expect(dialogs()).toHaveLength(0);
    expect(consents(second.fake)).toEqual([{ granted: false }]);
  });

  it('retries the answer after a network error or a 5xx', async () => {
    const server = liveServer({ consentRequested: true });
    const statuses = [503, 204];
    const { fake, kit } = start({}, (r) => (r.kind === 'consent' ? answer(statuses.shift()!) : server.responder(r)));
    await batch(kit);
    click('Allow');
    await settle();
    expect(fake.consents()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(consents(fake)).toEqual([{ granted: true }, { granted: true }]);
  });

  it('lets onLiveConsentRequest replace the dialog', async () => {
    let decide!: (granted: boolean) => void;
    const onLiveConsentRequest = vi.fn(() => new Promise<boolean>((resolve) => (decide = resolve)));
    const { fake, kit } = start({ onLiveConsentRequest }, liveServer({ consentRequested: true }).responder);
    await batch(kit);
    await batch(kit);
    expect(onLiveConsentRequest).toHaveBeenCalledTimes(1);
    expect(dialogs()).toHaveLength(0);
    decide(true);
    await settle();
    expect(consents(fake)).toEqual([{ granted: true }]);
    expect(sessionStorage.getItem('sessionkit.consent')).toBe(`${kit.getSessionId()}:1`);
  });

  it('denies when the callback fails, and asks it again on the next request', async () => {
    const onLiveConsentRequest = vi.fn<() => Promise<boolean>>().mockRejectedValueOnce(new Error('widget not loaded')).mockResolvedValue(true);
    const { fake, kit } = start({ onLiveConsentRequest }, liveServer({ consentRequested: true }).responder);
    await batch(kit);
    expect(consents(fake)).toEqual([{ granted: false }]);
    await batch(kit);
    expect(onLiveConsentRequest).toHaveBeenCalledTimes(2);
    expect(consents(fake)).toEqual([{ granted: false }, { granted: true }]);
  });
});
