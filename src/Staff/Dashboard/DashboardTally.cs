using System.Text;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Staff.Dashboard;

/// <summary>
/// Puts the stores' counts (per quarter-hour bucket, <see cref="DashboardQuery.BucketSeconds"/>) into the query's
/// local days, and the declined questions' texts into groups by their normalised form. Buckets outside the range
/// are ignored.
/// </summary>
public sealed class DashboardTally(DashboardQuery query)
{
    /// <summary>The longest question text shown; a longer one is cut there (it is still grouped by its whole text).</summary>
    public const int MaxQuestionLength = 300;

    private const int Conversations = 0, Answers = 1, Clarifications = 2, Declines = 3, Tiers = 4, Positive = 8, Negative = 9, Fields = 10;

    private readonly int[][] _days = Enumerable.Range(0, query.Days).Select(_ => new int[Fields]).ToArray();
    private readonly Dictionary<string, int> _questions = new(StringComparer.Ordinal);

    /// <summary>Conversations whose last activity fell in <paramref name="bucket"/>, with <paramref name="tier"/> as their highest tier.</summary>
    public void AddConversations(long bucket, TriageTier tier, int count)
    {
        if (Day(bucket) is { } day)
        {
            day[Conversations] += count;
            day[Tiers + Math.Clamp((int)tier, 0, 3)] += count;
        }
    }

    /// <summary>The bot's replies of <paramref name="kind"/> (answer, clarify, decline; others are ignored) sent in <paramref name="bucket"/>.</summary>
    public void AddReplies(long bucket, string kind, int count)
    {
        var field = kind switch { "answer" => Answers, "clarify" => Clarifications, "decline" => Declines, _ => -1 };
        if (field >= 0 && Day(bucket) is { } day)
        {
            day[field] += count;
        }
    }

    /// <summary>Positive and negative reactions on the conversations whose last activity fell in <paramref name="bucket"/>.</summary>
    public void AddFeedback(long bucket, int positive, int negative)
    {
        if (Day(bucket) is { } day)
        {
            day[Positive] += positive;
            day[Negative] += negative;
        }
    }

    /// <summary>A declined question's stored text, asked <paramref name="count"/> times; empty texts are skipped.</summary>
    public void AddDeclined(string? text, int count)
    {
        var normal = Normalize(text);
        if (normal.Length > 0)
        {
            _questions[normal] = _questions.GetValueOrDefault(normal) + count;
        }
    }

    public StaffDashboard Build()
    {
        var days = _days.Select((d, i) => new DashboardDay(
            query.FirstDay.AddDays(i), d[Conversations], d[Answers], d[Clarifications], d[Declines], d[Tiers], d[Tiers + 1], d[Tiers + 2], d[Tiers + 3], d[Positive], d[Negative])).ToList();
        var top = _questions
            .OrderByDescending(q => q.Value)
            .ThenBy(q => q.Key, StringComparer.Ordinal)
            .Take(StaffDashboard.TopUnanswered)
            .Select(q => new UnansweredQuestion(q.Key.Length > MaxQuestionLength ? q.Key[..MaxQuestionLength] + "…" : q.Key, q.Value))
            .ToList();
        return new StaffDashboard(query, days, top);
    }

    /// <summary>
    /// A question's text for grouping: lower case, runs of white space as one space, no white space or . ? ! at
    /// either end ("What is ATG?" and "what is  ATG" are one question).
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var folded = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && folded.Length > 0)
            {
                folded.Append(' ');
            }

            space = false;
            folded.Append(char.ToLowerInvariant(c));
        }

        return folded.ToString().Trim(' ', '.', '?', '!');
    }

    private int[]? Day(long bucket)
    {
        var index = query.DayOfBucket(bucket).DayNumber - query.FirstDay.DayNumber;
        return index >= 0 && index < _days.Length ? _days[index] : null;
    }
}
