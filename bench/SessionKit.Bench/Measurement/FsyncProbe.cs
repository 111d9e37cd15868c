using System.Diagnostics;

namespace SessionKit.Bench.Measurement;

/// <summary>
/// How long an fsync takes where the server keeps its data: every acknowledged batch waits for one
/// (SQLite WAL, synchronous=FULL, shared by the writes of one group commit), so it bounds ack latency.
/// </summary>
internal static class FsyncProbe
{
    public static LatencySummary Measure(string directory, int count = 200)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"fsync-probe-{Guid.NewGuid():N}");
        var block = new byte[4096];
        var times = new List<double>(count);
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            for (var i = 0; i < count; i++)
            {
                file.Write(block);
                var start = Stopwatch.GetTimestamp();
                file.Flush(flushToDisk: true);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
        finally
        {
            File.Delete(path);
        }

        return LatencySummary.Of(times);
    }
}
