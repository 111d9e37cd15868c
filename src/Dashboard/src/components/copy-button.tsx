import { useEffect, useState } from 'react';
import { copyText } from '../lib/clipboard';

/** Copies `text`; a function is called at click time (for links to the current moment). */
export function CopyButton(props: { text: string | (() => string); label?: string; testId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 1800);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    const text = typeof props.text === 'function' ? props.text() : props.text;
    setState((await copyText(text)) ? 'copied' : 'failed');
  };

  return (
    <button type="button" className="button button--small" data-testid={props.testId} onClick={() => void copy()}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : (props.label ?? 'Copy')}
    </button>
  );
}
