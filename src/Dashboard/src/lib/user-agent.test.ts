import { describe, expect, it } from 'vitest';
import { describeUserAgent, summarizeUserAgent } from './user-agent';

const UA = {
  chromeMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
  firefoxLinux: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1',
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
  headless:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
  operaWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0',
  androidTablet:
    'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
};

describe('summarizeUserAgent', () => {
  it.each([
    ['chromeMac', 'Chrome 120', 'macOS', 'desktop'],
    ['edgeWindows', 'Edge 120', 'Windows', 'desktop'],
    ['firefoxLinux', 'Firefox 121', 'Linux', 'desktop'],
    ['safariIphone', 'Safari 17.1', 'iOS 17.1', 'mobile'],
    ['chromeAndroid', 'Chrome 120', 'Android 14', 'mobile'],
    ['safariMac', 'Safari 17.2', 'macOS', 'desktop'],
    ['headless', 'Headless Chrome 131', 'Linux', 'bot'],
    ['operaWindows', 'Opera 106', 'Windows', 'desktop'],
    ['androidTablet', 'Chrome 120', 'Android 13', 'tablet'],
  ] as const)('%s → %s on %s', (key, browser, os, device) => {
    expect(summarizeUserAgent(UA[key])).toEqual({ browser, os, device });
  });

  it('copes with missing and unknown agents', () => {
    expect(summarizeUserAgent(null)).toEqual({ browser: 'Unknown browser', os: 'Unknown OS', device: 'desktop' });
    expect(summarizeUserAgent('curl/8.4.0').browser).toBe('Unknown browser');
  });

  it('describes briefly', () => {
    expect(describeUserAgent(UA.safariIphone)).toBe('Safari 17.1 · iOS 17.1');
  });
});
