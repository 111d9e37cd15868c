/** How the dashboard names each signal type (docs/signals.md); an unknown type is shown as sent. */
const LABELS: Record<string, string> = {
  rage_click: 'Rage click',
  dead_click: 'Dead click',
  error_click: 'Error click',
  thrashed_cursor: 'Thrashed cursor',
  excessive_scroll: 'Excessive scrolling',
  quick_back: 'Quick back',
  form_abandonment: 'Form abandoned',
};

export const signalTypes = Object.keys(LABELS);

export function signalLabel(type: string): string {
  return LABELS[type] ?? type;
}

/** A score's band, for its colour: calm below 30, annoyed below 70, frustrated from 70. */
export function scoreBand(score: number): 'low' | 'medium' | 'high' {
  return score >= 70 ? 'high' : score >= 30 ? 'medium' : 'low';
}
