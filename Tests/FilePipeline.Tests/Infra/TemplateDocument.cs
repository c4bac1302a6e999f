using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace FilePipeline.Tests.Infra;

/// <summary>
/// A CloudFormation YAML template as a JSON tree, short-form tags expanded (<c>!Ref X</c> becomes
/// <c>{"Ref": "X"}</c>, <c>!If [...]</c> becomes <c>{"Fn::If": [...]}</c>), scalars kept as strings.
/// </summary>
public static class TemplateDocument
{
    public static JsonObject Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (JsonObject)Convert(stream.Documents[0].RootNode)!;
    }

    public static JsonObject Load() => Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "infra", "filepipeline.yaml")));

    private static JsonNode? Convert(YamlNode node)
    {
        JsonNode? value = node switch
        {
            YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
            YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
            YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
                KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, Convert(pair.Value)))),
            _ => throw new NotSupportedException(node.GetType().Name),
        };
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        return tag switch
        {
            null or "tag:yaml.org,2002:str" => value,
            "!Ref" => new JsonObject { ["Ref"] = value },
            "!Condition" => new JsonObject { ["Condition"] = value },
            _ when tag.StartsWith('!') => new JsonObject { ["Fn::" + tag[1..]] = value },
            _ => value,
        };
    }
}
