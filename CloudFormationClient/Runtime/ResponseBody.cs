namespace FilePipeline.CloudFormationClient.Runtime;

/// <summary>Reads a response body from the unmarshaller context's stream (the buffered-bytes accessor can be empty).</summary>
public static class ResponseBody
{
    public static byte[] ReadAll(Stream? stream)
    {
        if (stream is null)
        {
            return [];
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
