using System.CommandLine;
using FilePipeline.Provisioning;

namespace FilePipeline.AppHost.Commands;

/// <summary>
/// <c>deploy</c>: build the Lambda package, upload it, create or update the stack in AWS through a change
/// set (stack events as progress) and print the outputs. Exit codes: 0 deployed, 1 failed, 2 bad input or
/// missing region/credentials, 130 interrupted.
/// </summary>
public static class DeployCommand
{
    public static Command Create()
    {
        var stack = new Option<string>("--stack") { Description = "Stack name (lower case; it also names the bucket).", DefaultValueFactory = _ => "file-pipeline" };
        var routing = new Option<RoutingMode>("--routing") { Description = "How bucket events reach the queue.", DefaultValueFactory = _ => RoutingMode.Direct };
        var package = new Option<FileInfo?>("--package") { Description = "A prebuilt bootstrap zip. Default: publish the processor and zip it." };
        var project = new Option<string>("--processor-project") { Description = "The processor project to publish.", DefaultValueFactory = _ => Path.Combine("Processor", "Processor.csproj") };
        var architecture = new Option<string>("--architecture") { Description = "Lambda architecture.", DefaultValueFactory = _ => "x86_64" };
        architecture.AcceptOnlyFromAmong("x86_64", "arm64");
        var artifacts = new Option<string?>("--artifacts-bucket") { Description = "Bucket for the package. Default: <stack>-artifacts-<account>, created when absent." };
        var parameters = new Option<string[]>("--parameter") { Description = "A template parameter as Key=Value (repeatable), e.g. MaxReceiveCount=8." };

        var command = new Command("deploy", "Deploy the stack (infra/filepipeline.yaml) to AWS with the processor as a Lambda function.")
        {
            stack, routing, package, project, architecture, artifacts, parameters,
        };
        command.SetAction((result, ct) => StackVerb.RunAsync(async () =>
        {
            var extra = ParseParameters(result.GetValue(parameters) ?? []);
            using var provisioner = StackProvisioner.FromEnvironment();
            var zip = result.GetValue(package)?.FullName;
            string? built = null;
            if (zip is null)
            {
                built = Path.Combine(Path.GetTempPath(), $"filepipeline-bootstrap-{Guid.NewGuid():N}.zip");
                await LambdaPackage.BuildAsync(result.GetValue(project)!, result.GetValue(architecture)!, built, [], Console.Out, ct);
                zip = built;
            }

            try
            {
                var outputs = await provisioner.DeployAsync(new DeployOptions
                {
                    StackName = result.GetValue(stack)!,
                    Routing = result.GetValue(routing),
                    PackagePath = zip,
                    Architecture = result.GetValue(architecture)!,
                    ArtifactsBucket = result.GetValue(artifacts),
                    Parameters = extra,
                }, new Progress<StackEventInfo>(e => Console.WriteLine(e)), ct);

                Console.WriteLine($"Stack {outputs.StackName} deployed. Outputs:");
                foreach (var (key, value) in outputs.All.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    Console.WriteLine($"  {key,-20} {value}");
                }

                return 0;
            }
            finally
            {
                if (built is not null)
                {
                    File.Delete(built);
                }
            }
        }, ct));
        return command;
    }

    private static Dictionary<string, string> ParseParameters(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--parameter '{pair}' is not Key=Value.");
            }

            result[pair[..equals]] = pair[(equals + 1)..];
        }

        return result;
    }
}
