using MarrowBot.Knowledge.Text;

namespace MarrowBot.Knowledge.Answering;

/// <summary>
/// The "forget me" dialog: asking to delete one's data, then confirming. Recognised by fixed phrases rather than
/// the classifier, so that a request about personal data is never mistaken for a medical question.
/// </summary>
public static class ForgetMe
{
    public const string Intent = "forget-me";
    public const string Confirm = "Yes, delete it";
    public const string Cancel = "No, keep it";

    private static readonly string[] Requests =
    [
        "forget me", "forget about me", "forget everything", "forget this conversation", "delete my data", "delete my information",
        "delete my details", "delete my conversation", "delete this conversation", "delete my chat", "delete this chat",
        "delete my messages", "delete my history", "delete my chat history", "erase my data", "remove my data", "wipe my data",
        "delete everything i said", "right to be forgotten", "gdpr delete", "delete all my data",
    ];

    private static readonly HashSet<string> Yes = new(StringComparer.Ordinal) { "yes", "yes delete it", "yes please", "yes please delete it", "delete it", "yes delete", "confirm", "y", "yep", "yeah", "ok delete it", "go ahead" };

    private static readonly HashSet<string> No = new(StringComparer.Ordinal) { "no", "no keep it", "keep it", "cancel", "dont", "dont delete", "no thanks", "n", "nope", "stop" };

    public static bool IsRequest(string normalized) =>
        Requests.Any(r => normalized == r || normalized.StartsWith(r + " ", StringComparison.Ordinal) || normalized.EndsWith(" " + r, StringComparison.Ordinal) || normalized.Contains(" " + r + " ", StringComparison.Ordinal) || normalized.StartsWith("please " + r, StringComparison.Ordinal));

    public static bool IsYes(string normalized) => Yes.Contains(normalized.Replace("please ", string.Empty, StringComparison.Ordinal).Trim()) || Yes.Contains(normalized);

    public static bool IsNo(string normalized) => No.Contains(normalized);

    public static Reply Ask() => new(
        ReplyKind.Smalltalk,
        "I can delete this conversation: its transcript and everything I remember about it. This can't be undone. Shall I delete it?",
        Intent,
        1f,
        [],
        [],
        [new SuggestedAction(Confirm, Confirm), new SuggestedAction(Cancel, Cancel)]);

    public static Reply Done() => new(
        ReplyKind.Smalltalk,
        "Done. I've deleted this conversation's transcript and my memory of it. If you write again, it starts a new conversation.",
        Intent,
        1f,
        [],
        [],
        []);

    public static Reply Kept() => new(
        ReplyKind.Smalltalk,
        "Okay, I haven't deleted anything. You can ask me to forget you at any time.",
        Intent,
        1f,
        [],
        [],
        []);

    /// <summary>The normalised form the dialog compares against.</summary>
    public static string Normalize(string text) => TextNormalizer.Normalize(text);
}
