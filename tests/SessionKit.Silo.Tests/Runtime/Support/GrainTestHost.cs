using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SessionKit.Silo.Grains;
using SessionKit.Silo.Hosting;
using SessionKit.Silo.Runtime;
using SessionKit.Silo.Tests.Runtime.TestGrains;

namespace SessionKit.Silo.Tests.Runtime.Support;

/// <summary>A started host with the grain runtime and the test grains; each test gets its own.</summary>
internal sealed class GrainTestHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private GrainTestHost(IHost host)
    {
        _host = host;
    }

    public IServiceProvider Services => _host.Services;
    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();
    public IGrainRuntimeDiagnostics Diagnostics => Services.GetRequiredService<IGrainRuntimeDiagnostics>();
    public GrainProbe Probe => Services.GetRequiredService<GrainProbe>();
    public InMemoryCounterStore Store => Services.GetRequiredService<InMemoryCounterStore>();
    public GrainHooks Hooks => Services.GetRequiredService<GrainHooks>();

    /// <summary>Idle deactivation is effectively off unless a test asks for it.</summary>
    public static async Task<GrainTestHost> StartAsync(
        TimeSpan? idleTimeout = null,
        TimeSpan? idleScanInterval = null,
        int? mailboxCapacity = null,
        TimeSpan? mailboxFullTimeout = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var host = Build(
            new Dictionary<string, string?>
            {
                ["IdleTimeout"] = Format(idleTimeout ?? TimeSpan.FromHours(1)),
                ["IdleScanInterval"] = Format(idleScanInterval ?? TimeSpan.FromSeconds(1)),
                ["MailboxCapacity"] = (mailboxCapacity ?? 1024).ToString(CultureInfo.InvariantCulture),
                ["MailboxFullTimeout"] = Format(mailboxFullTimeout ?? TimeSpan.FromMinutes(1)),
            },
            configureServices);
        await host.StartAsync();
        return new GrainTestHost(host);
    }

    /// <summary>Builds without starting, for tests about start-up itself.</summary>
    public static IHost Build(IReadOnlyDictionary<string, string?> grainSettings, Action<IServiceCollection>? configureServices = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(grainSettings.Select(setting =>
            KeyValuePair.Create($"{GrainRuntimeOptions.SectionName}:{setting.Key}", setting.Value)));
        builder.Services
            .AddGrainRuntime()
            .AddGrain<ICounterGrain, CounterGrain>()
            .AddGrain<IRecorderGrain, RecorderGrain>()
            .AddGrain<ITickingGrain, TickingGrain>()
            .AddGrain<IFollowUpGrain, FollowUpGrain>()
            .AddGrain<IRelayGrain, RelayGrain>()
            .AddSingleton<GrainProbe>()
            .AddSingleton<InMemoryCounterStore>()
            .AddSingleton<GrainHooks>();
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    public static string NewKey() => Guid.NewGuid().ToString("N");

    public async Task StopAsync()
    {
        _stopped = true;
        await _host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync();
        }

        _host.Dispose();
    }

    private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
