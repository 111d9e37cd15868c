import { useEffect, useState } from 'react';
import { copyText } from '../lib/clipboard';

export function CopyButton(props: { text: string; label?: string; testId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 1800);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = async () => setState((await copyText(props.text)) ? 'copied' : 'failed');

  return (
    <button type="button" className="button button--small" data-testid={props.testId} onClick={() => void copy()}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : (props.label ?? 'Copy')}
    </button>
  );
}
