using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Ingest;

/// <summary>
/// Finds the project an ingest key writes to. Every ingest request needs this, so answers are cached
/// briefly; a changed project is seen by ingest within <see cref="IngestOptions.ProjectCacheDuration"/>.
/// </summary>
public sealed class IngestProjectResolver(IProjectStore projects, IOptions<IngestOptions> options, TimeProvider clock)
{
    private const int MaxCachedKeys = 10_000;
    private readonly ConcurrentDictionary<string, (ProjectRecord? Project, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    public async ValueTask<ProjectRecord?> ResolveAsync(string ingestKey, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(ingestKey, out var cached) && cached.Expires > now)
        {
            return cached.Project;
        }

        var project = await projects.FindProjectByIngestKeyAsync(ingestKey, cancellationToken);
        if (_cache.Count >= MaxCachedKeys)
        {
            // Wrong keys are cached too (to keep key guessing off the database), so bound the cache.
            _cache.Clear();
        }

        _cache[ingestKey] = (project, now + options.Value.ProjectCacheDuration);
        return project;
    }

    /// <summary>Drops cached answers after a project changed on this node.</summary>
    public void Invalidate() => _cache.Clear();
}
