namespace SessionKit.Bench.Load;

/// <summary>
/// Which SessionKit node a session talks to: sessions are spread round-robin over the URLs and stay on
/// theirs; one that cannot reach its node (connection error) or is turned away (503) moves to the next.
/// </summary>
internal sealed class NodeRouter(IReadOnlyList<Uri> urls)
{
    public IReadOnlyList<Uri> Urls { get; } = urls.Count > 0 ? urls : throw new ArgumentException("No URL.", nameof(urls));

    public int First(int sessionIndex) => sessionIndex % Urls.Count;

    public int Next(int node) => (node + 1) % Urls.Count;

    public Uri Resolve(int node, string path) => new(Urls[node], path);
}
