using FilePipeline.Emulator;

// Placeholder front door until the AppHost issue lands: start (or attach to) the emulator and wait.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    await using var emulator = await EmulatorEndpoint.StartOrAttachAsync(cancellationToken: stop.Token);
    Console.WriteLine($"emulator: {emulator.Url} ({(emulator.IsOwned ? "started" : "attached")}); Ctrl+C to stop");
    await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
    return 0;
}
catch (EmulatorNotFoundException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
