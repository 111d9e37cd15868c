using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Runtime;

/// <summary>What every activation of this host shares.</summary>
internal sealed record GrainActivationServices(
    IServiceScopeFactory Scopes,
    GrainRuntimeOptions Options,
    TimeProvider Time,
    ILogger<GrainActivation> Logger);
