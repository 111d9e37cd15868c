namespace SessionKit.Silo.Cluster.Messaging;

/// <summary>A message from another node that this node cannot read as a grain call (another build, or garbage).</summary>
public sealed class GrainMessageFormatException(string message, Exception? innerException = null) : Exception(message, innerException);
