namespace SessionKit.Bench.Measurement;

/// <summary>
/// Runs a measurement on a quiet machine: waits for other processes to calm down first, and repeats
/// (twice at most) a run during which they used more than <c>maxOtherCpu</c> (% of one core); when
/// every attempt was disturbed, the least disturbed is kept. The others are listed but out of the medians. A limit of 0 turns both off.
/// </summary>
internal static class QuietRuns
{
    public static async Task<(T Kept, bool Disturbed, IReadOnlyList<T> Discarded)> RunAsync<T>(
        double maxOtherCpu, string label, Func<Task<T>> run, Func<T, double> otherCpu, CancellationToken cancellationToken)
    {
        var discarded = new List<T>();
        for (var attempt = 1; ; attempt++)
        {
            if (maxOtherCpu > 0)
            {
                await QuietMachine.WaitAsync(maxOtherCpu, TimeSpan.FromMinutes(3), cancellationToken);
            }

            Progress.Log(label + (attempt > 1 ? $", attempt {attempt}" : string.Empty));
            var result = await run();
            var disturbed = maxOtherCpu > 0 && otherCpu(result) > maxOtherCpu;
            if (!disturbed || cancellationToken.IsCancellationRequested)
            {
                return (result, disturbed, discarded);
            }

            discarded.Add(result);
            if (attempt == 3)
            {
                // All three were disturbed: keep the one the other processes disturbed least.
                var least = discarded.MinBy(otherCpu)!;
                discarded.Remove(least);
                return (least, true, discarded);
            }

            Progress.Log($"other processes used {otherCpu(result):0}% of a core during the run; repeating it");
        }
    }
}
