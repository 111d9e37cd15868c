using SessionKit.Grains.Signals;
using SessionKit.Testing;
using static SessionKit.Testing.EventStream;

namespace SessionKit.Grains.Tests.Signals;

public sealed class ClickSignalTests
{
    private const long T = 1_732_183_200_000;

    private static List<Signal> Of(string type, EventStream stream) => [.. stream.Evaluate().Where(signal => signal.Type == type)];

    [Fact]
    public void ThreeQuickClicksOnOneSpotAreARageClickExplainedWithTheirEvidence()
    {
        var stream = new EventStream().Load(T).Click(T + 1000, x: 100).Click(T + 1200, x: 110).Click(T + 1420, x: 100);

        var rage = Assert.Single(Of(SignalTypes.RageClick, stream));

        Assert.Equal(T + 1000, rage.At);
        Assert.Equal(Shop, rage.Url);
        Assert.Equal(new SignalTarget("button#pay", "Pay now"), rage.Target);
        Assert.Equal(3, rage.Evidence.Count);
        Assert.Equal(420, rage.Evidence.SpanMs);
        Assert.Equal(10, rage.Evidence.SpreadPx);
        Assert.Equal([new(T + 1000, 100, 200), new(T + 1200, 110, 200), new(T + 1420, 100, 200)], rage.Evidence.Clicks!);
        Assert.Equal("3 clicks within 420 ms on 'Pay now'", rage.Explanation);
    }

    [Fact]
    public void TwoClicksAreNoRageClick() =>
        Assert.Empty(Of(SignalTypes.RageClick, new EventStream().Load(T).Clicks(T + 1000, 2, 100)));

    [Fact]
    public void AClickOnePixelTooFarIsNoRageClick()
    {
        Assert.Single(Of(SignalTypes.RageClick, new EventStream().Load(T).Click(T + 1, x: 100).Click(T + 2, x: 100).Click(T + 3, x: 130)));
        Assert.Empty(Of(SignalTypes.RageClick, new EventStream().Load(T).Click(T + 1, x: 100).Click(T + 2, x: 100).Click(T + 3, x: 131)));
    }

    [Fact]
    public void AClickOneMillisecondTooLateIsNoRageClick()
    {
        Assert.Single(Of(SignalTypes.RageClick, new EventStream().Load(T).Clicks(T + 1000, 3, 1000)));
        Assert.Empty(Of(SignalTypes.RageClick, new EventStream().Load(T).Click(T + 1000).Click(T + 2000).Click(T + 3001)));
    }

    [Fact]
    public void ALongRunIsOneRageClickAndThresholdsComeFromTheProject()
    {
        Assert.Single(Of(SignalTypes.RageClick, new EventStream().Load(T).Clicks(T + 1000, 9, 100)));
        var strict = new SignalThresholds { RageClickMinClicks = 5 };
        Assert.DoesNotContain(new EventStream().Load(T).Clicks(T + 1000, 4, 100).Evaluate(strict), s => s.Type == SignalTypes.RageClick);
        Assert.Single(new EventStream().Load(T).Clicks(T + 1000, 5, 100).Evaluate(strict), s => s.Type == SignalTypes.RageClick);
    }

    [Fact]
    public void AButtonThatChangesNothingWithinTheWindowIsADeadClick()
    {
        var dead = Assert.Single(Of(SignalTypes.DeadClick, new EventStream().Load(T).Click(T + 1000, PayLabel).Later(T + 2501)));

        Assert.Equal(T + 1000, dead.At);
        Assert.Equal(new SignalTarget("button#pay", "Pay now"), dead.Target);
        Assert.Equal("Click on 'Pay now': nothing changed on the page within 1500 ms", dead.Explanation);
    }

    [Fact]
    public void AnAnswerOnTheLastMillisecondOfTheWindowSavesTheClick()
    {
        Assert.Empty(Of(SignalTypes.DeadClick, new EventStream().Load(T).Click(T + 1000).Mutation(T + 2500).Later(T + 9000)));
        Assert.Single(Of(SignalTypes.DeadClick, new EventStream().Load(T).Click(T + 1000).Mutation(T + 2501).Later(T + 9000)));
    }

    [Fact]
    public void ScrollingInputAndNavigationAnswerAClick()
    {
        Assert.Empty(Of(SignalTypes.DeadClick, new EventStream().Load(T).Click(T + 1000).Scroll(T + 1100, 300).Later(T + 9000)));
        Assert.Empty(Of(SignalTypes.DeadClick, new EventStream().Load(T).Click(T + 1000, DocsLink).Load(T + 4000, Help).Later(T + 9000)));
    }

    [Fact]
    public void OnlyLinksButtonsAndButtonLikeInputsCanBeDeadAndRepeatedClicksAreOne()
    {
        Assert.Empty(Of(SignalTypes.DeadClick, new EventStream().Load(T).Click(T + 1000, Content).Later(T + 9000)));
        Assert.Empty(Of(SignalTypes.DeadClick, new EventStream().Load(T).Click(T + 1000, SearchField).Later(T + 9000)));
        Assert.Empty(Of(SignalTypes.DeadClick, new EventStream().Load(T).Click(T + 1000, 15).Later(T + 9000)));
        var repeated = Assert.Single(Of(SignalTypes.DeadClick, new EventStream().Load(T).Clicks(T + 1000, 4, 200).Later(T + 9000)));
        Assert.Equal(4, repeated.Evidence.Count);
    }

    [Fact]
    public void AnErrorWithinASecondOfAClickIsAnErrorClickNotADeadClick()
    {
        var signals = new EventStream().Load(T).Click(T + 1000).Error(T + 2000).Later(T + 9000).Evaluate();

        var error = Assert.Single(signals);
        Assert.Equal(SignalTypes.ErrorClick, error.Type);
        Assert.Equal(T + 1000, error.At);
        Assert.Equal("TypeError: cart is undefined", error.Evidence.ErrorMessage);
        Assert.Equal(1000, error.Evidence.DelayMs);
        Assert.Equal("Click on 'Pay now' was followed 1000 ms later by an error: TypeError: cart is undefined", error.Explanation);
    }

    [Fact]
    public void AnErrorOneMillisecondTooLateOrWithoutAClickIsNoErrorClick()
    {
        Assert.Empty(Of(SignalTypes.ErrorClick, new EventStream().Load(T).Click(T + 1000).Error(T + 2001)));
        Assert.Empty(Of(SignalTypes.ErrorClick, new EventStream().Load(T).Error(T + 1000)));
        Assert.Single(Of(SignalTypes.ErrorClick, new EventStream().Load(T).Click(T + 1000).Error(T + 1001).Error(T + 1002)));
    }
}
