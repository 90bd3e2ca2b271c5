using System.Text.Json;
using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Content;

namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>One question of the blind set (Evaluation/blind-questions.json): written from the article alone by someone who never saw data/ or the tests.</summary>
public sealed record BlindQuestion(string Text, string Kind, IReadOnlySet<string> Sections, string Split)
{
    public static IReadOnlyList<BlindQuestion> Load(string split)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepoPaths.Evaluation("blind-questions.json")));
        return document.RootElement.GetProperty("items").EnumerateArray()
            .Select(e => new BlindQuestion(
                e.GetProperty("text").GetString()!,
                e.GetProperty("kind").GetString()!,
                e.GetProperty("sections").EnumerateArray().Select(s => s.GetString()!).ToHashSet(StringComparer.Ordinal),
                e.GetProperty("split").GetString()!))
            .Where(q => q.Split == split)
            .ToList();
    }
}

/// <summary>
/// How the replies to the blind questions score. Answerable: the answer cites a labelled section (right), a
/// clarifying question offers an entry that does (offered, counted separately), another topic's answer (wrong), or
/// no answer (declined). Out of scope: declined. Small talk, hand-off and "are you a bot": the matching reply.
/// </summary>
public sealed class BlindScore
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public List<string> Misses { get; } = [];

    public int Answerable => Count("answerable");

    public double Right => Share("right", Answerable);

    public double Offered => Share("offered", Answerable);

    public double Wrong => Share("wrong", Answerable);

    public double Declined => Share("declined", Answerable);

    public double OutOfScopeDeclined => Share("oos-declined", Count("out-of-scope"));

    public double Conversational => Share("conversational-right", Count("conversational"));

    public static BlindScore Of(IEnumerable<BlindQuestion> questions, Func<string, Reply> reply, KnowledgeBase knowledge)
    {
        var score = new BlindScore();
        foreach (var question in questions)
        {
            score.Add(question, reply(question.Text), knowledge);
        }

        return score;
    }

    public string Summary() =>
        $"answerable n={Answerable}: right section {Right:P1}, offered in a clarifying question {Offered:P1} (together {Right + Offered:P1}), wrong topic {Wrong:P1}, declined {Declined:P1}; " +
        $"out of scope n={Count("out-of-scope")}: declined {OutOfScopeDeclined:P1}; small talk, hand-off, bot identity n={Count("conversational")}: {Conversational:P1}";

    private void Add(BlindQuestion question, Reply reply, KnowledgeBase knowledge)
    {
        string outcome;
        switch (question.Kind)
        {
            case "answerable":
                Bump("answerable");
                outcome = reply.Kind == ReplyKind.Answer && reply.Sections.Any(question.Sections.Contains) ? "right"
                    : reply.Kind == ReplyKind.Clarify && reply.Suggestions.Any(s => knowledge.Faqs.FirstOrDefault(f => f.Question == s.Value)?.Sections.Any(question.Sections.Contains) == true) ? "offered"
                    : reply.Kind == ReplyKind.Answer ? "wrong"
                    : "declined";
                break;
            case "out-of-scope":
                Bump("out-of-scope");
                outcome = reply.Kind == ReplyKind.Decline ? "oos-declined" : "oos-answered";
                break;
            default:
                Bump("conversational");
                var right = question.Kind switch
                {
                    "handoff" => reply.Kind == ReplyKind.Handoff,
                    "bot-identity" => reply.Intent == ConversationalIntents.AreYouHuman,
                    _ => reply.Kind == ReplyKind.Smalltalk,
                };
                outcome = right ? "conversational-right" : "conversational-wrong";
                break;
        }

        Bump(outcome);
        if (outcome is "wrong" or "declined" or "oos-answered" or "conversational-wrong")
        {
            Misses.Add($"{outcome}: [{question.Kind} {string.Join(",", question.Sections)}] -> {reply.Kind}/{reply.Intent}");
        }
    }

    private void Bump(string key) => _counts[key] = Count(key) + 1;

    private int Count(string key) => _counts.GetValueOrDefault(key);

    private double Share(string key, int of) => of == 0 ? 0 : Count(key) / (double)of;
}
