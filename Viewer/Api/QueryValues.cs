using System.Globalization;
using FilePipeline.FileRecords;

namespace FilePipeline.Viewer.Api;

/// <summary>
/// The API's query values that are not plain text, bound as strings and parsed here, so that a bad one is a
/// validation problem naming the parameter and its allowed values (ASP.NET Core's own binding answers a bare 400).
/// </summary>
public static class QueryValues
{
    /// <summary><c>limit</c>: absent is <paramref name="defaultLimit"/>; else a whole number from 1 to <see cref="RecordQueries.MaxPageSize"/>.</summary>
    public static int Limit(string? text, int defaultLimit, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrEmpty(text))
        {
            return defaultLimit;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= RecordQueries.MaxPageSize)
        {
            return limit;
        }

        errors["limit"] = [$"limit must be a whole number from 1 to {RecordQueries.MaxPageSize}; '{text}' is not."];
        return defaultLimit;
    }

    /// <summary>An ISO 8601 time (<c>since</c>); absent is null.</summary>
    public static DateTimeOffset? Time(string? text, string name, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        errors[name] = [$"{name} must be an ISO 8601 time such as 2026-11-22T04:00:00Z; '{text}' is not."];
        return null;
    }
}
