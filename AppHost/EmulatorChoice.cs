using System.Diagnostics.CodeAnalysis;

namespace FilePipeline.AppHost;

/// <summary>Where AWS is for this run: moto_server started by the AppHost, an emulator that already runs, or a real account.</summary>
public sealed record EmulatorChoice(EmulatorKind Kind, Uri? Url)
{
    public static EmulatorChoice Moto { get; } = new(EmulatorKind.Moto, null);

    public static EmulatorChoice None { get; } = new(EmulatorKind.None, null);

    public static bool TryParse(string text, [NotNullWhen(true)] out EmulatorChoice? choice)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        choice = value.ToLowerInvariant() switch
        {
            "moto" => Moto,
            "none" or "aws" => None,
            _ when Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" => new EmulatorChoice(EmulatorKind.External, url),
            _ => null,
        };
        return choice is not null;
    }
}

public enum EmulatorKind
{
    /// <summary>The AppHost starts moto_server and restarts it when it dies.</summary>
    Moto,

    /// <summary>An emulator that already runs (LocalStack, a moto started elsewhere): nothing is started.</summary>
    External,

    /// <summary>No emulator: the stack goes into the AWS account of the SDK's credential chain.</summary>
    None,
}
