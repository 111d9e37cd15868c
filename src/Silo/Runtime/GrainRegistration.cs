namespace SessionKit.Silo.Runtime;

/// <summary>Recorded in DI by AddGrain: which class serves a grain contract on this host.</summary>
internal sealed record GrainRegistration(Type Interface, Type Class);
