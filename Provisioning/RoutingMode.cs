namespace FilePipeline.Provisioning;

/// <summary>How bucket events reach the queue: the template's <c>Routing</c> parameter.</summary>
public enum RoutingMode
{
    /// <summary>S3 event notifications straight to SQS.</summary>
    Direct,

    /// <summary>S3 to an SNS topic, the queue subscribed (other subscribers can be added).</summary>
    Sns,

    /// <summary>S3 to EventBridge, a rule (with key prefix/suffix filters) targeting the queue.</summary>
    EventBridge,
}
