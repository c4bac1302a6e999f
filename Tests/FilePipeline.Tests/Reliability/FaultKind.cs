namespace FilePipeline.Tests.Reliability;

/// <summary>What the fault proxy does to a request it picks.</summary>
public enum FaultKind
{
    /// <summary>Answers 500 with the service's error shape, without forwarding.</summary>
    ServerError,

    /// <summary>Answers with the service's throttling error (S3 503 SlowDown, JSON-protocol ThrottlingException).</summary>
    Throttle,

    /// <summary>Forwards the request after an added delay.</summary>
    Latency,

    /// <summary>Drops the connection without an answer.</summary>
    DropConnection,
}
