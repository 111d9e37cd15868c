namespace SessionKit.Silo.Live;

/// <summary>The one place live topic names are spelled.</summary>
public static class LiveTopics
{
    public static string Session(string sessionId) => "session." + sessionId;

    public static string Project(string projectId) => "project." + projectId;
}
