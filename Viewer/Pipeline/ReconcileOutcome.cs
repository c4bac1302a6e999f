using FilePipeline.Operations;

namespace FilePipeline.Viewer.Pipeline;

/// <summary>What a reconcile started from the viewer found under <see cref="Prefix"/> and enqueued, in figures and in words.</summary>
public sealed record ReconcileOutcome(string Prefix, ReconcileResult Counts, string Message);
