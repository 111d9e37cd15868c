namespace SessionKit.Silo.Storage;

/// <summary>Where a JSON token lies in a batch's events: from its first byte (a string's opening quote), this many bytes.</summary>
public readonly record struct TokenRange(int Start, int Length);
