using System.CommandLine;
using System.Globalization;
using Amazon.S3;
using FilePipeline.Cli.Upload;

namespace FilePipeline.Cli.Commands;

/// <summary><c>upload PATH...</c>: files and folders into the stack's bucket, concurrently, with progress and a final count.</summary>
public static class UploadCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files and folders to upload (folders recursively; keys keep the folder name).",
            Arity = ArgumentArity.OneOrMore,
        };
        var prefix = new Option<string>("--prefix")
        {
            Description = "Key prefix for every uploaded object, e.g. incoming/.",
            DefaultValueFactory = _ => "",
            CustomParser = OptionValues.KeyPrefix,
        };
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "How many files to upload at once (1 to 64).",
            DefaultValueFactory = _ => 8,
            CustomParser = OptionValues.WholeNumber(min: 1, max: 64),
        };
        var command = new Command("upload", "Upload files and folders into the pipeline's bucket; each becomes a record.")
        {
            paths, prefix, concurrency,
        };
        var target = StackTarget.AddOptions(command);
        command.SetAction((result, cancellationToken) => Verb.RunAsync("upload", async () =>
        {
            var items = UploadPlan.Build(result.GetValue(paths)!, result.GetValue(prefix)!);
            var stack = target(result);
            var resources = await stack.ResolveResourcesAsync(cancellationToken);
            using var s3 = stack.CreateS3();
            await EnsureBucketAsync(s3, resources.BucketName, stack.StackName, cancellationToken);

            var progress = new UploadProgress(items.Count, items.Sum(item => item.Size));
            var uploader = new FileUploader(s3, resources.BucketName, result.GetValue(concurrency));
            var uploaded = Console.IsOutputRedirected
                ? await uploader.UploadAsync(items, progress, cancellationToken)
                : await TerminalProgress.RunAsync(progress, () => uploader.UploadAsync(items, progress, cancellationToken));
            foreach (var (item, error) in uploaded.Failed)
            {
                await Console.Error.WriteLineAsync($"failed: {item.Path} -> {item.Key}: {error}");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"uploaded {uploaded.Uploaded} of {items.Count} files ({uploaded.Bytes / 1048576.0:0.0} MiB) to s3://{resources.BucketName}/ in {uploaded.Elapsed.TotalSeconds:0.0} s; {uploaded.Failed.Count} failed"));
            return uploaded.Failed.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }, cancellationToken));
        return command;
    }

    private static async Task EnsureBucketAsync(IAmazonS3 s3, string bucket, string stackName, CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetBucketLocationAsync(bucket, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new StackTargetException($"bucket {bucket} of stack '{stackName}' does not exist: is the AppHost running (or the stack deployed)?", e);
        }
    }
}
