using SessionKit.Silo.Storage;

namespace SessionKit.Api.Comments;

public sealed record CommentResponse(string Id, string SessionId, string Author, string Text, long At, DateTimeOffset CreatedAt)
{
    public static CommentResponse From(CommentRecord comment) =>
        new(comment.Id, comment.SessionId, comment.Author, comment.Text, comment.At, comment.CreatedAt);
}

public sealed record AddCommentRequest(string? Text, long? At);
