using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SessionKit.Silo.Grains;
using SessionKit.Silo.Hosting;
using SessionKit.Silo.Runtime;
using SessionKit.Silo.Storage;
using SessionKit.Testing;

namespace SessionKit.Grains.Tests.Support;

/// <summary>A running host with the real grain runtime, session grains and SQLite storage in a temp directory.</summary>
public sealed class GrainHost : IAsyncDisposable
{
    private readonly IHost _host;

    private GrainHost(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public ISessionStore Store => _host.Services.GetRequiredService<ISessionStore>();

    public IGrainRuntimeDiagnostics Diagnostics => _host.Services.GetRequiredService<IGrainRuntimeDiagnostics>();

    public T Service<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public static async Task<GrainHost> StartAsync(string dataDirectory, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["SESSIONKIT_DATA_DIR"] = dataDirectory });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.Services.AddSqliteStorage().AddGrainRuntime().AddSessionKitGrains();
        var host = builder.Build();
        await host.Services.GetRequiredService<IStorageInitializer>().InitializeAsync(CancellationToken.None);
        await host.StartAsync();
        return new GrainHost(host);
    }

    public static Task<GrainHost> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? clock = null) =>
        StartAsync(RepositoryPaths.NewTempDirectory("grains"), settings, clock);

    /// <summary>Graceful stop: grains deactivate and persist.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>Waits, bounded, until <paramref name="condition"/> holds.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting until " + what);
            }

            await Task.Delay(20);
        }
    }
}
