using System.Text;

namespace FilePipeline.Tests.Reliability;

/// <summary>
/// Produces message bodies for fuzzing the envelope parser: valid envelopes of every shape, mutations of them
/// (bytes flipped, cut, duplicated, spliced, types swapped, escapes and surrogates injected) and random text.
/// Deterministic for a seed, so a failure names the case that reproduces it.
/// </summary>
internal sealed class EnvelopeFuzzer(int seed)
{
    private static readonly string[] Seeds =
    [
        """{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"2026-11-22T04:00:00.123Z","eventName":"ObjectCreated:Put","s3":{"s3SchemaVersion":"1.0","bucket":{"name":"uploads","arn":"arn:aws:s3:::uploads"},"object":{"key":"a%2Fb+c%2B.txt","size":12,"eTag":"0123456789abcdef","sequencer":"0055AED6DCD90281E5"}}}]}""",
        """{"Records":[{"eventSource":"aws:s3","eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"b"},"object":{"key":"k","versionId":"v1"}}},{"eventSource":"aws:s3","eventName":"ObjectCreated:CompleteMultipartUpload","s3":{"bucket":{"name":"b"},"object":{"key":"%E2%82%AC","size":"7"}}}]}""",
        """{"Type":"Notification","MessageId":"m","TopicArn":"arn:aws:sns:us-east-1:1:t","Message":"{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"x+y\",\"size\":1}}}]}","Timestamp":"2026-11-22T04:00:00.000Z"}""",
        """{"version":"0","id":"e","detail-type":"Object Created","source":"aws.s3","time":"2026-11-22T04:00:00Z","detail":{"bucket":{"name":"b"},"object":{"key":"raw key+%","size":5,"etag":"abc","sequencer":"01"},"reason":"PutObject"}}""",
        """{"version":"0","detail-type":"Object Deleted","source":"aws.s3","detail":{"bucket":{"name":"b"},"object":{"key":"gone"}}}""",
        """{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-22T04:00:00.000Z","Bucket":"b"}""",
        """{"Type":"Notification","Message":"{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}"}""",
        """{"Records":[]}""",
        """{"eventSource":"aws:sqs","body":"{}"}""",
    ];

    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "false", "-0", "1e999", "18446744073709551616",
        "\\u0000", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\uD800\\u0041", "\u0000", "\ud800", "\uffff", "\u2028",
        "\"Records\"", "\"Type\":\"Notification\"", "\"Message\"", "\"source\":\"aws.s3\"", "\"detail-type\"",
        "\"Event\":\"s3:TestEvent\"", "\"eventName\"", "\"s3\"", "\"key\"", "\"%\"", "\"%ZZ\"", "\"%E9\"", "\"+\"",
        "/*", "*/", "\t", "\r\n", " ", "\uFEFF",
    ];

    private readonly Random _random = new(seed);

    public string Next()
    {
        return _random.Next(10) switch
        {
            0 => RandomText(),
            1 => Deep(),
            2 => Wide(),
            3 => WrapInSns(Mutate(Pick(Seeds))),
            _ => Mutate(Pick(Seeds)),
        };
    }

    private string Mutate(string text)
    {
        var builder = new StringBuilder(text);
        var rounds = 1 + _random.Next(4);
        for (var round = 0; round < rounds && builder.Length > 0; round++)
        {
            var at = _random.Next(builder.Length);
            switch (_random.Next(7))
            {
                case 0: // flip a character
                    builder[at] = (char)_random.Next(0, 0x10000);
                    break;
                case 1: // cut a span
                    builder.Remove(at, Math.Min(builder.Length - at, 1 + _random.Next(16)));
                    break;
                case 2: // insert a token
                    builder.Insert(at, Pick(Tokens));
                    break;
                case 3: // duplicate a span
                    var length = Math.Min(builder.Length - at, 1 + _random.Next(64));
                    builder.Insert(at, builder.ToString(at, length));
                    break;
                case 4: // truncate
                    builder.Length = at;
                    break;
                case 5: // swap a value's type: replace the next string literal with another token
                    var quote = builder.ToString().IndexOf(":\"", at, StringComparison.Ordinal);
                    if (quote >= 0)
                    {
                        var end = builder.ToString().IndexOf('"', quote + 2);
                        if (end > quote)
                        {
                            builder.Remove(quote + 1, end - quote);
                            builder.Insert(quote + 1, Pick(["1", "[]", "{}", "null", "true", "-5", "\"\"", "\"\\ud800\""]));
                        }
                    }

                    break;
                default: // splice another seed in
                    var other = Pick(Seeds);
                    var from = _random.Next(other.Length);
                    builder.Insert(at, other[from..Math.Min(other.Length, from + 1 + _random.Next(80))]);
                    break;
            }
        }

        return builder.ToString();
    }

    private static string WrapInSns(string inner)
    {
        // Escaped by hand: the fuzzed text may hold lone surrogates, which JsonEncodedText refuses.
        var escaped = new StringBuilder(inner.Length + 16);
        foreach (var c in inner)
        {
            _ = c switch
            {
                '"' => escaped.Append("\\\""),
                '\\' => escaped.Append("\\\\"),
                < ' ' or (>= '\ud800' and <= '\udfff') => escaped.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => escaped.Append(c),
            };
        }

        return $$"""{"Type":"Notification","Message":"{{escaped}}"}""";
    }

    private string RandomText()
    {
        var length = _random.Next(0, 200);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = _random.Next(3) == 0 ? (char)_random.Next(0, 0x10000) : (char)_random.Next(0x20, 0x7F);
        }

        return new string(chars);
    }

    private string Deep()
    {
        var depth = _random.Next(1, 400);
        var open = _random.Next(2) == 0 ? "[" : "{\"Records\":";
        var close = open == "[" ? "]" : "}";
        return string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
    }

    private string Wide()
    {
        var count = _random.Next(0, 300);
        var record = """{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"k"}}}""";
        return "{\"Records\":[" + string.Join(',', Enumerable.Repeat(record, count)) + "]}";
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
