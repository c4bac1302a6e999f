using System.Text;

namespace FilePipeline.CloudFormationClient.Runtime;

/// <summary>
/// Collects AWS query parameters (lists as <c>Name.member.N</c>, structures as <c>Name.Member</c>) and encodes
/// them as an <c>application/x-www-form-urlencoded</c> body with RFC 3986 percent-encoding. Null values are left out.
/// </summary>
public sealed class QueryWriter
{
    private readonly List<KeyValuePair<string, string>> _parameters = [];

    public IReadOnlyList<KeyValuePair<string, string>> Parameters => _parameters;

    public void Add(string name, string? value)
    {
        if (value is not null)
        {
            _parameters.Add(new(name, value));
        }
    }

    public void AddList(string name, IEnumerable<string>? values)
    {
        if (values is null)
        {
            return;
        }

        var n = 0;
        foreach (var value in values)
        {
            Add($"{name}.member.{++n}", value);
        }

        if (n == 0)
        {
            Add(name, "");
        }
    }

    public void AddList<T>(string name, IEnumerable<T>? values, Action<QueryWriter, string, T> write)
    {
        if (values is null)
        {
            return;
        }

        var n = 0;
        foreach (var value in values)
        {
            write(this, $"{name}.member.{++n}", value);
        }

        if (n == 0)
        {
            Add(name, "");
        }
    }

    public byte[] ToFormBody()
    {
        var body = new StringBuilder();
        foreach (var (name, value) in _parameters)
        {
            if (body.Length > 0)
            {
                body.Append('&');
            }

            body.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return Encoding.UTF8.GetBytes(body.ToString());
    }
}
