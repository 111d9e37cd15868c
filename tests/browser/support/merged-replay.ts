import type { Locator, Page } from 'playwright-core';

/** Puts text only this tab shows at the top of its page (recorded as a mutation, so replayed). */
export async function markTab(page: Page, text: string): Promise<void> {
  await page.evaluate((mark) => {
    const heading = document.createElement('p');
    heading.id = 'merged-mark';
    heading.textContent = mark;
    document.body.prepend(heading);
  }, text);
}

export interface JourneyRead {
  readonly startMs: number;
  readonly endMs: number;
  readonly lanes: readonly { readonly sessionId: string; readonly startMs: number; readonly endMs: number }[];
  readonly front: readonly { readonly sessionId: string; readonly fromMs: number; readonly toMs: number }[];
}

/** The merged player on the visitor page, driven the way an administrator does: by clicking the lanes. */
export function mergedPlayer(page: Page, journey: JourneyRead) {
  const shown = page.locator('[data-testid=merged-tab]:not([hidden])');
  return {
    /** Clicks the first lane where the journey's axis has `timeMs` (every lane shares the axis). */
    async seek(timeMs: number): Promise<void> {
      const box = await page.locator('[data-testid=journey-lane]').first().boundingBox();
      if (!box) throw new Error('the journey lanes are not laid out');
      const fraction = (timeMs - journey.startMs) / Math.max(1, journey.endMs - journey.startMs);
      await page.mouse.click(box.x + fraction * box.width, box.y + box.height / 2);
    },
    /** Waits until the stage shows `sessionId`'s replay, alone, and returns the text of its mark. */
    async showsTab(sessionId: string): Promise<string> {
      await page.locator(`[data-testid=merged-showing][data-session-id="${sessionId}"]`).waitFor();
      await page.locator(`[data-testid=merged-tab][data-session-id="${sessionId}"]:not([hidden]) iframe`).waitFor({ state: 'attached' });
      if ((await shown.count()) !== 1) throw new Error(`${await shown.count()} tabs are shown at once`);
      const mark = shown.locator('iframe').contentFrame().locator('#merged-mark');
      await mark.waitFor({ state: 'attached', timeout: 30_000 });
      return (await mark.textContent())?.trim() ?? '';
    },
    shownFrame: (): Locator => shown.locator('iframe'),
    notice: (): Locator => page.locator('[data-testid=merged-notice]'),
    follow: (value: string) => page.locator('[data-testid=merged-follow]').selectOption(value),
    shownCount: () => shown.count(),
  };
}

/** The middle of an interval, in ms. */
export const middle = (fromMs: number, toMs: number): number => Math.round((fromMs + toMs) / 2);
