using Microsoft.Extensions.Logging;

namespace SessionKit.Silo.Runtime;

internal static partial class GrainRuntimeLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Activated grain {GrainType}/{Key}")]
    public static partial void Activated(this ILogger logger, string grainType, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activating grain {GrainType}/{Key} failed; its pending calls fail and the next call retries")]
    public static partial void ActivationFailed(this ILogger logger, string grainType, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deactivated grain {GrainType}/{Key} ({Reason})")]
    public static partial void Deactivated(this ILogger logger, string grainType, string key, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deactivating grain {GrainType}/{Key} failed; its state may not be persisted")]
    public static partial void DeactivationFailed(this ILogger logger, string grainType, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Kept grain {GrainType}/{Key} active: messages arrived while it was deactivating")]
    public static partial void DeactivationCancelled(this ILogger logger, string grainType, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A timer of grain {GrainType}/{Key} failed")]
    public static partial void TimerFailed(this ILogger logger, string grainType, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The message loop of grain {GrainType}/{Key} failed")]
    public static partial void LoopFailed(this ILogger logger, string grainType, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deactivating {Count} grain activations for shutdown")]
    public static partial void DeactivatingAll(this ILogger logger, int count);
}
