using System.Globalization;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Staff.Conversations;
using Microsoft.AspNetCore.Http;

namespace MarrowBot.Staff.Api;

/// <summary>
/// The inbox's filters from a query string, shared by the API, the export and the inbox page's GET form:
/// <c>from</c>, <c>to</c> (ISO dates or times; a date alone for <c>to</c> includes that day), <c>channel</c>,
/// <c>tier</c> (routine, urgent, emergency: at least that tier), the flags <c>declined</c>, <c>clarified</c>,
/// <c>handoff</c>, <c>negative</c>, <c>unreviewed</c> (true, on or 1), <c>q</c> (search) and <c>page</c>.
/// </summary>
public static class InboxQueryParser
{
    /// <exception cref="StaffInputException">A value is malformed; the message names the parameter, never echoes it.</exception>
    public static InboxQuery Parse(IQueryCollection query)
    {
        var tier = Text(query, "tier") switch
        {
            null or "" or "any" => (TriageTier?)null,
            { } value when Enum.TryParse<TriageTier>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _) => parsed,
            _ => throw new StaffInputException("tier must be routine, urgent or emergency."),
        };
        var search = Text(query, "q");
        if (search?.Length > InboxQuery.MaxSearchLength)
        {
            throw new StaffInputException($"q may be at most {InboxQuery.MaxSearchLength} characters.");
        }

        var from = Time(query, "from", endOfDay: false);
        var to = Time(query, "to", endOfDay: true);
        if (from is not null && to is not null && from >= to)
        {
            throw new StaffInputException("from must be before to.");
        }

        var channel = Text(query, "channel");
        return new InboxQuery
        {
            From = from,
            To = to,
            Channel = string.IsNullOrEmpty(channel) ? null : channel,
            MinTier = tier is TriageTier.None ? null : tier,
            Declined = Flag(query, "declined"),
            Clarified = Flag(query, "clarified"),
            HandoffRequested = Flag(query, "handoff"),
            NegativeFeedback = Flag(query, "negative"),
            NotReviewed = Flag(query, "unreviewed"),
            Search = string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
            PageToken = Text(query, "page") is { Length: > 0 } page ? page : null,
        };
    }

    /// <summary>The query string for <paramref name="query"/> (page included when set), for links and exports.</summary>
    public static string ToQueryString(InboxQuery query)
    {
        var parts = new List<KeyValuePair<string, string?>>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(new(name, value));
            }
        }

        Add("from", query.From?.ToString("O", CultureInfo.InvariantCulture));
        Add("to", query.To?.ToString("O", CultureInfo.InvariantCulture));
        Add("channel", query.Channel);
        Add("tier", query.MinTier?.ToString().ToLowerInvariant());
        Add("declined", query.Declined ? "true" : null);
        Add("clarified", query.Clarified ? "true" : null);
        Add("handoff", query.HandoffRequested ? "true" : null);
        Add("negative", query.NegativeFeedback ? "true" : null);
        Add("unreviewed", query.NotReviewed ? "true" : null);
        Add("q", query.Search);
        Add("page", query.PageToken);
        return QueryString.Create(parts).ToUriComponent();
    }

    /// <summary>What an audit entry says about a query: its filters, and whether it searched (never the words searched).</summary>
    public static string Describe(InboxQuery query) =>
        ToQueryString(query.WithoutPage() with { Search = query.Search is null ? null : "(search)" }).TrimStart('?');

    private static string? Text(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.ToString().Trim() : null;

    private static bool Flag(IQueryCollection query, string name) => Text(query, name)?.ToLowerInvariant() switch
    {
        null or "" or "false" or "off" or "0" => false,
        "true" or "on" or "1" => true,
        _ => throw new StaffInputException($"{name} must be true or false."),
    };

    private static DateTimeOffset? Time(IQueryCollection query, string name, bool endOfDay)
    {
        var value = Text(query, name);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1) : start;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new StaffInputException($"{name} must be a date (yyyy-mm-dd) or an ISO 8601 time.");
    }
}
