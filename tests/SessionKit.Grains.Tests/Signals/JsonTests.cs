using System.Text;
using System.Text.Json;
using SessionKit.Grains.Signals;

namespace SessionKit.Grains.Tests.Signals;

public sealed class JsonTests
{
    [Theory]
    [InlineData("42", 42, 42L)]
    [InlineData("-7", -7, -7L)]
    [InlineData("1.6", 2, 2L)]
    [InlineData("2.5e1", 25, 25L)]
    [InlineData("1e3", 1000, 1000L)]
    [InlineData("3000000000", null, 3000000000L)]
    [InlineData("1700000000123", null, 1700000000123L)]
    [InlineData("1e30", null, null)]
    [InlineData("\"12\"", null, null)]
    [InlineData("null", null, null)]
    public void ANumberReadsTheSameFromAReaderAndFromAnElement(string json, int? expectedInt, long? expectedLong)
    {
        using var document = JsonDocument.Parse($"{{\"n\":{json}}}");
        var element = document.RootElement;

        Assert.Equal(expectedInt, Json.Int(element, "n"));
        Assert.Equal(expectedInt, Json.Int(element, "n"u8));
        Assert.Equal(expectedLong, Json.Long(element, "n"));
        Assert.Equal(expectedInt, OnReader(json, (ref Utf8JsonReader reader) => Json.Int(ref reader)));
        Assert.Equal(expectedLong, OnReader(json, (ref Utf8JsonReader reader) => Json.Long(ref reader)));
    }

    private delegate T? ReadValue<T>(ref Utf8JsonReader reader)
        where T : struct;

    /// <summary>Reads the value with the reader on it, then checks the reader ended on it (a skipped value included).</summary>
    private static T? OnReader<T>(string json, ReadValue<T> read)
        where T : struct
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes($"[{json},0]"));
        reader.Read();
        reader.Read();
        var value = read(ref reader);
        Assert.True(reader.Read());
        Assert.Equal(0, reader.GetInt32());
        return value;
    }
}
