using System.Globalization;
using FilePipeline.FileRecords;

namespace FilePipeline.Viewer.Records;

/// <summary>
/// The records list's query string (<c>status</c>, <c>type</c>, <c>prefix</c>, <c>q</c>, <c>from</c>, <c>to</c>,
/// <c>pageToken</c>), shared by the page and the API. Dates are UTC: a bare date (<c>2026-11-22</c>) as
/// <c>from</c> is the start of that day, as <c>to</c> its end.
/// </summary>
public sealed record RecordListQuery(
    string? Status, string? Type, string? Prefix, string? Q, string? From, string? To, string? PageToken)
{
    public static RecordListQuery FromRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? Get(string name) => request.Query.TryGetValue(name, out var value) && value.ToString() is { Length: > 0 } text ? text : null;
        return new RecordListQuery(Get("status"), Get("type"), Get("prefix"), Get("q"), Get("from"), Get("to"), Get("pageToken"));
    }

    /// <summary>The filter, or the reasons the query is not one (one message per bad parameter).</summary>
    public (RecordFilter? Filter, IReadOnlyDictionary<string, string[]> Errors) ToFilter()
    {
        var errors = new Dictionary<string, string[]>();
        RecordStatus? status = null;
        if (Status is { } statusText)
        {
            if (Enum.TryParse<RecordStatus>(statusText, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                && !int.TryParse(statusText, out _))
            {
                status = parsed;
            }
            else
            {
                errors["status"] = [$"Unknown status '{statusText}'; use one of {string.Join(", ", Enum.GetValues<RecordStatus>().Select(FileRecordItem.StatusName))}."];
            }
        }

        var from = ParseTime(From, endOfDay: false, "from", errors);
        var to = ParseTime(To, endOfDay: true, "to", errors);
        if (from is { } f && to is { } t && f > t)
        {
            errors["to"] = ["'to' is before 'from'."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new RecordFilter
        {
            Status = status,
            DetectedType = Type,
            KeyPrefix = Prefix,
            KeyContains = Q,
            From = from,
            To = to,
        }, errors);
    }

    /// <summary>This query's parameters as a query string (without <c>pageToken</c> unless given), for links.</summary>
    public string ToQueryString(string? pageToken = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("status", Status);
        Add("type", Type);
        Add("prefix", Prefix);
        Add("q", Q);
        Add("from", From);
        Add("to", To);
        Add("pageToken", pageToken);
        return parts.Count > 0 ? "?" + string.Join('&', parts) : "";
    }

    public bool HasFilters => Status is not null || Type is not null || Prefix is not null || Q is not null || From is not null || To is not null;

    private static DateTimeOffset? ParseTime(string? text, bool endOfDay, string name, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1).AddMilliseconds(-1) : start;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        errors[name] = [$"'{text}' is not a date (yyyy-MM-dd) or an ISO 8601 time."];
        return null;
    }
}
