// What the visitor sees of live mode. Each element lives in a closed shadow root of its own
// <sessionkit-ui> host: rrweb cannot see into a closed root, so the badge and the dialog are not
// recorded at all (not even as a blocked placeholder), and the host records as an empty element
// whose only attribute is style="display: contents;", which has no box in the page or in a replay.
// Styles are set through the CSSOM (allowed under a strict CSP); pages restyle the elements with
// `sessionkit-ui::part(badge)` and `::part(dialog)` rules, which win over these without !important.

/** Returns the host (to remove) and the element inside it. */
function mount(part: string, role: string, css: string, text: string): [HTMLElement, HTMLElement] {
  const host = document.createElement('sessionkit-ui');
  host.style.display = 'contents';
  const element = document.createElement('div');
  element.setAttribute('part', part);
  element.setAttribute('role', role);
  element.style.cssText = `position:fixed;z-index:2147483647;bottom:16px;padding:6px 10px;font:14px system-ui;${css}`;
  element.textContent = text;
  host.attachShadow({ mode: 'closed' }).append(element);
  // A script in <head> can be answered before <body> exists.
  ((document.body as HTMLElement | null) ?? document.documentElement).append(host);
  return [host, element];
}

export function showIndicator(text: string): HTMLElement {
  return mount('badge', 'status', 'left:16px;background-color:#b91c1c;color:#fff;pointer-events:none', text)[0];
}

/** A non-modal dialog; answer is called once, with the visitor's choice, after it closed itself. */
export function showConsent(text: string, answer: (granted: boolean) => void): HTMLElement {
  const [host, dialog] = mount('dialog', 'dialog', 'right:16px;max-width:300px;background-color:#fff;color:#111;border:1px solid', text);
  dialog.setAttribute('aria-label', text);
  const previous = document.activeElement;
  const close = (granted: boolean) => {
    host.remove();
    if (previous instanceof HTMLElement) previous.focus();
    answer(granted);
  };
  dialog.append(document.createElement('br'));
  for (const name of ['Allow', 'Deny']) {
    const button = document.createElement('button');
    button.textContent = name;
    button.style.margin = '8px 8px 0 0';
    button.onclick = () => close(name === 'Allow');
    dialog.append(button);
  }
  dialog.onkeydown = (event) => event.key === 'Escape' && close(false);
  // Focus goes to the dialog itself, not to Allow: a keystroke meant for the page must not grant.
  dialog.tabIndex = -1;
  dialog.focus({ preventScroll: true });
  return host;
}
