using System.Text.Json.Nodes;

namespace FilePipeline.Tests.Infra;

/// <summary>
/// The template's security rules, checked under every combination of the conditions a resource uses
/// (each <c>Fn::If</c> resolved both ways): IAM statements without wildcard actions or an unneeded
/// <c>Resource: "*"</c>; buckets, queues, tables and topics with encryption; buckets with all four
/// public-access blocks. Returns one line per finding, naming the resource.
/// </summary>
public static class TemplatePolicy
{
    /// <summary>Actions AWS only grants on <c>"*"</c>: a statement made only of these may use it.</summary>
    private static readonly HashSet<string> ActionsNeedingStar = new(StringComparer.OrdinalIgnoreCase)
    {
        "xray:PutTraceSegments", "xray:PutTelemetryRecords", "cloudwatch:PutMetricData",
    };

    public static IReadOnlyList<string> Findings(JsonObject template)
    {
        var findings = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, node) in template["Resources"]!.AsObject())
        {
            var resource = node!.AsObject();
            var type = resource["Type"]!.GetValue<string>();
            foreach (var assignment in Assignments(ConditionsIn(resource)))
            {
                var resolved = Resolve(resource["Properties"], assignment)?.AsObject() ?? [];
                CheckPolicies(name, resolved, findings);
                CheckResource(name, type, resolved, findings);
            }
        }

        return [.. findings];
    }

    private static void CheckResource(string name, string type, JsonObject properties, SortedSet<string> findings)
    {
        switch (type)
        {
            case "AWS::S3::Bucket":
                var sse = properties["BucketEncryption"]?["ServerSideEncryptionConfiguration"]?.AsArray();
                if (sse is null || sse.Count == 0 || sse.Any(rule => rule?["ServerSideEncryptionByDefault"]?["SSEAlgorithm"] is null))
                {
                    findings.Add($"{name}: bucket without default encryption");
                }

                foreach (var flag in (string[])["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"])
                {
                    if (!IsTrue(properties["PublicAccessBlockConfiguration"]?[flag]))
                    {
                        findings.Add($"{name}: bucket without public-access block {flag}");
                    }
                }

                break;
            case "AWS::SQS::Queue":
                if (!IsTrue(properties["SqsManagedSseEnabled"]) && properties["KmsMasterKeyId"] is null)
                {
                    findings.Add($"{name}: queue without SSE");
                }

                break;
            case "AWS::DynamoDB::Table":
                if (!IsTrue(properties["SSESpecification"]?["SSEEnabled"]))
                {
                    findings.Add($"{name}: table without SSE");
                }

                if (!IsTrue(properties["PointInTimeRecoverySpecification"]?["PointInTimeRecoveryEnabled"]))
                {
                    findings.Add($"{name}: table without point-in-time recovery");
                }

                break;
        }
    }

    private static void CheckPolicies(string name, JsonNode? node, SortedSet<string> findings)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if (key is "PolicyDocument" or "AssumeRolePolicyDocument" && child is JsonObject document)
                    {
                        foreach (var statement in AsList(document["Statement"]).OfType<JsonObject>())
                        {
                            CheckStatement(name, statement, findings);
                        }
                    }
                    else
                    {
                        CheckPolicies(name, child, findings);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    CheckPolicies(name, child, findings);
                }

                break;
        }
    }

    private static void CheckStatement(string name, JsonObject statement, SortedSet<string> findings)
    {
        var sid = statement["Sid"]?.ToString() ?? "(no Sid)";
        if (statement["NotAction"] is not null)
        {
            findings.Add($"{name} {sid}: NotAction");
        }

        var actions = AsList(statement["Action"]).Select(a => a?.ToString() ?? "").ToList();
        foreach (var action in actions.Where(a => a.Contains('*')))
        {
            findings.Add($"{name} {sid}: wildcard action {action}");
        }

        var resources = AsList(statement["Resource"]).Select(r => r is JsonValue ? r.ToString() : null).ToList();
        if (resources.Contains("*") && !actions.All(ActionsNeedingStar.Contains))
        {
            findings.Add($"{name} {sid}: Resource \"*\" for {string.Join(", ", actions)}");
        }
    }

    private static bool IsTrue(JsonNode? node) => node is JsonValue value && value.ToString().Equals("true", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<JsonNode?> AsList(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array,
        _ => new[] { node },
    };

    private static HashSet<string> ConditionsIn(JsonNode? node)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Collect(node);
        return names;

        void Collect(JsonNode? current)
        {
            switch (current)
            {
                case JsonObject obj:
                    if (obj["Fn::If"] is JsonArray { Count: 3 } branches)
                    {
                        names.Add(branches[0]!.ToString());
                    }

                    foreach (var (_, child) in obj)
                    {
                        Collect(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Collect(child);
                    }

                    break;
            }
        }
    }

    private static IEnumerable<IReadOnlyDictionary<string, bool>> Assignments(HashSet<string> conditions)
    {
        var names = conditions.Order(StringComparer.Ordinal).ToArray();
        for (var bits = 0; bits < 1 << names.Length; bits++)
        {
            yield return names.Select((n, i) => (n, ((bits >> i) & 1) == 1)).ToDictionary(p => p.n, p => p.Item2);
        }
    }

    /// <summary>A copy of <paramref name="node"/> with every <c>Fn::If</c> taken as the assignment says and <c>AWS::NoValue</c> removed.</summary>
    private static JsonNode? Resolve(JsonNode? node, IReadOnlyDictionary<string, bool> assignment)
    {
        switch (node)
        {
            case JsonObject obj when obj["Fn::If"] is JsonArray { Count: 3 } branches:
                return Resolve(assignment[branches[0]!.ToString()] ? branches[1] : branches[2], assignment);
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, child) in obj)
                {
                    var value = Resolve(child, assignment);
                    if (!IsNoValue(value))
                    {
                        copy[key] = value;
                    }
                }

                return copy;
            case JsonArray array:
                return new JsonArray(array.Select(child => Resolve(child, assignment)).Where(v => !IsNoValue(v)).ToArray());
            default:
                return node?.DeepClone();
        }
    }

    private static bool IsNoValue(JsonNode? node) => node is JsonObject obj && obj["Ref"]?.ToString() == "AWS::NoValue";
}
