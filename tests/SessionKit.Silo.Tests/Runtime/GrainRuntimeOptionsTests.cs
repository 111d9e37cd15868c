using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SessionKit.Silo.Grains;
using SessionKit.Silo.Tests.Runtime.Support;

namespace SessionKit.Silo.Tests.Runtime;

public sealed class GrainRuntimeOptionsTests
{
    [Fact]
    public async Task OptionsAreBoundFromTheirConfigurationSection()
    {
        await using var host = await GrainTestHost.StartAsync(mailboxCapacity: 7, mailboxFullTimeout: TimeSpan.FromSeconds(3));

        var options = host.Services.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value;

        Assert.Equal(7, options.MailboxCapacity);
        Assert.Equal(TimeSpan.FromSeconds(3), options.MailboxFullTimeout);
    }

    [Theory]
    [InlineData("MailboxCapacity", "0")]
    [InlineData("IdleTimeout", "00:00:00")]
    [InlineData("IdleScanInterval", "-00:00:01")]
    [InlineData("MailboxFullTimeout", "00:00:00")]
    public async Task InvalidOptionsFailTheStart(string name, string value)
    {
        using var host = GrainTestHost.Build(new Dictionary<string, string?> { [name] = value });

        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }
}
