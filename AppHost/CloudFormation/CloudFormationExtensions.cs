using FilePipeline.AppHost.Emulator;
using Microsoft.Extensions.DependencyInjection;

namespace FilePipeline.AppHost.CloudFormation;

/// <summary>
/// The CloudFormation stack in the app model, in the shape of Aspire.Hosting.AWS's <c>CloudFormationExtensions</c>:
/// <c>AddAWSCloudFormationTemplate</c>, <c>WithParameter</c>, <c>GetOutput</c>, <c>WithReference(stack)</c>.
/// </summary>
public static class CloudFormationExtensions
{
    /// <summary>
    /// Adds a stack made from <paramref name="templatePath"/> (relative to the AppHost project). It is provisioned
    /// once what it waits for is healthy, shows Provisioning, then Running (or FailedToStart with the reason), its
    /// CloudFormation events as its console log and its outputs as properties.
    /// </summary>
    public static IResourceBuilder<CloudFormationTemplateResource> AddAWSCloudFormationTemplate(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, string templatePath, string? stackName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var resource = new CloudFormationTemplateResource(name, stackName ?? name, Path.GetFullPath(templatePath, builder.AppHostDirectory));
        builder.Services.AddSingleton<StackProvisioning>();
        builder.Eventing.Subscribe<InitializeResourceEvent>(resource, (e, ct) =>
        {
            // Provisioning runs in the background: initialising the other resources does not wait for it.
            var provisioning = e.Services.GetRequiredService<StackProvisioning>();
            _ = Task.Run(() => provisioning.FirstProvisionAsync(resource, ct), ct);
            return Task.CompletedTask;
        });
        return builder.AddResource(resource)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "CloudFormationTemplate",
                State = KnownResourceStates.NotStarted,
                Properties =
                [
                    new ResourcePropertySnapshot("aws.cloudformation.stack", resource.StackName),
                    new ResourcePropertySnapshot("aws.cloudformation.template", resource.TemplatePath),
                ],
            })
            .ExcludeFromManifest();
    }

    /// <summary>
    /// A template parameter passed to CloudFormation when the stack is created or updated. Provisioning sets the
    /// others (the local ones, the template's defaults); today <c>Routing</c> is the one a caller chooses.
    /// </summary>
    public static IResourceBuilder<CloudFormationTemplateResource> WithParameter(
        this IResourceBuilder<CloudFormationTemplateResource> builder, string parameterName, string parameterValue)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (parameterName != "Routing")
        {
            throw new ArgumentException($"Template parameter '{parameterName}' is not passed by Provisioning's StackProvisioner; only Routing is.", nameof(parameterName));
        }

        builder.Resource.CloudFormationParameters[parameterName] = parameterValue;
        return builder;
    }

    /// <summary>Puts the stack into <paramref name="emulator"/> (waiting for it to be healthy); null: a real AWS account.</summary>
    public static IResourceBuilder<CloudFormationTemplateResource> WithEmulator(
        this IResourceBuilder<CloudFormationTemplateResource> builder, AwsEmulator? emulator)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Emulator = emulator;
        return emulator is null ? builder : builder.WaitFor(emulator.Resource);
    }

    /// <summary>One output of the stack, for <c>WithEnvironment(name, stack.GetOutput("QueueUrl"))</c>.</summary>
    public static StackOutputReference GetOutput(this IResourceBuilder<CloudFormationTemplateResource> builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return new StackOutputReference(name, builder.Resource);
    }

    /// <summary>
    /// The resource waits for the stack and gets every output as <c>AWS__Resources__&lt;OutputKey&gt;</c> (config
    /// <c>AWS:Resources:*</c>), and where the stack lives: the emulator's <c>AWS_ENDPOINT_URL</c>, a region and,
    /// when the environment has no credentials, the placeholders an emulator accepts.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<CloudFormationTemplateResource> stack)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(stack);
        var resource = stack.Resource;
        builder.WaitFor(stack);
        if (resource.Emulator is { } emulator)
        {
            builder.WithEnvironment("AWS_ENDPOINT_URL", emulator.Endpoint)
                .WithEnvironment("AWS_REGION", AwsEmulator.Region);
            if (Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is null && Environment.GetEnvironmentVariable("AWS_PROFILE") is null)
            {
                builder.WithEnvironment("AWS_ACCESS_KEY_ID", "test").WithEnvironment("AWS_SECRET_ACCESS_KEY", "test");
            }
        }

        return builder.WithEnvironment(context =>
        {
            // Evaluated at every start, so a service restarted after the stack was provisioned again gets the new names.
            foreach (var (key, value) in resource.Outputs?.ToEnvironment() ?? new Dictionary<string, string>())
            {
                context.EnvironmentVariables[key] = value;
            }
        });
    }
}
