/**
 * Scales rrweb's wrapper (drawn at the recorded viewport's size) down to the root's width, and to at most
 * `heightShare` of the window's height (never under 240 px), and sizes the root to match.
 */
export function fitReplay(root: HTMLElement, wrapper: HTMLElement, size: { width: number; height: number }, heightShare: number): void {
  const available = root.clientWidth || size.width;
  const maxHeight = Math.max(240, Math.round(window.innerHeight * heightShare));
  const scale = Math.min(1, available / size.width, maxHeight / size.height);
  wrapper.style.transformOrigin = 'top left';
  wrapper.style.transform = `scale(${scale})`;
  root.style.height = `${Math.round(size.height * scale)}px`;
}
