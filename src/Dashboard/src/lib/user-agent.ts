export interface UserAgentSummary {
  /** e.g. "Chrome 120", "Safari 17.1", "Unknown browser". */
  readonly browser: string;
  /** e.g. "Windows", "macOS", "iOS 17.1", "Android 14", "Unknown OS". */
  readonly os: string;
  readonly device: 'desktop' | 'mobile' | 'tablet' | 'bot';
}

type Rule = readonly [name: string, pattern: RegExp];

// Order matters: Chromium-based browsers also say "Chrome" and "Safari".
const BROWSERS: readonly Rule[] = [
  ['Edge', /Edg(?:e|A|iOS)?\/(\d+)/],
  ['Opera', /(?:OPR|Opera)\/(\d+)/],
  ['Samsung Internet', /SamsungBrowser\/(\d+)/],
  ['Headless Chrome', /HeadlessChrome\/(\d+)/],
  ['Chrome', /(?:Chrome|CriOS)\/(\d+)/],
  ['Firefox', /(?:Firefox|FxiOS)\/(\d+)/],
  ['Safari', /Version\/(\d+(?:\.\d+)?).*Safari\//],
];

function detectBrowser(ua: string): string {
  for (const [name, pattern] of BROWSERS) {
    const match = pattern.exec(ua);
    if (match) return `${name} ${match[1] ?? ''}`.trim();
  }
  if (/Safari\//.test(ua)) return 'Safari';
  return 'Unknown browser';
}

const dotted = (version: string | undefined) => (version ?? '').replace(/_/g, '.');

function detectOs(ua: string): string {
  let match: RegExpExecArray | null;
  if ((match = /(?:iPhone|CPU) OS (\d+(?:_\d+)?)/.exec(ua)) && /iPhone|iPad|iPod/.test(ua)) {
    return `${/iPad/.test(ua) ? 'iPadOS' : 'iOS'} ${dotted(match[1])}`;
  }
  if ((match = /Android (\d+(?:\.\d+)?)/.exec(ua))) return `Android ${match[1] ?? ''}`.trim();
  if (/CrOS/.test(ua)) return 'ChromeOS';
  if (/Windows Phone/.test(ua)) return 'Windows Phone';
  if (/Windows NT/.test(ua)) return 'Windows';
  if (/Mac OS X|Macintosh/.test(ua)) return 'macOS';
  if (/Linux/.test(ua)) return 'Linux';
  return 'Unknown OS';
}

function detectDevice(ua: string): UserAgentSummary['device'] {
  if (/bot|crawler|spider|Headless/i.test(ua)) return 'bot';
  if (/iPad|Tablet/.test(ua) || (/Android/.test(ua) && !/Mobile/.test(ua))) return 'tablet';
  if (/Mobi|iPhone|iPod/.test(ua)) return 'mobile';
  return 'desktop';
}

/** A short, best-effort reading of a user agent string; never throws. */
export function summarizeUserAgent(ua: string | null | undefined): UserAgentSummary {
  if (!ua || !ua.trim()) return { browser: 'Unknown browser', os: 'Unknown OS', device: 'desktop' };
  return { browser: detectBrowser(ua), os: detectOs(ua), device: detectDevice(ua) };
}

export function describeUserAgent(ua: string | null | undefined): string {
  const summary = summarizeUserAgent(ua);
  return `${summary.browser} · ${summary.os}`;
}
