using System.Xml.Linq;
using Amazon.CloudFormation.Model;
using FilePipeline.CloudFormationClient.Runtime;

namespace Amazon.CloudFormation.Internal;

/// <summary>Query parameters and XML results of the CloudFormation operations (generated from one member list per shape).</summary>
internal static class CloudFormationWire
{
    public static void Write(QueryWriter w, ValidateTemplateRequest r)
    {
        w.Add("TemplateBody", r.TemplateBody);
        w.Add("TemplateURL", r.TemplateURL);
    }

    public static void Write(QueryWriter w, CreateStackRequest r)
    {
        w.Add("StackName", r.StackName);
        w.Add("TemplateBody", r.TemplateBody);
        w.Add("TemplateURL", r.TemplateURL);
        w.AddList("Parameters", r.Parameters, Write);
        w.Add("DisableRollback", r.DisableRollback);
        w.Add("TimeoutInMinutes", r.TimeoutInMinutes);
        w.AddList("NotificationARNs", r.NotificationARNs);
        w.AddList("Capabilities", r.Capabilities);
        w.AddList("ResourceTypes", r.ResourceTypes);
        w.Add("RoleARN", r.RoleARN);
        w.Add("OnFailure", r.OnFailure?.Value);
        w.Add("StackPolicyBody", r.StackPolicyBody);
        w.AddList("Tags", r.Tags, Write);
        w.Add("ClientRequestToken", r.ClientRequestToken);
        w.Add("EnableTerminationProtection", r.EnableTerminationProtection);
    }

    public static void Write(QueryWriter w, UpdateStackRequest r)
    {
        w.Add("StackName", r.StackName);
        w.Add("TemplateBody", r.TemplateBody);
        w.Add("TemplateURL", r.TemplateURL);
        w.Add("UsePreviousTemplate", r.UsePreviousTemplate);
        w.AddList("Parameters", r.Parameters, Write);
        w.AddList("Capabilities", r.Capabilities);
        w.AddList("ResourceTypes", r.ResourceTypes);
        w.Add("RoleARN", r.RoleARN);
        w.AddList("NotificationARNs", r.NotificationARNs);
        w.AddList("Tags", r.Tags, Write);
        w.Add("DisableRollback", r.DisableRollback);
        w.Add("ClientRequestToken", r.ClientRequestToken);
    }

    public static void Write(QueryWriter w, DescribeStacksRequest r)
    {
        w.Add("StackName", r.StackName);
        w.Add("NextToken", r.NextToken);
    }

    public static void Write(QueryWriter w, DescribeStackEventsRequest r)
    {
        w.Add("StackName", r.StackName);
        w.Add("NextToken", r.NextToken);
    }

    public static void Write(QueryWriter w, DeleteStackRequest r)
    {
        w.Add("StackName", r.StackName);
        w.AddList("RetainResources", r.RetainResources);
        w.Add("RoleARN", r.RoleARN);
        w.Add("ClientRequestToken", r.ClientRequestToken);
    }

    public static void Write(QueryWriter w, CreateChangeSetRequest r)
    {
        w.Add("StackName", r.StackName);
        w.Add("ChangeSetName", r.ChangeSetName);
        w.Add("ChangeSetType", r.ChangeSetType?.Value);
        w.Add("TemplateBody", r.TemplateBody);
        w.Add("TemplateURL", r.TemplateURL);
        w.Add("UsePreviousTemplate", r.UsePreviousTemplate);
        w.AddList("Parameters", r.Parameters, Write);
        w.AddList("Capabilities", r.Capabilities);
        w.AddList("ResourceTypes", r.ResourceTypes);
        w.Add("RoleARN", r.RoleARN);
        w.AddList("NotificationARNs", r.NotificationARNs);
        w.AddList("Tags", r.Tags, Write);
        w.Add("Description", r.Description);
        w.Add("ClientToken", r.ClientToken);
        w.Add("IncludeNestedStacks", r.IncludeNestedStacks);
    }

    public static void Write(QueryWriter w, DescribeChangeSetRequest r)
    {
        w.Add("ChangeSetName", r.ChangeSetName);
        w.Add("StackName", r.StackName);
        w.Add("NextToken", r.NextToken);
    }

    public static void Write(QueryWriter w, ExecuteChangeSetRequest r)
    {
        w.Add("ChangeSetName", r.ChangeSetName);
        w.Add("StackName", r.StackName);
        w.Add("ClientRequestToken", r.ClientRequestToken);
        w.Add("DisableRollback", r.DisableRollback);
    }

    private static void Write(QueryWriter w, string prefix, Parameter v)
    {
        w.Add($"{prefix}.ParameterKey", v.ParameterKey);
        w.Add($"{prefix}.ParameterValue", v.ParameterValue);
        w.Add($"{prefix}.UsePreviousValue", v.UsePreviousValue);
        w.Add($"{prefix}.ResolvedValue", v.ResolvedValue);
    }

    private static void Write(QueryWriter w, string prefix, Tag v)
    {
        w.Add($"{prefix}.Key", v.Key);
        w.Add($"{prefix}.Value", v.Value);
    }

    public static ValidateTemplateResponse ReadValidateTemplate(XElement e) => new()
    {
        Parameters = e.List("Parameters", ReadTemplateParameter),
        Description = e.Text("Description"),
        Capabilities = e.Strings("Capabilities"),
        CapabilitiesReason = e.Text("CapabilitiesReason"),
        DeclaredTransforms = e.Strings("DeclaredTransforms"),
    };

