namespace SessionKit.Silo.Storage;

public interface ICommentStore
{
    Task AddCommentAsync(CommentRecord comment, CancellationToken cancellationToken);

    /// <summary>The session's comments ordered by <see cref="CommentRecord.At"/>, then creation time.</summary>
    Task<IReadOnlyList<CommentRecord>> ListCommentsAsync(string sessionId, CancellationToken cancellationToken);
}
