namespace SessionKit.Bench.Reporting;

/// <summary>The end of a load benchmark: its table, its section of the document when asked for, and the verdict on what was stored.</summary>
internal static class BenchReport
{
    /// <returns>The exit code: 0 when every acknowledged event was stored once, in order, 1 when not.</returns>
    public static int Finish(
        string consoleTable, Func<string> sectionBody, (string Path, string Heading, string Marker, string Command)? document,
        MachineInfo machine, bool correct, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine(consoleTable);
        if (document is { } doc && !cancellationToken.IsCancellationRequested)
        {
            PerformanceDocument.WriteSection(doc.Path, doc.Heading, doc.Marker, machine, doc.Command, sectionBody());
            Console.WriteLine($"Wrote the {doc.Marker} results to {doc.Path}.");
        }

        Console.WriteLine(correct
            ? "Correctness: every acknowledged event was stored once, in order; no batch was given up."
            : "Correctness: FAILED (see the runs above).");
        return correct ? 0 : 1;
    }
}
