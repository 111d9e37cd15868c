using SessionKit.Grains.Alerts;

namespace SessionKit.Grains.Tests.Alerts;

public sealed class AlertDeliveryWakeUpTests
{
    [Fact]
    public async Task NudgesBeforeTheWaitCountAsOne()
    {
        var wakeUp = new AlertDeliveryWakeUp();
        wakeUp.Notify();
        wakeUp.Notify();

        Assert.True(await wakeUp.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
        Assert.False(await wakeUp.WaitAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None));
    }

    [Fact]
    public async Task ANudgeEndsAWaitInProgress()
    {
        var wakeUp = new AlertDeliveryWakeUp();
        var waiting = wakeUp.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        wakeUp.Notify();

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
