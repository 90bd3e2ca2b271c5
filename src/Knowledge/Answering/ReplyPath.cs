namespace MarrowBot.Knowledge.Answering;

/// <summary>
/// The names of the paths by which the responder chooses a reply (<see cref="Reply.Path"/>), as the outcome entity
/// and the staff transcript report them. They name decisions the responder already makes; reporting one changes none.
/// </summary>
public static class ReplyPath
{
    /// <summary>The greeting of a new conversation.</summary>
    public const string Welcome = "welcome";

    /// <summary>The apology for a failure of our own.</summary>
    public const string Error = "error";

    /// <summary>The safety reply for the tier triage found.</summary>
    public const string Triage = "triage";

    /// <summary>The safety reply when the triage engine itself failed.</summary>
    public const string TriageUnavailable = "triage-unavailable";

    /// <summary>The answer to the triage follow-up question.</summary>
    public const string TriageFollowUp = "triage-follow-up";

    /// <summary>The answer to a button of an urgent or emergency reply.</summary>
    public const string TriageButton = "triage-button";

    /// <summary>The state of the person's open hand-off request, asked after (the host's hand-off queue answers it).</summary>
    public const string HandoffStatus = "handoff-status";

    /// <summary>"Forget me", its confirmation or its cancellation.</summary>
    public const string ForgetMe = "forget-me";

    /// <summary>No text, or only emoji and symbols.</summary>
    public const string Empty = "empty";

    /// <summary>An attachment without text.</summary>
    public const string NoText = "no-text";

    /// <summary>A message in another language.</summary>
    public const string OtherLanguage = "other-language";

    /// <summary>A long message whose first part asks nothing answerable.</summary>
    public const string LongMessage = "long-message";

    /// <summary>The person picked one of the entries a clarifying question offered.</summary>
    public const string PickedChoice = "picked-choice";

    /// <summary>Declined before anything was weighed: no curated phrasing is near in meaning (the meaning floor).</summary>
    public const string DeclineMeaningFloor = "decline-meaning-floor";

    /// <summary>Declined before anything was weighed: a topic the article never names, with no FAQ entry close.</summary>
    public const string DeclineUncoveredTopic = "decline-uncovered-topic";

    /// <summary>Without meaning: the classifier's top intent reached the answer threshold.</summary>
    public const string Classifier = "classifier";

    /// <summary>With meaning, without the combiner: the pooled classifier-and-nearest-phrasing top intent reached the fused answer threshold.</summary>
    public const string Fused = "fused";

    /// <summary>Without the combiner: the leading FAQ entries shared enough of the confidence to ask which was meant.</summary>
    public const string ClarifyThreshold = "clarify-threshold";

    /// <summary>Without the combiner: no intent was confident enough, and the best BM25 passage (close in meaning too, with meaning) was given.</summary>
    public const string Retrieval = "retrieval-bm25";

    /// <summary>Without the combiner: nothing reached a threshold and retrieval found nothing.</summary>
    public const string DeclineBelowThreshold = "decline-below-threshold";

    /// <summary>With the combiner: small talk, a hand-off, guidance or an out-of-scope exemplar led the pooled ranking clearly.</summary>
    public const string FusedNotFaq = "fused-not-faq";

    /// <summary>The calibrated combiner judged the question out of scope.</summary>
    public const string CombinerDecline = "combiner-decline";

    /// <summary>The calibrated combiner judged the top FAQ entry likely right.</summary>
    public const string CombinerAnswer = "combiner-answer";

    /// <summary>The calibrated combiner judged the question answerable but the top entry uncertain: it asks which was meant.</summary>
    public const string CombinerClarify = "combiner-clarify";

    /// <summary>The combiner would have asked, but fewer than two entries could be offered: the top FAQ entry (or a decline without one).</summary>
    public const string CombinerFallback = "combiner-fallback";
}
