import { describe, expect, it } from 'vitest';
import { useChromium } from './browser';
import { colorStats, decodePng } from './png';

// The replay test's "not blank" check is only as good as this decoder, so check it on real
// Chromium screenshots of known pictures.
describe('PngDecoder', () => {
  const chromium = useChromium();

  it('decodes a Chromium screenshot to its exact pixels', async () => {
    const page = await chromium().newPage({ viewport: { width: 64, height: 32 } });
    await page.setContent(
      '<style>html,body{margin:0}div{width:32px;height:32px;float:left}</style>' +
        '<div style="background:rgb(255,0,0)"></div><div style="background:rgb(0,0,255)"></div>',
    );
    const image = decodePng(await page.screenshot());
    await page.close();

    expect([image.width, image.height]).toEqual([64, 32]);
    const at = (x: number, y: number) => Array.from(image.pixels.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4));
    expect(at(0, 0)).toEqual([255, 0, 0, 255]);
    expect(at(31, 31)).toEqual([255, 0, 0, 255]);
    expect(at(32, 0)).toEqual([0, 0, 255, 255]);
    expect(at(63, 31)).toEqual([0, 0, 255, 255]);
    expect(colorStats(image)).toEqual({ distinctColors: 2, dominantShare: 0.5 });
  });

  it('sees a blank page as one colour', async () => {
    const page = await chromium().newPage({ viewport: { width: 80, height: 60 } });
    await page.setContent('<body style="background:#fff"></body>');
    const stats = colorStats(decodePng(await page.screenshot()));
    await page.close();
    expect(stats).toEqual({ distinctColors: 1, dominantShare: 1 });
  });
});
