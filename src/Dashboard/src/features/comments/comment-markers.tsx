import { useEffect, useRef, useState, type CSSProperties, type RefObject } from 'react';
import type { Comment } from '../../api/types';
import { formatOffset, markerPosition, momentOffset } from './moments';

interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
}

/** Where rrweb-player's progress bar sits inside the layer's parent, or null if it is not laid out. */
function measureProgressBar(player: HTMLElement, parent: HTMLElement): Box | null {
  const bar = player.querySelector('.rr-progress');
  if (!bar) return null;
  const barRect = bar.getBoundingClientRect();
  const parentRect = parent.getBoundingClientRect();
  if (barRect.width <= 0) return null;
  return { left: barRect.left - parentRect.left, top: barRect.top - parentRect.top, width: barRect.width };
}

/**
 * Comment markers for the replay timeline. rrweb-player has no marker API, so this layer
 * is laid over its progress bar (measured), or shown as a strip of its own when the bar
 * cannot be measured. A marker sits at (at − first) / duration; clicking it seeks there.
 */
export function CommentMarkers(props: {
  comments: readonly Comment[];
  firstTimestamp: number;
  durationMs: number;
  player: RefObject<HTMLElement | null>;
  onSeek: (offsetMs: number) => void;
}) {
  const layerRef = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState<Box | null>(null);
  const { player } = props;

  useEffect(() => {
    const host = player.current;
    const parent = layerRef.current?.parentElement;
    if (!host || !parent) return;
    const measure = () => setBox(measureProgressBar(host, parent));
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(host);
    window.addEventListener('resize', measure);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [player]);

  const style: CSSProperties | undefined = box ? { left: box.left, top: box.top, width: box.width } : undefined;
  return (
    <div
      ref={layerRef}
      className={box ? 'comment-markers comment-markers--over' : 'comment-markers comment-markers--strip'}
      style={style}
      data-testid="comment-markers"
    >
      {props.comments.map((comment) => {
        const position = markerPosition(comment.at, props.firstTimestamp, props.durationMs);
        const offset = momentOffset(comment.at, props.firstTimestamp);
        return (
          <button
            key={comment.id}
            type="button"
            className="comment-marker"
            data-testid="comment-marker"
            data-comment-id={comment.id}
            data-position={position.toFixed(4)}
            style={{ left: `${position * 100}%` }}
            title={`${formatOffset(offset)} · ${comment.author}: ${comment.text}`}
            aria-label={`Comment at ${formatOffset(offset)}`}
            onClick={() => props.onSeek(Math.min(offset, props.durationMs))}
          />
        );
      })}
    </div>
  );
}
