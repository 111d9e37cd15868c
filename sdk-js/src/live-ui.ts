// What the visitor sees of live mode. Both elements carry data-sk-block and rrweb's own block
// class, so they are never recorded, even with a custom or null blockSelector. Styles are set
// through the CSSOM (allowed under a strict CSP); pages restyle them with `!important` rules on
// the class.

function mount(className: string, css: string, text: string): HTMLElement {
  const element = document.createElement('div');
  element.className = `${className} rr-block`;
  element.setAttribute('data-sk-block', '');
  element.style.cssText = `position:fixed;z-index:2147483647;bottom:16px;padding:6px 10px;font:14px system-ui;${css}`;
  element.textContent = text;
  // A script in <head> can be answered before <body> exists.
  ((document.body as HTMLElement | null) ?? document.documentElement).append(element);
  return element;
}

export function showIndicator(text: string): HTMLElement {
  const badge = mount('sk-live-indicator', 'left:16px;background-color:#b91c1c;color:#fff;pointer-events:none', text);
  badge.setAttribute('role', 'status');
  return badge;
}

/** A non-modal dialog; answer is called once, with the visitor's choice, after it closed itself. */
export function showConsent(text: string, answer: (granted: boolean) => void): HTMLElement {
  const dialog = mount('sk-consent', 'right:16px;max-width:300px;background-color:#fff;color:#111;border:1px solid', text);
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-label', text);
  const previous = document.activeElement;
  const close = (granted: boolean) => {
    dialog.remove();
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
  return dialog;
}
