using System.Text;

namespace MarrowBot.Bot.Handoff;

/// <summary>
/// Short questions asking for news of a request for a person ("any news?", "is anyone there?"). Fixed phrases, as
/// for "forget me": they are acted on only in a conversation with an open hand-off request, and then answered with
/// its status instead of whatever the responder made of them.
/// </summary>
public static class HandoffStatusQuestion
{
    /// <summary>Longer messages are read as questions of their own.</summary>
    public const int MaxChars = 60;

    private static readonly string[] Phrases =
    [
        "any news", "any update", "anything yet", "any reply", "any response", "any word",
        "is anyone there", "is anybody there", "is someone there", "anyone there",
        "is someone coming", "is anyone coming", "has anyone replied", "has someone replied", "did anyone reply",
        "when will someone reply", "when will someone get back", "when will i hear", "how long will it be",
        "how long do i have to wait", "how long will i wait", "am i still in the queue", "am i in the queue",
        "still waiting", "where is my request", "status of my request", "what is happening with my request",
    ];

    public static bool Matches(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxChars)
        {
            return false;
        }

        var folded = Fold(text);
        return Phrases.Any(p => folded.Contains(p, StringComparison.Ordinal));
    }

    /// <summary>Lower case, apostrophes dropped, other punctuation as spaces, single spaces: "Any news??" is "any news".</summary>
    private static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length + 2).Append(' ');
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is '\'' or '\u2019')
            {
                continue;
            }

            var letter = char.IsLetterOrDigit(c) ? c : ' ';
            if (letter != ' ' || folded[^1] != ' ')
            {
                folded.Append(letter);
            }
        }

        return folded.Append(' ').ToString();
    }
}
