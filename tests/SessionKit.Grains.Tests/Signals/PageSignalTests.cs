using SessionKit.Grains.Signals;
using SessionKit.Testing;
using static SessionKit.Testing.EventStream;

namespace SessionKit.Grains.Tests.Signals;

public sealed class PageSignalTests
{
    private const long T = 1_732_183_200_000;

    private static List<Signal> Of(string type, EventStream stream) => [.. stream.Evaluate().Where(signal => signal.Type == type)];

    [Fact]
    public void GoingBackWithinSecondsToThePageBeforeIsAQuickBack()
    {
        var back = Assert.Single(Of(SignalTypes.QuickBack, new EventStream().Load(T).Load(T + 5000, Help + "#top").Load(T + 8200)));

        Assert.Equal(T + 8200, back.At);
        Assert.Equal(Help, back.Url);
        Assert.Equal(3200, back.Evidence.SpanMs);
        Assert.Equal(Shop, back.Evidence.ReturnedTo);
        Assert.Equal("Left /help after 3200 ms, back to /cart", back.Explanation);
    }

    [Fact]
    public void StayingOneMillisecondTooLongOrGoingElsewhereIsNoQuickBack()
    {
        Assert.Single(Of(SignalTypes.QuickBack, new EventStream().Load(T).Load(T + 1000, Help).Load(T + 11_000)));
        Assert.Empty(Of(SignalTypes.QuickBack, new EventStream().Load(T).Load(T + 1000, Help).Load(T + 11_001)));
        Assert.Empty(Of(SignalTypes.QuickBack, new EventStream().Load(T).Load(T + 1000, Help).Load(T + 2000, Shop + "/pay")));
        Assert.Empty(Of(SignalTypes.QuickBack, new EventStream().Load(T).Load(T + 1000).Load(T + 2000)));
    }

    [Fact]
    public void AFormFilledAndLeftUnsentIsAbandoned()
    {
        var stream = new EventStream().Load(T).Input(T + 1000, EmailField).Input(T + 1500, CardField).Input(T + 1600, EmailField)
            .Later(T + 4000).Load(T + 5000, Help);

        var abandoned = Assert.Single(Of(SignalTypes.FormAbandonment, stream));

        Assert.Equal(T + 4000, abandoned.At);
        Assert.Equal(Shop, abandoned.Url);
        Assert.Equal(new SignalTarget("form#checkout", null), abandoned.Target);
        Assert.Equal(["input[name=\"email\"]", "input[name=\"card\"]"], abandoned.Evidence.Fields!);
        Assert.Equal(3000, abandoned.Evidence.SpanMs);
        Assert.Equal("2 fields of form#checkout filled, then the page was left without sending it", abandoned.Explanation);
    }

    [Fact]
    public void ASentFormAFieldOutsideAFormOrAPageNotLeftIsNoAbandonment()
    {
        Assert.Empty(Of(SignalTypes.FormAbandonment,
            new EventStream().Load(T).Input(T + 1000, EmailField).Click(T + 2000, 24).Load(T + 3000, Help)));
        Assert.Empty(Of(SignalTypes.FormAbandonment, new EventStream().Load(T).Input(T + 1000, SearchField).Load(T + 3000, Help)));
        Assert.Empty(Of(SignalTypes.FormAbandonment, new EventStream().Load(T).Input(T + 1000, EmailField).Load(T + 3000)));
        Assert.DoesNotContain(
            new EventStream().Load(T).Input(T + 1000, EmailField).Load(T + 3000, Help).Evaluate(new SignalThresholds { FormAbandonmentMinFields = 2 }),
            s => s.Type == SignalTypes.FormAbandonment);
    }

    [Fact]
    public void TheSameStreamGivesTheSameSignalsEveryTime()
    {
        var stream = new EventStream().Load(T).Clicks(T + 1000, 3, 100).Click(T + 3000).Error(T + 3100).Input(T + 4000, EmailField)
            .Load(T + 5000, Help).Load(T + 6000);

        var first = stream.Evaluate();
        var again = stream.Evaluate();

        Assert.Equal(
            [SignalTypes.RageClick, SignalTypes.DeadClick, SignalTypes.ErrorClick, SignalTypes.FormAbandonment, SignalTypes.QuickBack],
            first.Select(signal => signal.Type));
        Assert.Equal(SignalJson.Of(first), SignalJson.Of(again));
        Assert.Equal(Enumerable.Range(0, first.Count), first.Select(signal => signal.Index));
    }
}