    public static CreateStackResponse ReadCreateStack(XElement e) => new()
    {
        StackId = e.Text("StackId"),
    };

    public static UpdateStackResponse ReadUpdateStack(XElement e) => new()
    {
        StackId = e.Text("StackId"),
    };

    public static DescribeStacksResponse ReadDescribeStacks(XElement e) => new()
    {
        Stacks = e.List("Stacks", ReadStack),
        NextToken = e.Text("NextToken"),
    };

    public static DescribeStackEventsResponse ReadDescribeStackEvents(XElement e) => new()
    {
        StackEvents = e.List("StackEvents", ReadStackEvent),
        NextToken = e.Text("NextToken"),
    };

    public static DeleteStackResponse ReadDeleteStack(XElement e) => new()
    {
    };

    public static CreateChangeSetResponse ReadCreateChangeSet(XElement e) => new()
    {
        Id = e.Text("Id"),
        StackId = e.Text("StackId"),
    };

    public static DescribeChangeSetResponse ReadDescribeChangeSet(XElement e) => new()
    {
        ChangeSetName = e.Text("ChangeSetName"),
        ChangeSetId = e.Text("ChangeSetId"),
        StackId = e.Text("StackId"),
        StackName = e.Text("StackName"),
        Description = e.Text("Description"),
        Parameters = e.List("Parameters", ReadParameter),
        CreationTime = e.Time("CreationTime"),
        ExecutionStatus = e.Text("ExecutionStatus") is { } executionStatus ? ExecutionStatus.FindValue(executionStatus) : null,
        Status = e.Text("Status") is { } status ? ChangeSetStatus.FindValue(status) : null,
        StatusReason = e.Text("StatusReason"),
        NotificationARNs = e.Strings("NotificationARNs"),
        Capabilities = e.Strings("Capabilities"),
        Tags = e.List("Tags", ReadTag),
        Changes = e.List("Changes", ReadChange),
        NextToken = e.Text("NextToken"),
    };

    public static ExecuteChangeSetResponse ReadExecuteChangeSet(XElement e) => new()
    {
    };

    private static Parameter ReadParameter(XElement e) => new()
    {
        ParameterKey = e.Text("ParameterKey"),
        ParameterValue = e.Text("ParameterValue"),
        UsePreviousValue = e.Bool("UsePreviousValue"),
        ResolvedValue = e.Text("ResolvedValue"),
    };

    private static Tag ReadTag(XElement e) => new()
    {
        Key = e.Text("Key"),
        Value = e.Text("Value"),
    };

    private static Output ReadOutput(XElement e) => new()
    {
        OutputKey = e.Text("OutputKey"),
        OutputValue = e.Text("OutputValue"),
        Description = e.Text("Description"),
        ExportName = e.Text("ExportName"),
    };

    private static TemplateParameter ReadTemplateParameter(XElement e) => new()
    {
        ParameterKey = e.Text("ParameterKey"),
        DefaultValue = e.Text("DefaultValue"),
        NoEcho = e.Bool("NoEcho"),
        Description = e.Text("Description"),
    };

    private static Stack ReadStack(XElement e) => new()
    {
        StackId = e.Text("StackId"),
        StackName = e.Text("StackName"),
        ChangeSetId = e.Text("ChangeSetId"),
        Description = e.Text("Description"),
        Parameters = e.List("Parameters", ReadParameter),
        CreationTime = e.Time("CreationTime"),
        LastUpdatedTime = e.Time("LastUpdatedTime"),
        DeletionTime = e.Time("DeletionTime"),
        StackStatus = e.Text("StackStatus") is { } stackStatus ? StackStatus.FindValue(stackStatus) : null,
        StackStatusReason = e.Text("StackStatusReason"),
        DisableRollback = e.Bool("DisableRollback"),
        NotificationARNs = e.Strings("NotificationARNs"),
        TimeoutInMinutes = e.Int("TimeoutInMinutes"),
        Capabilities = e.Strings("Capabilities"),
        Outputs = e.List("Outputs", ReadOutput),
        RoleARN = e.Text("RoleARN"),
        Tags = e.List("Tags", ReadTag),
        EnableTerminationProtection = e.Bool("EnableTerminationProtection"),
        ParentId = e.Text("ParentId"),
        RootId = e.Text("RootId"),
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
        ResourceProperties = e.Text("ResourceProperties"),
        ClientRequestToken = e.Text("ClientRequestToken"),
    };

    private static ResourceChange ReadResourceChange(XElement e) => new()
    {
        Action = e.Text("Action") is { } action ? ChangeAction.FindValue(action) : null,
        LogicalResourceId = e.Text("LogicalResourceId"),
        PhysicalResourceId = e.Text("PhysicalResourceId"),
        ResourceType = e.Text("ResourceType"),
        Replacement = e.Text("Replacement") is { } replacement ? Replacement.FindValue(replacement) : null,
    };

    private static Change ReadChange(XElement e) => new()
    {
        Type = e.Text("Type") is { } type ? ChangeType.FindValue(type) : null,
        ResourceChange = e.Child("ResourceChange") is { } resourceChange ? ReadResourceChange(resourceChange) : null,
    };
}
