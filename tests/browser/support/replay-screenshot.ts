import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';
import { resultsDir } from './paths';
import { colorStats, decodePng } from './png';

/**
 * Screenshots the replay iframe into test-results/<fileName> (for a human to look at) and
 * asserts it shows a page: a real size, many colours, no single colour filling it.
 */
export async function expectReplayShowsAPage(iframe: Locator, fileName: string): Promise<void> {
  // Let the rebuilt page lay out and paint its inlined stylesheets first.
  await iframe.page().waitForTimeout(1_000);
  const png = await iframe.screenshot({ timeout: 15_000 });
  await writeFile(path.join(resultsDir, fileName), png);
  const image = decodePng(png);
  const stats = colorStats(image);
  expect(image.width * image.height, `${fileName}: the replay frame has a visible size`).toBeGreaterThan(200 * 100);
  expect(stats.distinctColors, `${fileName}: the replay shows more than a blank frame`).toBeGreaterThanOrEqual(16);
  expect(stats.dominantShare, `${fileName}: no single colour fills the replay`).toBeLessThan(0.97);
}
