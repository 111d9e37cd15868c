using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SessionKit.Silo.Grains;
using SessionKit.Silo.Hosting;

namespace SessionKit.Bench.Grains;

/// <summary>The grain runtime alone in this process, as the server registers it, with idle deactivation out of the way.</summary>
internal sealed class GrainHost : IAsyncDisposable
{
    private readonly IHost _host;

    private GrainHost(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The runtime's default mailbox capacity, which the channel baseline copies.</summary>
    public static int MailboxCapacity { get; } = new GrainRuntimeOptions().MailboxCapacity;

    public static async Task<GrainHost> StartAsync()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{GrainRuntimeOptions.SectionName}:IdleTimeout"] = TimeSpan.FromHours(1).ToString("c", CultureInfo.InvariantCulture),
        });
        builder.Services.AddGrainRuntime().AddGrain<IBenchCounterGrain, BenchCounterGrain>();
        var host = builder.Build();
        await host.StartAsync();
        return new GrainHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
