using System.Text;
using System.Text.Json;
using SessionKit.Grains.Signals;
using SessionKit.Silo.Storage;
using SessionKit.Testing;

namespace SessionKit.Grains.Tests.Signals;

/// <summary>
/// A batch is evaluated with its long strings cut to what labels read of them: real recordings must give the
/// same signals, labels and node map as evaluating every event whole.
/// </summary>
public sealed class LongStringCutTests
{
    public static TheoryData<string> RecordingNames => Recordings.All();

    [Theory]
    [MemberData(nameof(RecordingNames))]
    public void EveryRecordingGivesTheSameSignalsAsItsEventsReadWhole(string recording)
    {
        var batches = Recordings.Batch(Recordings.Load(recording))
            .Select(batch => Encoding.UTF8.GetBytes(string.Join(',', batch.Select(e => e!.ToJsonString()))))
            .ToList();
        var (cut, whole) = (new SignalEvaluator(new SignalThresholds()), new SignalEvaluator(new SignalThresholds()));
        var (cutSignals, wholeSignals, foundSignals) = (new List<Signal>(), new List<Signal>(), new List<Signal>());
        var found = new SignalEvaluator(new SignalThresholds());

        foreach (var batch in batches)
        {
            cut.Feed(batch, cutSignals);
            found.Feed(batch, foundSignals, JsonStringTokens.AtLeast(batch, LargeStrings.MinimumBytes));
            using var document = JsonDocument.Parse("[" + Encoding.UTF8.GetString(batch) + "]");
            foreach (var item in document.RootElement.EnumerateArray())
            {
                whole.Feed(item, wholeSignals);
            }
        }

        Assert.Equal(JsonSerializer.Serialize(wholeSignals), JsonSerializer.Serialize(cutSignals));
        Assert.Equal(JsonSerializer.Serialize(wholeSignals), JsonSerializer.Serialize(foundSignals));
        Assert.Equal(whole.NodeCount, cut.NodeCount);
    }
}
