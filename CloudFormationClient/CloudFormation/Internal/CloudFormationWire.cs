using System.Xml.Linq;
using Amazon.CloudFormation.Model;
using FilePipeline.CloudFormationClient.Runtime;

namespace Amazon.CloudFormation.Internal;

/// <summary>Query parameters and XML results of the CloudFormation operations the product uses (one member list per shape).</summary>
internal static class CloudFormationWire
{
    public static void Write(QueryWriter w, CreateStackRequest r)
    {
        w.Add("StackName", r.StackName);
        w.Add("TemplateBody", r.TemplateBody);
        w.AddList("Parameters", r.Parameters, Write);
        w.AddList("Capabilities", r.Capabilities);
        w.AddList("Tags", r.Tags, Write);
    }

    public static void Write(QueryWriter w, UpdateStackRequest r)
    {
        w.Add("StackName", r.StackName);
        w.Add("TemplateBody", r.TemplateBody);
        w.AddList("Parameters", r.Parameters, Write);
        w.AddList("Capabilities", r.Capabilities);
    }

    public static void Write(QueryWriter w, DescribeStacksRequest r) => w.Add("StackName", r.StackName);

    public static void Write(QueryWriter w, DescribeStackEventsRequest r) => w.Add("StackName", r.StackName);

    public static void Write(QueryWriter w, DeleteStackRequest r) => w.Add("StackName", r.StackName);

    public static void Write(QueryWriter w, CreateChangeSetRequest r)
    {
        w.Add("StackName", r.StackName);
        w.Add("ChangeSetName", r.ChangeSetName);
        w.Add("ChangeSetType", r.ChangeSetType?.Value);
        w.Add("TemplateBody", r.TemplateBody);
        w.AddList("Parameters", r.Parameters, Write);
        w.AddList("Capabilities", r.Capabilities);
    }

    public static void Write(QueryWriter w, DescribeChangeSetRequest r)
    {
        w.Add("ChangeSetName", r.ChangeSetName);
        w.Add("StackName", r.StackName);
    }

    public static void Write(QueryWriter w, ExecuteChangeSetRequest r)
    {
        w.Add("ChangeSetName", r.ChangeSetName);
        w.Add("StackName", r.StackName);
    }

    private static void Write(QueryWriter w, string prefix, Parameter v)
    {
        w.Add($"{prefix}.ParameterKey", v.ParameterKey);
        w.Add($"{prefix}.ParameterValue", v.ParameterValue);
    }

    private static void Write(QueryWriter w, string prefix, Tag v)
    {
        w.Add($"{prefix}.Key", v.Key);
        w.Add($"{prefix}.Value", v.Value);
    }

    public static CreateStackResponse ReadCreateStack(XElement e) => new() { StackId = e.Text("StackId") };

    public static UpdateStackResponse ReadUpdateStack(XElement e) => new() { StackId = e.Text("StackId") };

    public static DescribeStacksResponse ReadDescribeStacks(XElement e) => new() { Stacks = e.List("Stacks", ReadStack) };

    public static DescribeStackEventsResponse ReadDescribeStackEvents(XElement e) => new() { StackEvents = e.List("StackEvents", ReadStackEvent) };

    public static DeleteStackResponse ReadDeleteStack(XElement e) => new();

    public static CreateChangeSetResponse ReadCreateChangeSet(XElement e) => new() { Id = e.Text("Id"), StackId = e.Text("StackId") };

    public static DescribeChangeSetResponse ReadDescribeChangeSet(XElement e) => new()
    {
        ChangeSetName = e.Text("ChangeSetName"),
        StackName = e.Text("StackName"),
        Status = e.Text("Status") is { } status ? ChangeSetStatus.FindValue(status) : null,
        StatusReason = e.Text("StatusReason"),
    };

    public static ExecuteChangeSetResponse ReadExecuteChangeSet(XElement e) => new();

    private static Parameter ReadParameter(XElement e) => new()
    {
        ParameterKey = e.Text("ParameterKey"),
        ParameterValue = e.Text("ParameterValue"),
    };

    private static Output ReadOutput(XElement e) => new()
    {
        OutputKey = e.Text("OutputKey"),
        OutputValue = e.Text("OutputValue"),
        Description = e.Text("Description"),
    };

    private static Stack ReadStack(XElement e) => new()
    {
        StackId = e.Text("StackId"),
        StackName = e.Text("StackName"),
        Parameters = e.List("Parameters", ReadParameter),
        CreationTime = e.Time("CreationTime"),
        StackStatus = e.Text("StackStatus") is { } stackStatus ? StackStatus.FindValue(stackStatus) : null,
        StackStatusReason = e.Text("StackStatusReason"),
        Outputs = e.List("Outputs", ReadOutput),
        Tags = e.List("Tags", ReadTag),
    };

    private static Tag ReadTag(XElement e) => new()
    {
        Key = e.Text("Key"),
        Value = e.Text("Value"),
    };

    private static StackEvent ReadStackEvent(XElement e) => new()
    {
        StackId = e.Text("StackId"),
        EventId = e.Text("EventId"),
        StackName = e.Text("StackName"),
        LogicalResourceId = e.Text("LogicalResourceId"),
        PhysicalResourceId = e.Text("PhysicalResourceId"),
        ResourceType = e.Text("ResourceType"),
        Timestamp = e.Time("Timestamp"),
        ResourceStatus = e.Text("ResourceStatus") is { } resourceStatus ? ResourceStatus.FindValue(resourceStatus) : null,
        ResourceStatusReason = e.Text("ResourceStatusReason"),
    };
}
