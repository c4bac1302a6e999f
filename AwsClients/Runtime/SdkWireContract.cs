using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;

namespace FilePipeline.AwsClients.Runtime;

/// <summary>
/// Builds serializer options over a source-generated context whose contracts leave out the members that
/// <see cref="AmazonWebServiceRequest"/> and <see cref="AmazonWebServiceResponse"/> declare (SDK plumbing, not wire data).
/// </summary>
public static class SdkWireContract
{
    public static JsonSerializerOptions Options(IJsonTypeInfoResolver context, JsonSerializerOptions contextOptions) =>
        new(contextOptions) { TypeInfoResolver = context.WithAddedModifier(DropSdkMembers) };

    private static void DropSdkMembers(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            var declaring = typeInfo.Properties[i].AttributeProvider is System.Reflection.MemberInfo member ? member.DeclaringType : null;
            if (declaring == typeof(AmazonWebServiceRequest) || declaring == typeof(AmazonWebServiceResponse))
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }
}
