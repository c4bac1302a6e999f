using FilePipeline.Provisioning;

namespace FilePipeline.Cli.Commands;

/// <summary>Prints stack events as they are reported, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class SynchronousProgress(Action<StackEventInfo> report) : IProgress<StackEventInfo>
{
    public void Report(StackEventInfo value) => report(value);
}
