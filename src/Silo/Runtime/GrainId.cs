namespace SessionKit.Silo.Runtime;

/// <summary>Identity of one grain: its contract and its key. At most one activation per id exists at a time.</summary>
internal readonly record struct GrainId(Type Interface, string Key)
{
    public string TypeName => Interface.FullName ?? Interface.Name;

    public override string ToString() => $"{TypeName}/{Key}";
}
