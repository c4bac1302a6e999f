using System.Collections.Concurrent;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace FilePipeline.Tests.Processor;

/// <summary>
/// What an SDK client sent, seen through the client's own events (the requests still go to the emulator): calls by
/// operation, counted as each request is sent (so a call that fails counts too, a retried one once per try), and the items of the PutItem calls that
/// succeeded, copied as their responses came, in that order (a record's history of writes).
/// </summary>
internal sealed class ClientCalls : IDisposable
{
    private readonly AmazonServiceClient _client;
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Dictionary<string, AttributeValue>> _written = new();

    public ClientCalls(IAmazonService client)
    {
        _client = client as AmazonServiceClient
            ?? throw new ArgumentException($"{client.GetType().Name} is not an SDK client whose requests can be watched.", nameof(client));
        _client.BeforeRequestEvent += OnRequest;
        _client.AfterResponseEvent += OnResponse;
    }

    /// <summary>Calls of one operation so far: <c>GetObject</c>, <c>GetObjectMetadata</c> (HeadObject), <c>PutItem</c>, ...</summary>
    public int Count(string operation) => _calls.GetValueOrDefault(operation);

    /// <summary>The items of every PutItem that succeeded.</summary>
    public IReadOnlyList<Dictionary<string, AttributeValue>> WrittenItems => [.. _written];

    public void Dispose()
    {
        _client.BeforeRequestEvent -= OnRequest;
        _client.AfterResponseEvent -= OnResponse;
    }

    private void OnRequest(object sender, RequestEventArgs e)
    {
        if (e is WebServiceRequestEventArgs { Request: { } request })
        {
            _calls.AddOrUpdate(Operation(request), 1, (_, count) => count + 1);
        }
    }

    private void OnResponse(object sender, ResponseEventArgs e)
    {
        if (e is WebServiceResponseEventArgs { Request: PutItemRequest put })
        {
            // A copy: the record store reuses its items and their string and number values for later writes.
            _written.Enqueue(put.Item.ToDictionary(pair => pair.Key, pair => Copy(pair.Value)));
        }
    }

    private static AttributeValue Copy(AttributeValue value) =>
        value.S is { } text ? new AttributeValue { S = text }
        : value.N is { } number ? new AttributeValue { N = number }
        : value; // a flag or a list: new for every write



    private static string Operation(AmazonWebServiceRequest request)
    {
        var name = request.GetType().Name;
        return name.EndsWith("Request", StringComparison.Ordinal) ? name[..^"Request".Length] : name;
    }
}
