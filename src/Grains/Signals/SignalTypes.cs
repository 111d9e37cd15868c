namespace SessionKit.Grains.Signals;

/// <summary>The names of the frustration signals, as stored, sent and documented (docs/signals.md).</summary>
public static class SignalTypes
{
    public const string RageClick = "rage_click";
    public const string DeadClick = "dead_click";
    public const string ErrorClick = "error_click";
    public const string ThrashedCursor = "thrashed_cursor";
    public const string ExcessiveScroll = "excessive_scroll";
    public const string QuickBack = "quick_back";
    public const string FormAbandonment = "form_abandonment";

    public static readonly IReadOnlyList<string> All =
        [RageClick, DeadClick, ErrorClick, ThrashedCursor, ExcessiveScroll, QuickBack, FormAbandonment];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
