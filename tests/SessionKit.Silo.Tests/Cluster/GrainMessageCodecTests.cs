using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SessionKit.Grains.Live;
using SessionKit.Grains.Sessions;
using SessionKit.Silo.Cluster.Messaging;
using SessionKit.Silo.Grains;
using SessionKit.Silo.Hosting;
using SessionKit.Silo.Runtime;
using SessionKit.Silo.Storage;
using SessionKit.Silo.Tests.Runtime.TestGrains;

namespace SessionKit.Silo.Tests.Cluster;

/// <summary>Every grain call and result crosses between nodes unchanged: nothing may depend on sharing a process.</summary>
public sealed class GrainMessageCodecTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddLogging()
        .AddGrainRuntime()
        .AddGrain<ISessionGrain, SessionGrain>()
        .AddGrain<ICounterGrain, CounterGrain>()
        .BuildServiceProvider();

    private GrainMessageCodec Codec => new(_services.GetRequiredService<GrainClassRegistry>(), _services.GetRequiredService<GrainInterfaceCatalog>());

    public static TheoryData<string, object?[], object?> SessionGrainCalls => new()
    {
        { nameof(ISessionGrain.StartAsync), [new StartSession("p1", "v", "t", "https://a.example/", null, "ua", 800, 600, DateTimeOffset.UnixEpoch.AddDays(20000))],
            new StartSessionResult(StartSessionOutcome.Created, Session()) },
        { nameof(ISessionGrain.AppendAsync), [new AppendBatch("p1", 7, 2, Encoding.UTF8.GetBytes("{\"type\":2},{\"type\":3}"), ["https://a.example/"], 1, 9, 0, new BatchLayout([new TokenRange(3, 5000)], [new TokenRange(0, 10)]))],
            new AppendBatchResult(AppendBatchOutcome.Stored, new LiveDirective(2, 100), TakeFullSnapshot: true) },
        { nameof(ISessionGrain.EndIfInactiveAsync), [DateTimeOffset.UnixEpoch.AddMinutes(5)], null },
        { nameof(ISessionGrain.WatchAsync), [new ViewerLease("node-a", 2, true)],
            new LiveCatchUp("p1", WatchStatus.AwaitingConsent, 41, Encoding.UTF8.GetBytes("{\"type\":4}"), 3) },
        { nameof(ISessionGrain.SetViewersAsync), [new ViewerLease("node-b", 0, false)], null },
        { nameof(ISessionGrain.SetLiveConsentAsync), [true], true },
    };

    [Theory]
    [MemberData(nameof(SessionGrainCalls))]
    public void ASessionGrainCallAndItsResultRoundTrip(string methodName, object?[] arguments, object? result)
    {
        var method = Method(typeof(ISessionGrain), methodName);
        var sent = new GrainMessage(new GrainId(typeof(ISessionGrain), "session-1"), method, arguments);

        var received = Codec.DecodeCall(Codec.EncodeCall(sent));

        Assert.Equal(sent.Target, received.Target);
        Assert.Same(method, received.Method);
        for (var i = 0; i < arguments.Length; i++)
        {
            Assert.Equal(ToJson(arguments[i], method.ParameterTypes[i]), ToJson(received.Arguments[i], method.ParameterTypes[i]));
        }

        var reply = GrainMessageCodec.EncodeResult(method, result ?? Activator.CreateInstance(method.ResultType));
        var decoded = typeof(GrainMessageCodecTests).GetMethod(nameof(Decode), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(method.ResultType).Invoke(null, [reply]);
        Assert.Equal(ToJson(result ?? decoded, method.ResultType), ToJson(decoded, method.ResultType));
    }

    [Fact]
    public void EveryMethodOfTheSessionGrainIsCovered()
    {
        var covered = SessionGrainCalls.Select(row => (string)row[0]).ToHashSet();
        Assert.All(typeof(ISessionGrain).GetMethods(), method => Assert.Contains(method.Name, covered));
    }

    [Fact]
    public void AFailureComesBackAsAnExceptionAndUnavailabilityKeepsItsRetryDelay()
    {
        var failed = GrainMessageCodec.EncodeFailure(new InvalidOperationException("boom"));
        var remote = Assert.Throws<RemoteGrainException>(() => GrainMessageCodec.DecodeReply<int>(failed));
        Assert.Equal(typeof(InvalidOperationException).FullName, remote.RemoteType);
        Assert.Contains("boom", remote.Message, StringComparison.Ordinal);

        var full = GrainMessageCodec.EncodeFailure(new GrainMailboxFullException("T", "k", TimeSpan.FromSeconds(30)));
        var unavailable = Assert.Throws<RemoteServiceUnavailableException>(() => GrainMessageCodec.DecodeReply<int>(full));
        Assert.Equal(TimeSpan.FromSeconds(1), unavailable.RetryAfter);

        Assert.ThrowsAny<OperationCanceledException>(() => GrainMessageCodec.DecodeReply<int>(GrainMessageCodec.EncodeFailure(new TaskCanceledException())));
    }

    [Fact]
    public void ACallForAContractOrMethodThisNodeDoesNotServeIsRefused()
    {
        var sent = Codec.EncodeCall(new GrainMessage(new GrainId(typeof(ICounterGrain), "c"), Method(typeof(ICounterGrain), nameof(ICounterGrain.AddAsync)), [5]));
        var otherContract = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(sent).Replace(typeof(ICounterGrain).FullName!, "Evil.IGrain", StringComparison.Ordinal));
        Assert.Throws<GrainMessageFormatException>(() => Codec.DecodeCall(otherContract));
        var otherMethod = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(sent).Replace("AddAsync", "DropAsync", StringComparison.Ordinal));
        Assert.Throws<GrainMessageFormatException>(() => Codec.DecodeCall(otherMethod));
        Assert.Throws<GrainMessageFormatException>(() => Codec.DecodeCall("not json"u8));
        Assert.Equal(5, Codec.DecodeCall(sent).Arguments[0]);
    }

    private GrainMethod Method(Type contract, string name) =>
        _services.GetRequiredService<GrainInterfaceCatalog>().Get(contract).Methods.Single(method => method.Method.Name == name);

    private static object? Decode<TResult>(byte[] reply) => GrainMessageCodec.DecodeReply<TResult>(reply);

    private static string ToJson(object? value, Type type) => JsonSerializer.Serialize(value, type, Json);

    private static SessionRecord Session() => new()
    {
        Id = "session-1",
        ProjectId = "p1",
        StartedAt = DateTimeOffset.UnixEpoch.AddDays(20000),
        LastActivityAt = DateTimeOffset.UnixEpoch.AddDays(20000),
        Pages = ["https://a.example/"],
        SeqsAboveFloor = [4, 6],
        SeqHoles = [new SeqRange(1, 2)],
        LiveConsentGranted = false,
    };
}
