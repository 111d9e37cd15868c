namespace SessionKit.Bench.Load;

/// <summary><c>load</c>: the load generator against any SessionKit servers (docs/performance.md, "Load generator").</summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = LoadOptions.Parse(args);
        var ingestKey = options.IngestKey;
        if (options.StartSessions && ingestKey is null)
        {
            ingestKey = options.AdminToken is { } token
                ? await IngestKeys.DefaultProjectKeyAsync(options.Urls, token, cancellationToken)
                : throw new UsageException("Give --ingest-key, or --admin-token (or SESSIONKIT_ADMIN_TOKEN) to read the default project's.");
        }

        var plans = PlanAll(options);
        var result = await new LoadRunner(options, plans, ingestKey).RunAsync(cancellationToken);
        Console.WriteLine(LoadReport.Summary(result, options));
        if (!options.Verify)
        {
            return result.Fatal is null ? 0 : 1;
        }

        if (options.AdminToken is null || !options.StartSessions)
        {
            Console.WriteLine("verified     nothing: the check needs --admin-token and sessions started through the ingest API (or pass --no-verify).");
            return 1;
        }

        var verification = await StoredEventsVerifier.VerifyAsync(result.Sessions, new NodeRouter(options.Urls), options.AdminToken, cancellationToken);
        Console.WriteLine(LoadReport.Verification(verification));
        return verification.Passed && result.Fatal is null ? 0 : 1;
    }

    /// <summary>Every recording cut into the SDK's batches; back-to-back runs use the batches of the recorded pace.</summary>
    public static IReadOnlyList<BatchPlan> PlanAll(LoadOptions options)
    {
        var recordings = Recording.LoadAll(options.Recordings);
        var plans = recordings.Select(r => BatchPlan.Create(r, options.Batching, options.ClosedLoop ? 1 : options.Speed)).ToList();
        foreach (var plan in plans)
        {
            Progress.Log($"{plan.Recording.Name}: {plan.Recording.Events.Count:#,0} events over {plan.Recording.Span.TotalSeconds:0.0} s, {plan.Recording.RawBytes:#,0} bytes of JSON, {plan.Batches.Count} batches, {plan.WireBytes:#,0} bytes on the wire");
        }

        return plans;
    }
}
