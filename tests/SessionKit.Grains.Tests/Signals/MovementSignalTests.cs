using SessionKit.Grains.Signals;
using SessionKit.Testing;
using static SessionKit.Testing.EventStream;

namespace SessionKit.Grains.Tests.Signals;

public sealed class MovementSignalTests
{
    private const long T = 1_732_183_200_000;

    private static List<Signal> Of(string type, EventStream stream) => [.. stream.Evaluate().Where(signal => signal.Type == type)];

    /// <summary>The cursor swinging left and right <paramref name="swings"/> times; every swing after the first is a change of direction.</summary>
    private static EventStream Thrash(int swings, int swingPx = 100, int everyMs = 200)
    {
        var stream = new EventStream().Load(T).Move(T + 1000, 100, 300);
        for (var i = 1; i <= swings; i++)
        {
            stream.Move(T + 1000 + (i * everyMs), i % 2 == 1 ? 100 + swingPx : 100, 300);
        }

        return stream;
    }

    [Fact]
    public void SixQuickDirectionChangesAreAThrashedCursor()
    {
        var thrashed = Assert.Single(Of(SignalTypes.ThrashedCursor, Thrash(7)));

        Assert.Equal(6, thrashed.Evidence.Count);
        Assert.Equal(T + 1400, thrashed.At);
        Assert.Equal(1000, thrashed.Evidence.SpanMs);
        Assert.Equal(new SignalTarget("body > div.content.long", "Lorem"), thrashed.Target);
        Assert.Equal("Mouse changed direction 6 times within 1000 ms over 'Lorem'", thrashed.Explanation);
    }

    [Fact]
    public void OneDirectionChangeTooFewASwingOnePixelTooShortOrTooSlowIsNoThrashedCursor()
    {
        Assert.Empty(Of(SignalTypes.ThrashedCursor, Thrash(6)));
        Assert.Single(Of(SignalTypes.ThrashedCursor, Thrash(7, swingPx: 50)));
        Assert.Empty(Of(SignalTypes.ThrashedCursor, Thrash(7, swingPx: 49)));
        // Six changes from the 2nd to the 7th swing span 5 gaps: 400 ms apart is exactly the 2 s window, 401 one ms over.
        Assert.Single(Of(SignalTypes.ThrashedCursor, Thrash(7, everyMs: 400)));
        Assert.Empty(Of(SignalTypes.ThrashedCursor, Thrash(7, everyMs: 401)));
    }

    [Fact]
    public void MovementsOutOfTimeOrderStartTheCountOver()
    {
        // Seven swings, but the clock jumps back before the fourth: two short runs, neither long enough.
        var stream = new EventStream().Load(T).Move(T + 1000, 100, 300);
        foreach (var (offset, x) in new[] { (1200, 200), (1400, 100), (1600, 200), (900, 100), (1000, 200), (1100, 100), (1250, 200) })
        {
            stream.Move(T + offset, x, 300);
        }

        Assert.Empty(Of(SignalTypes.ThrashedCursor, stream));
    }

    private static EventStream ScrollUpAndDown(int swings, int swingPx = 400, int everyMs = 1000, int target = 1)
    {
        var stream = new EventStream().Load(T).Scroll(T + 1000, 0, target);
        for (var i = 1; i <= swings; i++)
        {
            stream.Scroll(T + 1000 + (i * everyMs), i % 2 == 1 ? swingPx : 0, target);
        }

        return stream;
    }

    [Fact]
    public void ScrollingUpAndDownFourTimesIsExcessiveScrolling()
    {
        var scroll = Assert.Single(Of(SignalTypes.ExcessiveScroll, ScrollUpAndDown(5)));

        Assert.Equal(4, scroll.Evidence.Count);
        Assert.Null(scroll.Target);
        Assert.Equal("Scrolled the page up and down 4 times within 3000 ms", scroll.Explanation);
        Assert.Equal("Scrolled 'Lorem' up and down 4 times within 3000 ms",
            Assert.Single(Of(SignalTypes.ExcessiveScroll, ScrollUpAndDown(5, target: Content))).Explanation);
    }

    [Fact]
    public void OneChangeTooFewAShortSwingOrSlowScrollingIsNotExcessive()
    {
        Assert.Empty(Of(SignalTypes.ExcessiveScroll, ScrollUpAndDown(4)));
        Assert.Single(Of(SignalTypes.ExcessiveScroll, ScrollUpAndDown(5, swingPx: 200)));
        Assert.Empty(Of(SignalTypes.ExcessiveScroll, ScrollUpAndDown(5, swingPx: 199)));
        Assert.Single(Of(SignalTypes.ExcessiveScroll, ScrollUpAndDown(5, everyMs: 3333)));
        Assert.Empty(Of(SignalTypes.ExcessiveScroll, ScrollUpAndDown(5, everyMs: 3334)));
    }
}
