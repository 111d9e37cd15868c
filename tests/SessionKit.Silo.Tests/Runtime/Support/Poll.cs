namespace SessionKit.Silo.Tests.Runtime.Support;

/// <summary>Waits for something the runtime does in the background, with a timeout generous enough for a loaded machine.</summary>
internal static class Poll
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Awaits a task that must finish, failing the test instead of hanging it.</summary>
    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(DefaultTimeout);

    public static Task Within(this Task task) => task.WaitAsync(DefaultTimeout);
}
