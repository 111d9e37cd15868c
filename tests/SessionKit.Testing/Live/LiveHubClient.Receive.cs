using System.Net.WebSockets;

namespace SessionKit.Testing.Live;

public sealed partial class LiveHubClient
{
    private const int ReceiveChunkBytes = 16 * 1024;

    /// <summary>
    /// Reads until the socket closes: the first record is the handshake response, every later one
    /// a hub message. Frames are only a transport detail; records are cut at the separator.
    /// </summary>
    private async Task ReceiveLoopAsync()
    {
        var buffer = new RecordSeparatedBuffer();
        var handshakeDone = false;
        string? closeError = null;
        Exception? failure = null;
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.GetMemory(ReceiveChunkBytes), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await ReplyToCloseAsync();
                    break;
                }

                buffer.Advance(result.Count);
                foreach (var record in buffer.TakeRecords())
                {
                    if (!handshakeDone)
                    {
                        handshakeDone = true;
                        AcceptHandshake(record);
                        continue;
                    }

                    closeError = await DispatchAsync(HubProtocol.ReadMessage(record)) ?? closeError;
                }
            }
        }
#pragma warning disable CA1031 // Whatever ends the loop is reported to every waiter below.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            failure = exception;
        }
        finally
        {
            Terminate(closeError, failure);
        }
    }

    private void AcceptHandshake(byte[] record)
    {
        var error = HubProtocol.ReadHandshakeResponse(record);
        if (error is not null)
        {
            throw new LiveHubException($"The server refused the handshake: {error}");
        }

        _handshake.TrySetResult();
    }

    /// <summary>Handles one message; returns the error of a Close message.</summary>
    private async Task<string?> DispatchAsync(HubMessage message)
    {
        switch (message)
        {
            case InvocationMessage invocation:
                _recorder.Record(invocation.Target, invocation.Arguments);
                if (invocation.InvocationId is { } id)
                {
                    // The server awaits a client result; this client offers none, so say so rather than hang it.
                    await SendRawAsync(
                        HubProtocol.WriteCompletionError(id, "LiveHubClient does not return client results."),
                        CancellationToken.None);
                }

                return null;
            case CompletionMessage completion when _pending.TryRemove(completion.InvocationId, out var pending):
                if (completion.Error is { } error)
                {
                    pending.Completion.TrySetException(new LiveHubException(error));
                }
                else
                {
                    pending.Completion.TrySetResult(completion.Result);
                }

                return null;
            case CloseMessage close:
                return close.Error ?? string.Empty;
            default:
                // Pings, stream items and unknown completions need no answer.
                return null;
        }
    }

    private async Task ReplyToCloseAsync()
    {
        try
        {
            await CloseOutputAsync();
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The close handshake is a courtesy; the connection is over either way.
        }
    }

    private void Terminate(string? closeError, Exception? failure)
    {
        _terminated = true;
        var reason = closeError is { Length: > 0 }
            ? $"the server closed the connection: {closeError}"
            : failure is not null ? $"{failure.GetType().Name}: {failure.Message}" : "the connection closed";
        var exception = failure as LiveHubException ?? new LiveHubException($"The connection ended ({reason}).", failure);
        _handshake.TrySetException(exception);

        foreach (var (id, pending) in _pending)
        {
            if (_pending.TryRemove(id, out _))
            {
                pending.Completion.TrySetException(
                    new LiveHubException($"The connection ended before '{pending.Method}' completed ({reason}).", exception));
            }
        }

        _recorder.Close(exception);
        _closed.TrySetResult(closeError is { Length: > 0 } ? closeError : null);
    }
}
