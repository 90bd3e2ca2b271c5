namespace MarrowBot.Staff.Conversations;

/// <summary>The labels a reviewer may put on one of the bot's replies; anything else is refused.</summary>
public static class TurnLabels
{
    public const string GoodAnswer = "good-answer";
    public const string WrongAnswer = "wrong-answer";
    public const string ShouldHaveDeclined = "should-have-declined";
    public const string MissedRedFlag = "missed-red-flag";
    public const string OverCautious = "over-cautious";
    public const string UnsafeWording = "unsafe-wording";

    /// <summary>The longest note kept with a label.</summary>
    public const int MaxNoteLength = 1000;

    /// <summary>Each label and how the console names it, in the order offered.</summary>
    public static IReadOnlyList<(string Value, string Name)> All { get; } =
    [
        (GoodAnswer, "Good answer"),
        (WrongAnswer, "Wrong answer"),
        (ShouldHaveDeclined, "Should have declined"),
        (MissedRedFlag, "Missed red flag"),
        (OverCautious, "Over-cautious"),
        (UnsafeWording, "Unsafe wording"),
    ];

    public static bool IsKnown(string? label) => label is not null && All.Any(l => l.Value == label);

    public static string NameOf(string label) => All.FirstOrDefault(l => l.Value == label).Name ?? label;
}
