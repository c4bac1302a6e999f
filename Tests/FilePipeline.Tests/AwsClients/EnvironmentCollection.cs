namespace FilePipeline.Tests.AwsClients;

/// <summary>Tests that set process environment variables run alone (no other test runs beside them).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Process environment";
}
