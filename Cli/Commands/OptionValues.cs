using System.CommandLine.Parsing;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using FilePipeline.Provisioning;

namespace FilePipeline.Cli.Commands;

/// <summary>
/// The parsers of the verbs' option values (set as an option's <c>CustomParser</c>): each accepts what the verb can
/// act on and otherwise adds one parse error that names the option, the value and what it should be
/// (<c>--max: 'abc' is not a whole number of 1 or more</c>), so a bad value ends in that line and
/// <see cref="ExitCodes.Usage"/> before anything is touched.
/// </summary>
public static partial class OptionValues
{
    private const int MaxKeyBytes = 1024;

    public static Func<ArgumentResult, int> WholeNumber(int min, int max = int.MaxValue) => result =>
        Check<int>(result, token => int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? (null, n)
            : (max == int.MaxValue ? $"is not a whole number of {min} or more" : $"is not a whole number from {min} to {max}", 0));

    public static Func<ArgumentResult, int?> OptionalWholeNumber(int min) => result => WholeNumber(min)(result);

    /// <summary>One of <paramref name="values"/>, by name, ignoring case.</summary>
    public static Func<ArgumentResult, T> OneOf<T>(params (string Name, T Value)[] values) => result =>
        Check<T>(result, token => values.FirstOrDefault(v => string.Equals(v.Name, token, StringComparison.OrdinalIgnoreCase)) is { Name: not null } match
            ? (null, match.Value)
            : ($"is not one of {string.Join(", ", values.Select(v => v.Name))}", default!));

    public static (string Name, T Value)[] EnumValues<T>() where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(value => (value.ToString(), value))];

    /// <summary><c>true</c> or <c>false</c> for a flag given a value (<c>--yes=maybe</c>); the flag alone means true.</summary>
    public static bool Flag(ArgumentResult result) =>
        result.Tokens.Count == 0 || Check(result, token => bool.TryParse(token, out var value)
            ? (null, value)
            : ("is not true or false (the flag alone means true)", false));

    /// <summary>A stack name our deploy accepts (<see cref="StackTemplate.ValidateStackName"/>: it names the bucket too).</summary>
    public static string StackName(ArgumentResult result) => Check(result, token =>
    {
        try
        {
            StackTemplate.ValidateStackName(token);
            return (null, token);
        }
        catch (ArgumentException)
        {
            return ("is not a usable stack name: it names the bucket too, so lower case letters, digits and dashes, "
                + $"starting with a letter, not ending with a dash, at most {StackTemplate.MaxStackNameLength} characters", token);
        }
    });

    public static string? EndpointUrl(ArgumentResult result) => Check(result, token =>
        IsEndpointUrl(token) ? (null, token) : ("is not an absolute http:// or https:// URL, e.g. http://127.0.0.1:5000", token));

    public static bool IsEndpointUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static string? Region(ArgumentResult result) => Check(result, token =>
        RegionPattern().IsMatch(token) ? (null, token) : ("is not an AWS region name such as us-east-1 or eu-central-1", token));

    /// <summary>A key prefix: at most an S3 key's 1024 bytes of UTF-8.</summary>
    public static string KeyPrefix(ArgumentResult result) => Check(result, token =>
        Encoding.UTF8.GetByteCount(token) <= MaxKeyBytes
            ? (null, token)
            : ($"is {Encoding.UTF8.GetByteCount(token)} bytes of UTF-8, more than an S3 key's {MaxKeyBytes}", token));

    public static string? BucketName(ArgumentResult result) => Check(result, token =>
        BucketPattern().IsMatch(token) && !token.Contains("..", StringComparison.Ordinal) && !IpAddressPattern().IsMatch(token)
            ? (null, token)
            : ("is not an S3 bucket name (3-63 lower case letters, digits, dots and dashes, starting and ending with a letter or digit)", token));

    /// <summary>An existing zip that holds <c>bootstrap</c> at its root (what the Lambda custom runtime starts).</summary>
    public static FileInfo? LambdaPackage(ArgumentResult result) => Check<FileInfo?>(result, token =>
    {
        var file = new FileInfo(token);
        if (!file.Exists)
        {
            return ("is not an existing file", null);
        }

        try
        {
            using var zip = ZipFile.OpenRead(file.FullName);
            return zip.GetEntry("bootstrap") is null ? ("is a zip without bootstrap at its root", null) : (null, file);
        }
        catch (InvalidDataException)
        {
            return ("is not a zip file", null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ($"cannot be read ({e.Message})", null);
        }
    });

    public static DirectoryInfo? ExistingDirectory(ArgumentResult result) => Check<DirectoryInfo?>(result, token =>
        Directory.Exists(token) ? (null, new DirectoryInfo(token)) : ("is not an existing folder", null));

    /// <summary>Every token is <c>Key=Value</c> with a CloudFormation parameter name (letters and digits) as the key.</summary>
    public static string[] TemplateParameters(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var token in result.Tokens.Select(t => t.Value))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !ParameterNamePattern().IsMatch(token[..equals]))
            {
                result.AddError($"{OptionName(result)}: '{Shorten(token)}' is not Key=Value with a template parameter name (letters and digits) as the key");
                return [];
            }
        }

        return [.. result.Tokens.Select(t => t.Value)];
    }

    private static T Check<T>(ArgumentResult result, Func<string, (string? Problem, T Value)> parse)
    {
        ArgumentNullException.ThrowIfNull(result);
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        var (problem, value) = parse(token);
        if (problem is not null)
        {
            result.AddError($"{OptionName(result)}: '{Shorten(token)}' {problem}");
        }

        return value;
    }

    private static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketPattern();

    [GeneratedRegex(@"^\d+\.\d+\.\d+\.\d+$")]
    private static partial Regex IpAddressPattern();

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex ParameterNamePattern();
}
