using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace FilePipeline.CloudFormationClient.Runtime;

/// <summary>Namespace-agnostic reading of AWS XML responses (lists are <c>&lt;Name&gt;&lt;member&gt;…</c>).</summary>
public static class XmlBody
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    public static XElement Load(byte[] body)
    {
        using var stream = new MemoryStream(body);
        using var reader = XmlReader.Create(stream, Settings);
        return XElement.Load(reader);
    }

    public static XElement? Child(this XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static XElement? Descendant(this XElement element, string name) =>
        element.Descendants().FirstOrDefault(e => e.Name.LocalName == name);

    public static string? Text(this XElement element, string name) => element.Child(name)?.Value;

    public static DateTime? Time(this XElement element, string name) =>
        element.Text(name) is { Length: > 0 } text
            ? DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
            : null;

    /// <summary>The members of a list element, or null when the element is absent (AWSSDK v4 leaves such collections null).</summary>
    public static List<T>? List<T>(this XElement element, string name, Func<XElement, T> read) =>
        element.Child(name) is { } list ? [.. list.Elements().Where(e => e.Name.LocalName == "member").Select(read)] : null;
}
