using SessionKit.Bench;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

// Enough threads at once for the first burst of 1,000 connections, rather than the pool's slow ramp-up.
ThreadPool.GetMinThreads(out var workers, out var io);
ThreadPool.SetMinThreads(Math.Max(workers, 32), io);

return await BenchCommands.RunAsync(args, cancel.Token);
