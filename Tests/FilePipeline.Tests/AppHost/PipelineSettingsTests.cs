using FilePipeline.AppHost;
using FilePipeline.Provisioning;
using Microsoft.Extensions.Configuration;

namespace FilePipeline.Tests.AppHost;

/// <summary>The AppHost's own settings: defaults, switches, and one line naming the setting for each bad value.</summary>
public sealed class PipelineSettingsTests
{
    [Fact]
    public void Defaults_are_two_processors_direct_routing_and_moto_on_its_well_known_port()
    {
        Assert.True(PipelineSettings.TryRead(Configuration(), ["--emulator", "http://localhost:4566"], out var settings, out var problem), problem);
        Assert.Equal(2, settings.Processors);
        Assert.Equal(RoutingMode.Direct, settings.Routing);
        Assert.Equal("file-pipeline", settings.StackName);
        Assert.Equal(EmulatorKind.External, settings.Emulator.Kind);
        Assert.Equal(PipelineSettings.DefaultMotoPort, settings.EmulatorPort);
    }

    [Fact]
    public void Switches_and_configuration_set_the_same_settings()
    {
        Assert.True(PipelineSettings.TryRead(Configuration(("Pipeline:Routing", "Sns")), ["--processors", "4", "--stack=other", "--emulator", "none"], out var settings, out var problem), problem);
        Assert.Equal(4, settings.Processors);
        Assert.Equal(RoutingMode.Sns, settings.Routing);
        Assert.Equal("other", settings.StackName);
        Assert.Equal(EmulatorKind.None, settings.Emulator.Kind);
    }

    [Theory]
    [InlineData("--processors", "abc", "--processors (Pipeline:Processors): 'abc' is not a number of processors from 1 to 32.")]
    [InlineData("--processors", "0", "--processors (Pipeline:Processors): '0' is not a number of processors from 1 to 32.")]
    [InlineData("--processors", "33", "--processors (Pipeline:Processors): '33' is not a number of processors from 1 to 32.")]
    [InlineData("--routing", "Kafka", "--routing (Pipeline:Routing): 'Kafka' is not one of Direct, Sns, EventBridge.")]
    [InlineData("--routing", "1", "--routing (Pipeline:Routing): '1' is not one of Direct, Sns, EventBridge.")]
    [InlineData("--emulator", "ftp://x", "--emulator (Pipeline:Emulator): 'ftp://x' is not 'moto' (start moto_server), an http(s) URL of an emulator that already runs, or 'none' (a real AWS account).")]
    [InlineData("--emulator-port", "http", "--emulator-port (Pipeline:EmulatorPort): 'http' is not a TCP port (0 for any free port).")]
    public void A_bad_value_is_one_line_naming_the_setting(string name, string value, string expected)
    {
        Assert.False(PipelineSettings.TryRead(Configuration(), ["--emulator", "none", name, value], out _, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void A_stack_name_that_cannot_name_the_bucket_is_refused()
    {
        Assert.False(PipelineSettings.TryRead(Configuration(), ["--emulator", "none", "--stack", "Has_Upper"], out _, out var problem));
        Assert.StartsWith("--stack (Pipeline:StackName): Stack name 'Has_Upper' is not usable", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_apphost_given_processors_abc_says_so_in_one_line_and_exits_2()
    {
        var (exitCode, output) = await AppHostProcess.RunAsync(["--processors", "abc"], TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.Equal(2, exitCode);
        Assert.Equal("--processors (Pipeline:Processors): 'abc' is not a number of processors from 1 to 32.", Assert.Single(output));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
