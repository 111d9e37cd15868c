import { useState, type FormEvent } from 'react';
import type { Comment } from '../../api/types';
import { CopyButton } from '../../components/copy-button';
import { useAddComment, useCommentsQuery } from '../../hooks/use-comments';
import { formatDateTime } from '../../lib/format';
import { formatOffset, momentLink, momentOffset } from './moments';

export interface CommentsPanelProps {
  readonly sessionId: string;
  /** The moment a new comment is pinned to (absolute event timestamp), or null if there is none yet. */
  readonly currentMoment: () => number | null;
  /** The recording's first event timestamp, for offsets and links; null when unknown. */
  readonly firstTimestamp: number | null;
  /** Called when a comment's time is clicked (the replay seeks there). */
  readonly onSelect?: (comment: Comment) => void;
  readonly refetchIntervalMs?: number;
  /** Shown when there is no moment to pin a comment to yet. */
  readonly noMomentHint?: string;
}

function CommentItem(props: { comment: Comment; first: number | null; onSelect?: (comment: Comment) => void }) {
  const { comment, first } = props;
  const time = first === null ? new Date(comment.at).toLocaleTimeString() : formatOffset(momentOffset(comment.at, first));
  return (
    <li className="comment" data-testid="comment-item" data-comment-id={comment.id}>
      <div className="comment__head">
        {props.onSelect ? (
          <button type="button" className="comment__time" title="Go to this moment" onClick={() => props.onSelect?.(comment)}>
            {time}
          </button>
        ) : (
          <span className="comment__time">{time}</span>
        )}
        <strong className="comment__author">{comment.author}</strong>
        <span className="muted small" title={formatDateTime(comment.createdAt)}>
          {formatDateTime(comment.createdAt)}
        </span>
      </div>
      <p className="comment__text">{comment.text}</p>
      {first !== null && (
        <CopyButton text={() => momentLink(comment.sessionId, momentOffset(comment.at, first))} label="Copy link" />
      )}
    </li>
  );
}

/** Comments pinned to moments of a session, and a form to add one at the current moment. */
export function CommentsPanel(props: CommentsPanelProps) {
  const comments = useCommentsQuery(props.sessionId, props.refetchIntervalMs);
  const add = useAddComment(props.sessionId);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return;
    const at = props.currentMoment();
    if (at === null) {
      setProblem(props.noMomentHint ?? 'There is no moment to pin the comment to yet.');
      return;
    }
    setProblem(null);
    add.mutate({ text: trimmed, at: Math.round(at) }, { onSuccess: () => setText('') });
  };

  const list = comments.data ?? [];
  return (
    <section className="panel comments" aria-label="Comments" data-testid="comments">
      <h2>
        Comments <span className="muted">({list.length})</span>
      </h2>
      <form className="comments__form" onSubmit={submit}>
        <textarea
          data-testid="comment-input"
          aria-label="Comment"
          placeholder="Comment on this moment…"
          rows={2}
          maxLength={2000}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="button button--primary button--small" data-testid="comment-submit" disabled={!text.trim() || add.isPending}>
          {add.isPending ? 'Adding…' : 'Add comment'}
        </button>
      </form>
      {(problem ?? add.error) && (
        <div className="form-error" role="alert">
          {problem ?? `Could not add the comment: ${add.error?.message ?? ''}`}
        </div>
      )}
      {comments.isError && <div className="form-error">Could not load comments: {comments.error.message}</div>}
      {comments.isSuccess && list.length === 0 && <p className="muted small">No comments yet.</p>}
      <ol className="comments__list">
        {list.map((comment) => (
          <CommentItem key={comment.id} comment={comment} first={props.firstTimestamp} onSelect={props.onSelect} />
        ))}
      </ol>
    </section>
  );
}
