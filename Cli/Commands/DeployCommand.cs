using System.CommandLine;
using FilePipeline.Provisioning;

namespace FilePipeline.Cli.Commands;

/// <summary>
/// <c>deploy</c>: build the Lambda package (or take <c>--package</c>), upload it to the artifacts bucket, create
/// or update the stack from infra/filepipeline.yaml through a change set (stack events as progress) and print
/// the outputs. Exit codes as every verb (<see cref="ExitCodes"/>): 0 deployed, 1 the deploy or build failed,
/// 2 bad arguments, 3 no region/credentials or the endpoint unreachable, 130 interrupted.
/// </summary>
public static class DeployCommand
{
    public static Command Create()
    {
        var routing = new Option<RoutingMode>("--routing")
        {
            Description = "How bucket events reach the queue: Direct, Sns or EventBridge.",
            DefaultValueFactory = _ => RoutingMode.Direct,
            CustomParser = OptionValues.OneOf(OptionValues.EnumValues<RoutingMode>()),
        };
        var package = new Option<FileInfo?>("--package")
        {
            Description = "A prebuilt package (a zip holding bootstrap) to deploy as is. Default: build it with "
                + LambdaPackage.ScriptPath + " (else dotnet publish of the processor).",
            CustomParser = OptionValues.LambdaPackage,
        };
        var source = new Option<DirectoryInfo?>("--source")
        {
            Description = "The repository to build the package from. Default: the one holding the current directory or this program.",
            CustomParser = OptionValues.ExistingDirectory,
        };
        var architecture = new Option<string>("--architecture")
        {
            Description = "Lambda architecture: x86_64 or arm64.",
            DefaultValueFactory = _ => "x86_64",
            CustomParser = OptionValues.OneOf(("x86_64", "x86_64"), ("arm64", "arm64")),
        };
        var artifacts = new Option<string?>("--artifacts-bucket")
        {
            Description = "Bucket for the package. Default: <stack>-artifacts-<account>, created when absent.",
            CustomParser = OptionValues.BucketName,
        };
        var parameters = new Option<string[]>("--parameter")
        {
            Description = "A template parameter as Key=Value (repeatable), e.g. MaxReceiveCount=8 or FunctionTimeout=120.",
            CustomParser = OptionValues.TemplateParameters,
        };
        var existingBucket = new Option<string?>("--existing-bucket")
        {
            Description = "Attach the pipeline to this existing bucket instead of creating one: only the pipeline's notification entry is added "
                + "(other consumers' kept), and destroy leaves the bucket and its objects alone. Narrow it with --parameter KeyPrefix=... / KeySuffix=...",
            CustomParser = OptionValues.BucketName,
        };

        var command = new Command("deploy", "Deploy the stack (infra/filepipeline.yaml) to AWS with the processor as a Lambda function.")
        {
            routing, package, source, architecture, artifacts, parameters, existingBucket,
        };
        var target = StackTarget.AddOptions(command);
        command.SetAction((result, ct) => Verb.RunAsync("deploy", async () =>
        {
            var stack = target(result);
            StackTemplate.ValidateStackName(stack.StackName);
            var extra = ParseParameters(result.GetValue(parameters) ?? []);
            using var provisioner = new StackProvisioner(stack.Settings());
            var zip = result.GetValue(package)?.FullName;
            string? built = null;
            if (zip is null)
            {
                var root = result.GetValue(source)?.FullName
                    ?? LambdaPackage.FindRepositoryRoot(Environment.CurrentDirectory)
                    ?? LambdaPackage.FindRepositoryRoot(AppContext.BaseDirectory)
                    ?? throw new UsageException("Cannot find the repository to build the package from: pass --source DIR or --package ZIP.");
                built = Path.Combine(Path.GetTempPath(), $"filepipeline-bootstrap-{Guid.NewGuid():N}.zip");
                await LambdaPackage.BuildAsync(root, result.GetValue(architecture)!, built, Console.Out, ct);
                zip = built;
            }

            try
            {
                var outputs = await provisioner.DeployAsync(new DeployOptions
                {
                    StackName = stack.StackName,
                    Routing = result.GetValue(routing),
                    PackagePath = zip,
                    Architecture = result.GetValue(architecture)!,
                    ArtifactsBucket = result.GetValue(artifacts),
                    ExistingBucket = result.GetValue(existingBucket),
                    Parameters = extra,
                }, new SynchronousProgress(e => Console.WriteLine(e)), ct);

                Console.WriteLine($"stack {outputs.StackName} deployed; outputs:");
                foreach (var (key, value) in outputs.All.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    Console.WriteLine($"  {key,-20} {value}");
                }

                return ExitCodes.Success;
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

    /// <summary>The <c>--parameter</c> values (each checked as Key=Value by <see cref="OptionValues.TemplateParameters"/>); the last of a key wins.</summary>
    private static Dictionary<string, string> ParseParameters(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            result[pair[..equals]] = pair[(equals + 1)..];
        }

        return result;
    }
}
