using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SessionKit.Api.Alerts;

namespace SessionKit.Api.Tests.Alerts;

public sealed class AlertOptionsTests
{
    [Fact]
    public void TheDefaultsAreValid()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<IOptions<AlertOptions>>().Value;

        Assert.True(options.ClaimLease > options.RequestTimeout);
    }

    [Theory]
    [InlineData("ClaimLease", "00:00:10")]
    [InlineData("PollInterval", "00:00:00")]
    [InlineData("MaxConcurrentDeliveries", "0")]
    public void InvalidOptionsAreRefused(string name, string value)
    {
        using var services = Build(new() { [$"{AlertOptions.SectionName}:{name}"] = value });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AlertOptions>>().Value);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddSessionKitAlerts().BuildServiceProvider();
    }
}
