namespace SessionKit.Silo.Runtime;

/// <summary>Read-only view of the local grain runtime, for tests, health checks and metrics.</summary>
public interface IGrainRuntimeDiagnostics
{
    /// <summary>Activations currently registered on this host, including ones still activating.</summary>
    int ActivationCount { get; }
}
