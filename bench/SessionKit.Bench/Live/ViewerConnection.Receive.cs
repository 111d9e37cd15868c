using System.Net.WebSockets;
using System.Text.Json;
using SessionKit.Bench.Measurement;

namespace SessionKit.Bench.Live;

/// <summary>The receiving side: records cut at the protocol's separator, read in place, numbers kept.</summary>
internal sealed partial class ViewerConnection
{
    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var result = await _socket.ReceiveAsync(buffer.AsMemory(filled), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var receivedAt = UnixTime.NowPrecise();
                filled += result.Count;
                var consumed = 0;
                int end;
                while ((end = Array.IndexOf(buffer, Separator, consumed, filled - consumed)) >= 0)
                {
                    Dispatch(buffer.AsMemory(consumed, end - consumed), receivedAt);
                    consumed = end + 1;
                }

                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
            }
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            if (!_stopping.IsCancellationRequested)
            {
                Stats.ConnectionError ??= exception.Message;
            }
        }
        finally
        {
            var closed = new InvalidOperationException($"The connection of the viewer of {SessionId} ended ({Stats.ConnectionError ?? "closed"}).");
            _handshake.TrySetException(closed);
            _catchUp.TrySetException(closed);
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(closed);
            }
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> record, double receivedAt)
    {
        using var document = JsonDocument.Parse(record);
        var root = document.RootElement;
        if (!_handshake.Task.IsCompleted)
        {
            if (root.TryGetProperty("error", out var refused))
            {
                _handshake.TrySetException(new InvalidOperationException($"Handshake refused: {refused}"));
            }
            else
            {
                _handshake.TrySetResult();
            }

            return;
        }

        switch (root.GetProperty("type").GetInt32())
        {
            case 1 when root.GetProperty("target").ValueEquals("SessionEvents"):
                OnSessionEvents(root.GetProperty("arguments")[1], receivedAt);
                break;
            case 1:
                Stats.OtherMessages++;
                break;
            case 3 when _pending.TryRemove(root.GetProperty("invocationId").GetString()!, out var pending):
                if (root.TryGetProperty("error", out var error))
                {
                    pending.TrySetException(new InvalidOperationException($"Hub error: {error.GetString()}"));
                }
                else
                {
                    pending.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : null);
                }

                break;
            case 7 when !_stopping.IsCancellationRequested:
                Stats.ConnectionError ??= root.TryGetProperty("error", out var reason)
                    ? $"the server closed the connection: {reason}"
                    : $"the server closed the connection without an error, {(UnixTime.NowMilliseconds() < _window.End ? "before the end of the measure window" : "after the measure window")}";
                break;
        }
    }

    private void OnSessionEvents(JsonElement batch, double receivedAt)
    {
        var seq = batch.GetProperty("seq").GetInt64();
        var events = batch.GetProperty("events");
        Stats.Messages++;
        if (_lastSeq is not { } last)
        {
            _lastSeq = seq;
            Stats.CatchUpHadSnapshot = events.EnumerateArray().Any(e => e.GetProperty("type").GetInt32() == 2);
            _catchUp.TrySetResult();
            return;
        }

        if (seq <= last)
        {
            Stats.Duplicates++;
            return;
        }

        Stats.Gaps += seq - last - 1;
        _lastSeq = seq;
        foreach (var recorded in events.EnumerateArray())
        {
            Stats.Events++;
            var timestamp = recorded.GetProperty("timestamp").GetInt64();
            if (_window.Contains(timestamp))
            {
                Latencies.Add(new LatencySample(timestamp, receivedAt - timestamp));
                Interlocked.Increment(ref _measuredEvents);
            }
        }
    }
}
