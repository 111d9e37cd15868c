using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SessionKit.Api.Ingest;
using SessionKit.Grains.Sessions;
using SessionKit.Silo.Cluster.Messaging;
using SessionKit.Silo.Grains;
using SessionKit.Silo.Hosting;
using SessionKit.Silo.Runtime;
using SessionKit.Testing;

namespace SessionKit.Silo.Tests.Cluster;

/// <summary>A gzipped batch crosses the broker once, as the body the client sent; the receiving node gets the same batch back.</summary>
public sealed class AppendBatchCallTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddLogging()
        .AddGrainRuntime()
        .AddGrain<ISessionGrain, SessionGrain>()
        .BuildServiceProvider();

    public static TheoryData<string> RecordingNames => Recordings.All();

    private GrainMessageCodec Codec => new(_services.GetRequiredService<GrainClassRegistry>(), _services.GetRequiredService<GrainInterfaceCatalog>());

    private GrainMethod Append => _services.GetRequiredService<GrainInterfaceCatalog>().Get(typeof(ISessionGrain)).Methods
        .Single(method => method.Method.Name == nameof(ISessionGrain.AppendAsync));

    [Theory]
    [MemberData(nameof(RecordingNames))]
    public void AGzippedBatchCarriesOnlyItsBodyAndComesBackTheSame(string recording)
    {
        var sent = Parse(Body(recording), gzip: true);

        var encoded = Encode(sent);
        var received = Decoded(encoded);

        Assert.Equal(sent.EventsJson.ToArray(), received.EventsJson.ToArray());
        Assert.Equal(ToJson(sent.Layout), ToJson(received.Layout));
        Assert.Equal(ToJson(sent with { EventsJson = default }), ToJson(received with { EventsJson = default }));
        Assert.DoesNotContain(Convert.ToBase64String(sent.EventsJson.Span), Encoding.UTF8.GetString(encoded), StringComparison.Ordinal);
        Assert.True(encoded.Length < Encode(sent with { Received = null }).Length);
    }

    [Fact]
    public void AnUncompressedBatchStillCarriesItsEvents()
    {
        var sent = Parse(Body(Recordings.Names.First()), gzip: false);

        var encoded = Encode(sent);

        Assert.Contains(Convert.ToBase64String(sent.EventsJson.Span), Encoding.UTF8.GetString(encoded), StringComparison.Ordinal);
        Assert.Equal(sent.EventsJson.ToArray(), Decoded(encoded).EventsJson.ToArray());
    }

    [Fact]
    public void ATruncatedOrForeignBodyIsAMalformedCall()
    {
        var sent = Parse(Body(Recordings.Names.First()), gzip: true);

        Assert.Throws<GrainMessageFormatException>(() => Decoded(Encode(sent with { Received = sent.Received![..(sent.Received!.Length / 2)] })));
        Assert.Throws<GrainMessageFormatException>(() => Decoded(Encode(sent with { Received = [1, 2, 3] })));
        Assert.Throws<GrainMessageFormatException>(() => Decoded(Encode(sent with { Received = IngestClientExtensions.Gzip("{\"seq\":7}"u8.ToArray()) })));
        Assert.Throws<GrainMessageFormatException>(() => Decoded(Encode(sent with { Received = IngestClientExtensions.Gzip("not json"u8.ToArray()) })));
    }

    /// <summary>A recording's events as a client could send them, with whitespace around the events ingest slices out.</summary>
    private static byte[] Body(string recording)
    {
        var events = File.ReadAllText(Path.Combine(RepositoryPaths.Recordings, recording)).Trim();
        return Encoding.UTF8.GetBytes("{ \"seq\" : 7,\n  \"events\" : [ \n" + events[1..^1] + " \n ] , \"extra\": {\"a\": [1]} }\n");
    }

    private static AppendBatch Parse(byte[] body, bool gzip) =>
        BatchParser.Parse(body, "p1", gzip ? IngestClientExtensions.Gzip(body) : null).Batch ?? throw new InvalidOperationException("The body did not parse.");

    private byte[] Encode(AppendBatch batch) =>
        Codec.EncodeCall(new GrainMessage(new GrainId(typeof(ISessionGrain), "session-1"), Append, [batch]));

    private AppendBatch Decoded(byte[] call) => (AppendBatch)Codec.DecodeCall(call).Arguments[0]!;

    private static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);
}
