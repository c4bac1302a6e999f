using FilePipeline.AppHost.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FilePipeline.AppHost.Emulator;

public static class AwsEmulatorExtensions
{
    /// <summary>
    /// Adds the emulator: <c>moto_server</c> as an executable on <paramref name="port"/> (null: any free port),
    /// healthy once <c>/moto-api/</c> answers; or an endpoint that already runs (nothing started, healthy once it
    /// answers HTTP); or nothing for a real AWS account (returns null).
    /// </summary>
    public static AwsEmulator? AddAwsEmulator(this IDistributedApplicationBuilder builder, [ResourceName] string name, EmulatorChoice choice, int? port)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(choice);
        switch (choice.Kind)
        {
            case EmulatorKind.Moto:
                var moto = builder.AddExecutable(name, "moto_server", builder.AppHostDirectory, "-H", "127.0.0.1")
                    .WithHttpEndpoint(port: port, name: "http")
                    .WithPromptHttpHealthCheck("/moto-api/");
                var http = moto.GetEndpoint("http");
                moto.WithArgs(context =>
                {
                    // DCP picks the port behind its proxy; moto_server is told which one.
                    context.Args.Add("-p");
                    context.Args.Add(http.Property(EndpointProperty.TargetPort));
                });
                return new AwsEmulator(moto, ReferenceExpression.Create($"{http}"), startedByAppHost: true);

            case EmulatorKind.External:
                var url = choice.Url!;
                var healthKey = $"{name}_answers";
                builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthKey, _ => new EndpointAnswers(url), null, null));
                var external = builder.AddExternalService(name, url.ToString()).WithHealthCheck(healthKey);
                return new AwsEmulator(external, ReferenceExpression.Create($"{url.ToString().TrimEnd('/')}"), startedByAppHost: false);

            default:
                return null;
        }
    }
}
