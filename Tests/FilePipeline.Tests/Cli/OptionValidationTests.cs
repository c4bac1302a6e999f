using System.CommandLine;
using System.CommandLine.Help;
using System.IO.Compression;
using FilePipeline.Cli;

namespace FilePipeline.Tests.Cli;

/// <summary>
/// Every option of every verb of the real command line, given a bad value: one line naming the option, exit 2,
/// nothing touched. The options come from the command tree itself, so an option added without a bad value here
/// (or without validation) fails this test.
/// </summary>
public sealed class OptionValidationTests : IDisposable
{
    private const string TextFile = "{text file}";

    private static readonly TimeSpan VerbTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A closed port: should a bad value get past the parser, the verb fails fast instead of reaching anything.</summary>
    private const string NowhereEndpoint = "http://127.0.0.1:9";

    private static readonly Dictionary<string, string[]> BadValues = new(StringComparer.Ordinal)
    {
        ["--stack"] = ["Upper_Case"],
        ["--endpoint"] = ["localhost:4566", "ftp://127.0.0.1/"],
        ["--region"] = ["Mars"],
        ["--prefix"] = [new string('k', 1025)],
        ["--concurrency"] = ["abc", "0", "65"],
        ["--max"] = ["abc", "0", "99999999999"],
        ["--routing"] = ["Carrier-pigeon"],
        ["--package"] = ["/nonexistent/bootstrap.zip", TextFile],
        ["--source"] = ["/nonexistent/repository"],
        ["--architecture"] = ["sparc"],
        ["--artifacts-bucket"] = ["Not_A_Bucket"],
        ["--existing-bucket"] = ["Not_A_Bucket"],
        ["--parameter"] = ["NoEquals", "=1"],
        ["--yes"] = ["maybe"],
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("cli-options-").FullName;

    public static TheoryData<string, string, string?> EveryOption()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var verb in OperatorCli.Create().Subcommands)
        {
            foreach (var option in verb.Options.Where(o => o is not (HelpOption or VersionOption)))
            {
                if (!BadValues.TryGetValue(option.Name, out var values))
                {
                    data.Add(verb.Name, option.Name, null);
                    continue;
                }

                foreach (var value in values)
                {
                    data.Add(verb.Name, option.Name, value);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryOption))]
    public async Task A_bad_option_value_gives_one_line_naming_the_option_and_exit_2(string verb, string option, string? badValue)
    {
        var ct = TestContext.Current.CancellationToken;
        if (badValue is null)
        {
            Assert.Fail($"{verb} {option} has no bad value in {nameof(BadValues)}: add one (and validate the option)");
        }

        var text = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(text, "hello");
        var value = badValue == TextFile ? text : badValue;
        var isFlag = OperatorCli.Create().Subcommands.Single(c => c.Name == verb).Options.Single(o => o.Name == option) is Option<bool>;

        List<string> arguments = [verb];
        if (verb == "upload")
        {
            arguments.Add(text);
        }

        arguments.AddRange(isFlag ? [$"{option}={value}"] : [option, value]);
        arguments.AddRange(SafetyArguments(verb, option));
        var (exitCode, output) = await CliProcess.RunAsync(arguments, VerbTimeout, ct, new Dictionary<string, string>
        {
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        });

        var line = Assert.Single(output, l => l.Length > 0);
        Assert.True(exitCode == ExitCodes.Usage, $"exit {exitCode}: {string.Join('\n', output)}");
        Assert.StartsWith(option + ":", line, StringComparison.Ordinal);
        Assert.EndsWith($"(see {verb} --help)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_bad_values_are_reported_together_on_one_line()
    {
        var ct = TestContext.Current.CancellationToken;

        var (exitCode, output) = await CliProcess.RunAsync(["redrive", "--max", "none", "--region", "Mars", "--endpoint", NowhereEndpoint], VerbTimeout, ct);

        Assert.Equal(ExitCodes.Usage, exitCode);
        var line = Assert.Single(output, l => l.Length > 0);
        Assert.Contains("--max: 'none' is not a whole number of 1 or more", line, StringComparison.Ordinal);
        Assert.Contains("--region: 'Mars' is not an AWS region name", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_AWS_ENDPOINT_URL_is_a_usage_error_naming_the_variable()
    {
        var ct = TestContext.Current.CancellationToken;

        var (exitCode, output) = await CliProcess.RunAsync(["status"], VerbTimeout, ct, new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "not a url" });

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal("AWS_ENDPOINT_URL 'not a url' is not an absolute http:// or https:// URL.", Assert.Single(output, l => l.Length > 0));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>What keeps a verb whose bad value were accepted from doing anything: no endpoint, a package, a confirmation.</summary>
    private IEnumerable<string> SafetyArguments(string verb, string option)
    {
        if (option != "--endpoint")
        {
            yield return "--endpoint";
            yield return NowhereEndpoint;
        }

        if (verb == "deploy" && option != "--package")
        {
            var package = Path.Combine(_folder, "package.zip");
            using (var zip = ZipFile.Open(package, ZipArchiveMode.Create))
            {
                zip.CreateEntry("bootstrap");
            }

            yield return "--package";
            yield return package;
        }

        if (verb == "destroy" && option != "--yes")
        {
            yield return "--yes"; // without it destroy exits 2 whatever the other options say
        }
    }
}
