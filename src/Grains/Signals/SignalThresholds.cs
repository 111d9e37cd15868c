using System.ComponentModel.DataAnnotations;

namespace SessionKit.Grains.Signals;

/// <summary>When each signal is raised; the defaults are the documented ones (docs/signals.md).</summary>
public sealed class SignalThresholds
{
    /// <summary>Clicks in a row that make a rage click.</summary>
    [Range(2, 50)]
    public int RageClickMinClicks { get; set; } = 3;

    /// <summary>Longest gap between one click of a rage click and the next.</summary>
    [Range(1, 60_000)]
    public int RageClickMaxIntervalMs { get; set; } = 1000;

    /// <summary>Farthest a click of a rage click may land from the first one.</summary>
    [Range(0, 10_000)]
    public int RageClickMaxRadiusPx { get; set; } = 30;

    /// <summary>How long after a click on a link, button or input something visible must happen.</summary>
    [Range(1, 60_000)]
    public int DeadClickWindowMs { get; set; } = 1500;

    /// <summary>Longest delay from a click to the uncaught error it is blamed for.</summary>
    [Range(0, 60_000)]
    public int ErrorClickWindowMs { get; set; } = 1000;

    /// <summary>Direction changes of the mouse that make a thrashed cursor...</summary>
    [Range(2, 100)]
    public int ThrashedCursorMinReversals { get; set; } = 6;

    /// <summary>...within this time...</summary>
    [Range(1, 60_000)]
    public int ThrashedCursorWindowMs { get; set; } = 2000;

    /// <summary>...each after a swing of at least this distance.</summary>
    [Range(1, 10_000)]
    public int ThrashedCursorMinSwingPx { get; set; } = 50;

    /// <summary>Scroll direction changes that make excessive scrolling...</summary>
    [Range(2, 100)]
    public int ExcessiveScrollMinReversals { get; set; } = 4;

    /// <summary>...within this time...</summary>
    [Range(1, 600_000)]
    public int ExcessiveScrollWindowMs { get; set; } = 10_000;

    /// <summary>...each after scrolling at least this far.</summary>
    [Range(1, 100_000)]
    public int ExcessiveScrollMinSwingPx { get; set; } = 200;

    /// <summary>Longest stay on a page that the visitor then leaves for the page they came from.</summary>
    [Range(1, 600_000)]
    public int QuickBackMaxMs { get; set; } = 10_000;

    /// <summary>Fields of one form that must have been filled for leaving it unsent to count.</summary>
    [Range(1, 100)]
    public int FormAbandonmentMinFields { get; set; } = 1;
}
