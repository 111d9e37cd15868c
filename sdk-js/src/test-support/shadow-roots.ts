import { vi } from 'vitest';

/**
 * The SDK's live UI lives in closed shadow roots, which the page (and a test) cannot reach from
 * the host. A spy on attachShadow keeps the roots it returns, so tests can look inside.
 */
export function captureShadowRoots() {
  const attach = vi.spyOn(Element.prototype, 'attachShadow');
  const roots = () =>
    attach.mock.results.flatMap((result) => (result.type === 'return' && result.value.host.isConnected ? [result.value] : []));
  return {
    /** The mode each root was asked for. */
    modes: () => attach.mock.calls.map(([init]) => init.mode),
    /** Connected elements with this `part`, in every captured root. */
    parts: (name: string) => roots().flatMap((root) => [...root.querySelectorAll<HTMLElement>(`[part="${name}"]`)]),
  };
}
