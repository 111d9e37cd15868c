using System.Runtime.CompilerServices;

// The framing and protocol types stay internal to keep the fixture's surface small; their own
// unit tests live beside the client's tests.
[assembly: InternalsVisibleTo("SessionKit.Api.Tests")]
