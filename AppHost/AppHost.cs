using FilePipeline.AppHost;
using FilePipeline.AppHost.CloudFormation;
using FilePipeline.AppHost.Commands;
using FilePipeline.AppHost.Emulator;
using FilePipeline.AppHost.Health;
using FilePipeline.AppHost.Launch;
using FilePipeline.AppHost.Supervision;

var builder = DistributedApplication.CreateBuilder(args);
if (!PipelineSettings.TryRead(builder.Configuration, args, out var settings, out var problem))
{
    Console.Error.WriteLine(problem);
    return 2;
}

// moto_server as an executable with a health check; or an endpoint that already runs (LocalStack); or none: a real account.
var emulator = builder.AddAwsEmulator("emulator", settings.Emulator, settings.EmulatorPort);

// infra/filepipeline.yaml, provisioned into the emulator (or the account) once it is healthy; its outputs reach
// every service that references it as AWS__Resources__<OutputKey>.
var stack = builder.AddAWSCloudFormationTemplate("stack", "../infra/filepipeline.yaml", settings.StackName)
    .WithParameter("Routing", settings.Routing.ToString())
    .WithEmulator(emulator)
    .WithPipelineCommands();

var processor = builder.AddProject<Projects.Processor>("processor")
    .WithReplicas(settings.Processors)
    .WithBuildOutputLaunch()
    .WithHttpEndpoint()
    .WithPromptHttpHealthCheck("/health")
    .WithReference(stack)
    .WithEnvironment("Processor__VisibilityTimeoutSeconds", "15") // what a crashed replica held is redelivered after 15 s
    .WithEnvironment("OTEL_EXPORTER_OTLP_TIMEOUT", "1000")        // the last flush at shutdown must not outlive the dashboard
    .WithRestartOnCrash();

var viewer = builder.AddProject<Projects.Viewer>("viewer")
    .WithBuildOutputLaunch()
    .WithHttpEndpoint()
    .WithPromptHttpHealthCheck("/health")
    .WithReference(stack)
    .WithEnvironment("OTEL_EXPORTER_OTLP_TIMEOUT", "1000")
    .WithDashboardTraceLinks();

emulator?.WithRecovery(stack, processor, viewer);
builder.AddReadySummary(settings, emulator, stack, processor, viewer);

builder.Build().Run();
return 0;
