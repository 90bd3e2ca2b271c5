using MarrowBot.Knowledge.Answering;
using Microsoft.Extensions.Options;

namespace MarrowBot.Knowledge.Triage;

/// <summary>
/// The words of the safety path (shared/guides/triage-policy.md, "What every triage reply does"): lead with the
/// action and the number, one line of why, never a diagnosis or "wait and see", and the next steps as buttons.
/// </summary>
public sealed class SafetyReplies(TriageLexicon lexicon, IOptions<SafetyOptions> options)
{
    public const string Intent = "triage";
    public const string Called = "I've called";
    public const string WhoToCall = "Who should I call?";
    public const string SomeoneElse = "It's someone else";
    public const string NoneOfThese = "None of these";

    private readonly SafetyOptions _options = options.Value;

    /// <summary>The follow-up answers offered for a vague but worrying message; each is itself read by triage.</summary>
    public IReadOnlyList<string> FollowUpAnswers =>
    [
        $"My temperature is {_options.FeverThresholdText} or higher",
        "I'm shaking and feel like I might collapse",
        "I'm struggling to breathe",
        "I'm bleeding and it won't stop",
        NoneOfThese,
    ];

    /// <summary>The safety reply for a tier of routine or above.</summary>
    public Reply For(TriageTier tier, IReadOnlyList<string> categories, bool askFollowUp)
    {
        var crisis = categories.Contains("mental-health-crisis");
        var why = Why(categories);
        var text = tier switch
        {
            TriageTier.Emergency when crisis =>
                $"**Please call {_options.EmergencyText} now**, or a crisis line: {_options.CrisisText}, any time, day or night. {why} If someone is with you, tell them now.",
            TriageTier.Emergency =>
                $"**Call {_options.EmergencyText} now**, or go to your nearest emergency department. {why} If someone is with you, tell them now.",
            TriageTier.Urgent =>
                $"**Contact {_options.CareTeamText} now.** If you can't reach them, call {_options.EmergencyText}. Please don't wait to see if it passes. {why}",
            _ =>
                $"Please mention this to your care team at your next contact, or sooner if it gets worse. {why} " +
                $"If you get a temperature of {_options.FeverThresholdText} or more, bleeding that won't stop, or new breathlessness, contact {_options.CareTeamText} straight away.",
        };

        var suggestions = new List<SuggestedAction>();
        if (askFollowUp && tier < TriageTier.Emergency)
        {
            text += " To help me point you to the right help: do any of these apply?";
            suggestions.AddRange(FollowUpAnswers.Select(a => new SuggestedAction(a, a)));
        }
        else if (tier >= TriageTier.Urgent)
        {
            suggestions.AddRange(new[] { Called, WhoToCall, SomeoneElse }.Select(a => new SuggestedAction(a, a)));
        }

        return Build(text, tier, categories, suggestions);
    }

    /// <summary>The reply when triage itself failed: the message could not be checked, so both lines are given.</summary>
    public Reply Unavailable() => Build(
        $"I couldn't check your message for warning signs just now. If you feel very unwell, or this is an emergency, **call {_options.EmergencyText} now**. " +
        $"If you're worried about a symptom, contact {_options.CareTeamText}.",
        SafeTriageEngine.Failed.Tier,
        SafeTriageEngine.Failed.Categories,
        []);

    /// <summary>Answers to the buttons of an urgent or emergency reply.</summary>
    public Reply? ForButton(string text, TriageTier lastTier, IReadOnlyList<string> lastCategories)
    {
        var reply = text.Trim() switch
        {
            Called => "Thank you, that was the right thing to do. Follow what they tell you, and keep your phone close. " +
                $"If things get worse before help arrives, call {_options.EmergencyText}.",
            WhoToCall => $"In an emergency: {_options.EmergencyText}. For urgent worries, day or night: {_options.CareTeamText}. " +
                $"If you are thinking of harming yourself: {_options.CrisisText}.",
            SomeoneElse => $"The same advice applies to them: {(lastTier == TriageTier.Emergency ? $"call {_options.EmergencyText} now" : $"contact {_options.CareTeamText} now, or {_options.EmergencyText} if you can't reach them")}. " +
                "Stay with them if you can.",
            _ => null,
        };
        return reply is null ? null : Build(reply, lastTier, lastCategories, []);
    }

    /// <summary>The follow-up was answered with nothing new: the tier already reached stands.</summary>
    public Reply FollowUpClosed(TriageTier reached, IReadOnlyList<string> categories) => reached >= TriageTier.Urgent
        ? Build($"Thank you. From what you told me, please still **contact {_options.CareTeamText} now**; if you can't reach them, call {_options.EmergencyText}.", reached, categories, [new(Called, Called), new(WhoToCall, WhoToCall)])
        : Build($"Thank you. Please tell your care team how you're feeling at your next contact, or sooner if it gets worse. If anything changes, contact {_options.CareTeamText}.", reached, categories, []);

    private string Why(IReadOnlyList<string> categories)
    {
        var category = categories.FirstOrDefault(c => lexicon.Why.ContainsKey(c));
        var why = category is null ? string.Empty : lexicon.Why[category];
        return why.Replace("{fever}", _options.FeverThresholdText, StringComparison.Ordinal).Replace("{low}", _options.LowTemperatureText, StringComparison.Ordinal);
    }

    private static Reply Build(string text, TriageTier tier, IReadOnlyList<string> categories, IReadOnlyList<SuggestedAction> suggestions) =>
        new(ReplyKind.Triage, text, Intent, 1f, [], [], suggestions) { Triage = tier, TriageCategories = categories };
}
