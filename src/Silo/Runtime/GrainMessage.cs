namespace SessionKit.Silo.Runtime;

/// <summary>
/// One call to a grain as a transport sees it. Everything a remote transport needs to carry it is
/// here: the target's interface and key, the method (whose stable <see cref="GrainMethod.Name"/>
/// crosses the wire) and the arguments, which grain contracts restrict to serializable values.
/// </summary>
internal sealed record GrainMessage(GrainId Target, GrainMethod Method, object?[] Arguments);
