namespace SessionKit.Silo.Storage;

/// <summary>
/// What ingest's parser saw of a batch's events on its one pass over them, as offsets into the events' JSON, so
/// the grain does not read the batch again to find it: the string values of at least
/// <see cref="Storage.LargeStrings.MinimumBytes"/>, and the full snapshot events (whose type the parser read as 2).
/// </summary>
public sealed record BatchLayout(IReadOnlyList<TokenRange> LargeStrings, IReadOnlyList<TokenRange> FullSnapshots);
