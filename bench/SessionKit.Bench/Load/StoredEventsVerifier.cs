using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SessionKit.Bench.Load;

/// <summary>The check after a run: how many sessions and acknowledged events were compared, and what was wrong.</summary>
internal sealed record VerificationResult(int Sessions, long AcknowledgedEvents, long StoredEvents, IReadOnlyList<string> Problems, TimeSpan Elapsed)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>
/// Reads every session back with the admin API (<c>GET /api/v1/sessions/{id}/events</c>, from the node
/// the session ended on) and checks that its stored events are its batches in seq order, each event
/// byte for byte as sent: every acknowledged batch exactly once and in its place. A batch that was sent
/// but never acknowledged (the run ended during its retries) may be stored or not; nothing else may be.
/// </summary>
internal static class StoredEventsVerifier
{
    private const int Parallelism = 4;

    public static async Task<VerificationResult> VerifyAsync(
        IReadOnlyList<LoadSession> sessions, NodeRouter nodes, string adminToken, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseCookies = false })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        var problems = new List<string>();
        long acknowledged = 0, stored = 0;
        var checkedSessions = sessions.Where(s => s.States.Any(state => state != BatchState.NotSent)).ToList();
        await Parallel.ForEachAsync(checkedSessions, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (session, token) =>
        {
            var (events, problem) = await ReadAsync(http, nodes, session, token);
            problem ??= Compare(session, events!);
            lock (problems)
            {
                acknowledged += AcknowledgedEvents(session);
                stored += events?.Count ?? 0;
                if (problem is not null)
                {
                    problems.Add($"session {session.Id} ({session.Plan.Recording.Name}): {problem}");
                }
            }
        });

        return new VerificationResult(checkedSessions.Count, acknowledged, stored, problems, DateTime.UtcNow - started);
    }

    private static long AcknowledgedEvents(LoadSession session) =>
        session.Plan.Batches.Where(b => session.States[b.Seq] == BatchState.Acknowledged).Sum(b => (long)b.EventCount);

    private static async Task<(List<ReadOnlyMemory<byte>>? Events, string? Problem)> ReadAsync(
        HttpClient http, NodeRouter nodes, LoadSession session, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(nodes.Resolve(session.Node, $"/api/v1/sessions/{Uri.EscapeDataString(session.Id)}/events"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return AcknowledgedEvents(session) == 0 ? ([], null) : (null, "the server does not know the session (404)");
        }

        if (!response.IsSuccessStatusCode)
        {
            return (null, $"GET events answered {(int)response.StatusCode}");
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return (Split(body), null);
        }
        catch (JsonException exception)
        {
            return (null, "the stored events are not a JSON array: " + exception.Message);
        }
    }

    /// <summary>Each element of a JSON array, as its exact bytes.</summary>
    private static List<ReadOnlyMemory<byte>> Split(byte[] body)
    {
        var events = new List<ReadOnlyMemory<byte>>();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 512 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("no array");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            events.Add(body.AsMemory(start, (int)reader.BytesConsumed - start));
        }

        return events;
    }

    /// <summary>Walks the batches in seq order over the stored events; null when they agree.</summary>
    private static string? Compare(LoadSession session, List<ReadOnlyMemory<byte>> stored)
    {
        var recorded = session.Plan.Recording.Events;
        var at = 0;
        foreach (var batch in session.Plan.Batches)
        {
            var state = session.States[batch.Seq];
            if (state == BatchState.NotSent)
            {
                continue;
            }

            var matches = at + batch.EventCount <= stored.Count
                && Enumerable.Range(0, batch.EventCount).All(i => stored[at + i].Span.SequenceEqual(recorded[batch.FirstEvent + i].Json));
            if (matches)
            {
                at += batch.EventCount;
            }
            else if (state == BatchState.Acknowledged)
            {
                return $"acknowledged batch seq {batch.Seq} ({batch.EventCount} events) is not stored at event {at} of {stored.Count}: missing, out of order or altered";
            }
        }

        return at == stored.Count ? null : $"{stored.Count - at} stored events after the last expected one (duplicated or foreign)";
    }
}
