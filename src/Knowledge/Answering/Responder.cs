using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Retrieval;
using MarrowBot.Knowledge.Text;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Knowledge.Understanding;
using Microsoft.Extensions.Options;

namespace MarrowBot.Knowledge.Answering;

/// <summary>
/// Decides what the bot says to a message, as a pure function of the text, its triage result, the conversation
/// memory, the content and the settings. The safety reply, when there is one, always comes first; an emergency
/// gets nothing else. Every medical statement is curated text from data/, with its citation; when nothing curated
/// fits, it says so instead of guessing.
/// </summary>
public sealed class Responder
{
    /// <summary>Intent reported for replies that no classifier intent produced.</summary>
    public const string IntentNone = "none";
    public const string IntentRetrieval = "retrieval";
    public const string IntentUnknown = "unknown";
    public const string IntentEmpty = "empty";
    public const string IntentNoText = "no-text";
    public const string IntentOtherLanguage = "other-language";
    public const string IntentWelcome = "welcome";
    public const string IntentError = "error";
    public const string IntentLongMessage = "long-message";

    /// <summary>How much of a long message's start is read for a question: a few sentences.</summary>
    public const int FirstPartChars = 300;

    /// <summary>What an answer to a message over <see cref="ResponderOptions.MaxMessageChars"/> starts with.</summary>
    public const string LongMessagePreface = "That's a long message, so I've answered from its first part. If you meant something else, please ask it in a sentence or two. ";

    /// <summary>How far down the ranking a clarifying question looks for entries on other parts of the article.</summary>
    private const int OfferedCandidates = 6;

    private static readonly string[] StarterIntents = ["what-is-marrow-failure", "causes", "symptoms"];
    private static readonly HashSet<string> QuestionWords = new(StringComparer.Ordinal)
    {
        "what", "when", "why", "how", "is", "are", "can", "could", "should", "would", "does", "do", "will", "which", "who", "where", "whats",
    };

    private readonly KnowledgeBase _knowledge;
    private readonly IIntentClassifier _classifier;
    private readonly PassageIndex _index;
    private readonly ResponderOptions _options;
    private readonly SafetyOptions _contacts;
    private readonly SafetyReplies _safety;
    private readonly MeaningIndex? _meaning;
    private readonly IntentFusion _fusion;
    private readonly AnswerThresholds _thresholds;
    private readonly KnownTerms _known;
    private readonly AnswerCombiner? _combiner;

    /// <param name="meaning">The content's vectors; null when embeddings are off (Embeddings:Provider None): words only.</param>
    /// <param name="combiner">
    /// The calibrated answer combiner (data/answer-combiner.json); used with meaning, when it was trained for this
    /// encoder and pooling, instead of the fused answer and clarify thresholds.
    /// </param>
    public Responder(KnowledgeBase knowledge, IIntentClassifier classifier, PassageIndex index, SafetyReplies safety, IOptions<ResponderOptions> options, IOptions<SafetyOptions> contacts, MeaningIndex? meaning = null, AnswerCombiner? combiner = null)
    {
        _safety = safety;
        _knowledge = knowledge;
        _classifier = classifier;
        _index = index;
        _options = options.Value;
        _contacts = contacts.Value;
        _meaning = meaning;
        _fusion = new IntentFusion(classifier, meaning?.Exemplars, new FusionSettings(_options.ClassifierWeight, _options.MeaningTemperature, _options.MeaningNeighbours));
        _thresholds = meaning is null
            ? new AnswerThresholds(_options.AnswerThreshold, _options.ClarifyThreshold, 0)
            : new AnswerThresholds(_options.FusedAnswerThreshold, _options.FusedClarifyThreshold, _options.MeaningFloor);
        _known = KnownTerms.From(knowledge);
        _combiner = meaning is not null && combiner is not null && combiner.Fits(meaning.ModelId, _fusion.Settings) ? combiner : null;
    }

    /// <summary>Whether the calibrated combiner decides between answering, asking and declining.</summary>
    public bool UsesCombiner => _combiner is not null;

    /// <summary>Whether answers are chosen by meaning as well as words.</summary>
    public bool UsesMeaning => _meaning is not null;

    /// <summary>The greeting for a new conversation: what the bot is for, that it does not diagnose, and what to do in an emergency.</summary>
    public Reply Welcome() => new(
        ReplyKind.Welcome,
        "Hello, I'm MarrowBot. I share general information about bone marrow failure from a reviewed patient article. " +
        "I can't diagnose you or give personal medical advice; your care team can. " +
        $"If you feel very unwell or think it's an emergency, call {_contacts.EmergencyText} now.",
        IntentWelcome,
        1f,
        [],
        [],
        Starters()) { Path = ReplyPath.Welcome };

    /// <summary>The calm apology sent when a turn fails for a reason of our own.</summary>
    public Reply Apology() => Apology(_contacts);

    /// <summary>The apology, usable even when no responder could be built.</summary>
    public static Reply Apology(SafetyOptions contacts) => new(
        ReplyKind.Error,
        "I'm sorry, something went wrong on my side and I couldn't answer that. Please try again in a moment. " +
        $"If you're worried about your health, contact {contacts.CareTeamText}; in an emergency call {contacts.EmergencyText}.",
        IntentError,
        0f,
        [],
        [],
        []) { Path = ReplyPath.Error };

    /// <summary>
    /// The replies to one message. <paramref name="triage"/> is the result of triaging this message, which the
    /// host runs first, before anything else that could fail.
    /// </summary>
    public TurnResult Respond(string? text, ConversationMemory memory, TriageResult? triage = null)
    {
        // Triage has read the whole message; answering reads at most its first part, folded for matching (the same
        // folding triage uses), so neither disguised nor malformed characters nor sheer length decide the answer.
        var longMessage = text?.Length > _options.MaxMessageChars;
        text = TextFolder.ForMatching(longMessage ? Head(text!, _options.MaxMessageChars) : text);
        triage ??= TriageResult.None;
        var replies = new List<Reply>();
        var next = memory with { Welcomed = true, FollowUp = null };

        var safety = SafetyReply(text, memory, triage, out var followUpAnswered);
        if (safety is not null)
        {
            replies.Add(safety);
            next = next with
            {
                EscalatedTier = Max(memory.EscalatedTier, safety.Triage),
                LastTriageTier = safety.Triage,
                LastTriageCategories = safety.TriageCategories,
                FollowUp = safety.Suggestions.Any(s => s.Value == SafetyReplies.NoneOfThese) ? new TriageFollowUp(safety.Triage, safety.TriageCategories) : null,
            };

            // A red flag interrupts whatever dialog was in progress.
            if (safety.Triage >= TriageTier.Urgent)
            {
                next = next with { PendingChoices = [], PendingForget = false };
            }

            // Nothing else competes with an emergency.
            if (safety.Triage == TriageTier.Emergency)
            {
                return new TurnResult(replies, next);
            }
        }

        if (!memory.Welcomed)
        {
            replies.Add(Welcome());
        }

        if (followUpAnswered || (safety is not null && !IsQuestion(text)))
        {
            return new TurnResult(replies, next with { PendingForget = false });
        }

        if (ForgetMeTurn(text, memory, safety is not null) is { } forget)
        {
            replies.Add(forget.Reply with { Path = ReplyPath.ForgetMe });
            return new TurnResult(replies, next with { PendingForget = forget.Pending, PendingChoices = [] }) { ForgetConversation = forget.Erase };
        }

        next = next with { PendingForget = false };

        var (reply, choices) = Answer(longMessage ? FirstPart(text) : text, next.PendingChoices, triage.EncodedTokens);
        if (longMessage)
        {
            (reply, choices) = reply.Kind == ReplyKind.Answer ? (reply with { Text = LongMessagePreface + reply.Text }, choices) : (LongMessage(), []);
        }

        if (safety is null || reply.Kind == ReplyKind.Answer)
        {
            replies.Add(reply);
            next = next with { PendingChoices = choices };
        }

        return new TurnResult(replies, next);
    }

    /// <summary>"Forget me", then a confirmation; any other answer to the confirmation cancels it.</summary>
    private static (Reply Reply, bool Pending, bool Erase)? ForgetMeTurn(string text, ConversationMemory memory, bool safetyReplied)
    {
        var normalized = ForgetMe.Normalize(text);
        if (memory.PendingForget && !safetyReplied)
        {
            return ForgetMe.IsYes(normalized) ? (ForgetMe.Done(), false, true)
                : ForgetMe.IsNo(normalized) ? (ForgetMe.Kept(), false, false)
                : ForgetMe.IsRequest(normalized) ? (ForgetMe.Ask(), true, false)
                : null;
        }

        return ForgetMe.IsRequest(normalized) ? (ForgetMe.Ask(), true, false) : null;
    }

    /// <summary>The safety reply for this message, if any; also answers a pending follow-up and the safety buttons.</summary>
    private Reply? SafetyReply(string text, ConversationMemory memory, TriageResult triage, out bool followUpAnswered)
    {
        followUpAnswered = false;
        if (triage.EngineFailed)
        {
            return _safety.Unavailable() with { Path = ReplyPath.TriageUnavailable };
        }

        if (memory.FollowUp is { } pending && AnswersFollowUp(text))
        {
            followUpAnswered = true;
            var tier = Max(pending.TierReached, triage.Tier);
            var categories = triage.Categories.Concat(pending.Categories).Distinct(StringComparer.Ordinal).ToList();
            var closing = triage.Tier > pending.TierReached
                ? _safety.For(tier, categories, askFollowUp: false)
                : _safety.FollowUpClosed(tier, categories);
            return closing with { Path = ReplyPath.TriageFollowUp, Evidence = ReplyEvidence.From(triage) };
        }

        if (triage.Tier == TriageTier.None && memory.LastTriageTier >= TriageTier.Urgent
            && _safety.ForButton(text, memory.LastTriageTier, memory.LastTriageCategories) is { } button)
        {
            followUpAnswered = true;
            return button with { Path = ReplyPath.TriageButton };
        }

        return triage.Tier == TriageTier.None ? null : SafetyFirst(triage);
    }

    /// <summary>
    /// The safety reply to a message read on its own, before the conversation's memory is known: the host sends it
    /// at once for an urgent or emergency message, then calls <see cref="Respond"/> with the memory and without a
    /// pending follow-up (the message is treated on its own), whose own safety reply is this one again.
    /// </summary>
    public Reply SafetyFirst(TriageResult triage) =>
        triage.EngineFailed
            ? _safety.Unavailable() with { Path = ReplyPath.TriageUnavailable }
            : _safety.For(triage.Tier, triage.Categories, triage.NeedsFollowUp) with { Path = ReplyPath.Triage, Evidence = ReplyEvidence.From(triage) };

    /// <summary>Only the safety part of a turn, for when answering failed after triage found something.</summary>
    public TurnResult SafetyOnly(ConversationMemory memory, TriageResult triage)
    {
        var result = Respond(string.Empty, memory with { Welcomed = true }, triage);
        return result with { Replies = [.. result.Replies.Where(r => r.Kind == ReplyKind.Triage), Apology()] };
    }

    /// <summary>
    /// Whether a message answers the triage follow-up: one of its buttons, a reading, or a short reply ("no",
    /// "yes, shaking"). A long new message starts afresh: it is triaged on its own, and the earlier tier stays in
    /// the conversation's escalation flag.
    /// </summary>
    private bool AnswersFollowUp(string text) =>
        _safety.FollowUpAnswers.Contains(text.Trim(), StringComparer.OrdinalIgnoreCase)
        || text.Any(char.IsDigit)
        || TextNormalizer.Tokenize(text.ToLowerInvariant()).Count() <= 6;

    private static TriageTier Max(TriageTier a, TriageTier b) => a > b ? a : b;

    /// <summary>Whether the message asks something, so that a safety reply may be followed by an answer.</summary>
    private static bool IsQuestion(string text) =>
        text.Contains('?') || text.Split(['.', '!', '\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Any(part => TextNormalizer.Tokenize(part.ToLowerInvariant()).FirstOrDefault() is { } first && QuestionWords.Contains(first));

    /// <summary>The first part of a long message, cut at a word break within the first <paramref name="max"/> characters.</summary>
    private static string Head(string text, int max)
    {
        var cut = max;
        while (cut > max / 2 && !char.IsWhiteSpace(text[cut]))
        {
            cut--;
        }

        cut = cut > max / 2 ? cut : max;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut];
    }

    /// <summary>
    /// The opening sentences of a long message, up to <see cref="FirstPartChars"/> characters: where a question
    /// asked before a long story usually is. Classifying more of the story would only dilute it.
    /// </summary>
    private static string FirstPart(string text)
    {
        if (text.Length <= FirstPartChars)
        {
            return text;
        }

        var opening = text.AsSpan(0, FirstPartChars);
        var end = opening.LastIndexOf('?') is var question and > 0 ? question : opening.LastIndexOfAny(".!\n");
        return end > 0 ? text[..(end + 1)] : Head(text, FirstPartChars);
    }

    /// <summary>The kind reply to a long message whose first part asks nothing the bot can answer.</summary>
    private Reply LongMessage() => new(
        ReplyKind.Clarify,
        "Thank you for telling me all of that. I've read the whole message for anything urgent. It's longer than I can answer well, though: " +
        "could you ask your question in a sentence or two? Or pick one of these:",
        IntentLongMessage,
        0f,
        StarterSections(),
        [],
        Starters()) { Path = ReplyPath.LongMessage };

    /// <summary>The reply to a message that carried no text (an attachment, a card, a sticker).</summary>
    public Reply NoText() => new(
        ReplyKind.Clarify,
        "Thanks. I can only read typed messages, so I can't open attachments or pictures. " +
        "Please type your question, or pick one of these:",
        IntentNoText,
        0f,
        StarterSections(),
        [],
        Starters()) { Path = ReplyPath.NoText };

    /// <param name="spentByTriage">Word pieces triage's second opinion gave the encoder this turn (the rest of the turn's budget is the answer's).</param>
    private (Reply Reply, IReadOnlyList<string> Choices) Answer(string text, IReadOnlyList<string> pendingChoices, int spentByTriage)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return (string.IsNullOrWhiteSpace(text) ? Empty() : NoWords(), []);
        }

        if (ResolveChoice(normalized, pendingChoices) is { } chosen)
        {
            return (AnswerFaq(chosen, 1f) with { Path = ReplyPath.PickedChoice }, []);
        }

        if (LooksForeign(text, normalized))
        {
            return (OtherLanguage(), []);
        }

        var query = text.Length > MlNetIntentClassifier.MaxClassifiedChars ? text[..MlNetIntentClassifier.MaxClassifiedChars] : text;
        var vector = _meaning?.Embed(query, spentByTriage);
        var reading = _fusion.Predict(text, vector);
        var prediction = reading.Fused;
        var top = prediction.Top;

        var uncovered = _known.AsksAboutTheUnknown(text);
        if (DeclinedBeforeCombining(reading, uncovered) is { } declined)
        {
            return (Reported(DontKnow(top?.Probability ?? 0f, declined), reading), []);
        }

        if (_combiner is not null && vector is not null)
        {
            return Combined(text, query, vector, reading, uncovered);
        }

        if (top is not null && top.Probability >= _thresholds.Answer)
        {
            return (Reported(ForIntent(top, text, reading) with { Path = _meaning is null ? ReplyPath.Classifier : ReplyPath.Fused }, reading), []);
        }

        if (Clarification(prediction) is { } clarify)
        {
            return (Reported(clarify with { Path = ReplyPath.ClarifyThreshold }, reading), clarify.Suggestions.Select(s => FaqByQuestion(s.Value)!.Id).ToList());
        }

        if (Retrieve(text, vector) is { } retrieved)
        {
            return (Reported(retrieved with { Path = ReplyPath.Retrieval }, reading), []);
        }

        return (Reported(DontKnow(top?.Probability ?? 0f, ReplyPath.DeclineBelowThreshold), reading), []);
    }

    /// <summary>
    /// The reply with what the two opinions put first added to its evidence: the classifier's top intent and its
    /// probability, and the intent of the nearest curated phrasing and its similarity (identifiers and numbers only).
    /// </summary>
    private static Reply Reported(Reply reply, FusedPrediction reading, IEnumerable<ReplyEvidence>? more = null)
    {
        var evidence = new List<ReplyEvidence>(reply.Evidence);
        if (reading.Words.Top is { } words)
        {
            evidence.Add(new ReplyEvidence(ReplyEvidence.Classifier, words.Intent) { Score = words.Probability });
        }

        if (reading.Meaning.Count > 0)
        {
            evidence.Add(new ReplyEvidence(ReplyEvidence.Meaning, reading.Meaning[0].Intent) { Score = reading.Meaning[0].Score });
        }

        evidence.AddRange(more ?? []);
        return reply with { Evidence = evidence };
    }

    /// <summary>
    /// With the calibrated combiner (ADR 0022): small talk, hand-offs, guidance and out-of-scope exemplars that lead
    /// the pooled ranking clearly are answered as they are; otherwise the combiner declines what the article does
    /// not answer, answers the top FAQ entry when it is likely right, and in between asks which entry was meant.
    /// </summary>
    private (Reply Reply, IReadOnlyList<string> Choices) Combined(string text, string query, float[] vector, FusedPrediction reading, bool uncovered)
    {
        var top = reading.Fused.Top;
        if (LeadsClearlyNotFaq(top))
        {
            return (Reported(ForIntent(top!, text, reading) with { Path = ReplyPath.FusedNotFaq }, reading), []);
        }

        var evidence = Evidence(query, vector, reading, uncovered);
        var chances = new[]
        {
            new ReplyEvidence(ReplyEvidence.Combiner, "out-of-scope") { Score = (float)_combiner!.OutOfScopeChance(evidence) },
            new ReplyEvidence(ReplyEvidence.Combiner, "top-is-right") { Score = (float)_combiner.TopIsRightChance(evidence) },
        };
        if (_combiner.Declines(evidence))
        {
            return (Reported(DontKnow(top?.Probability ?? 0f, ReplyPath.CombinerDecline), reading, chances), []);
        }

        var topFaq = reading.Fused.Ranked.FirstOrDefault(s => _knowledge.FindFaq(s.Intent) is not null);
        if (topFaq is not null && _combiner.Answers(evidence))
        {
            return (Reported(ForIntent(topFaq, text, reading) with { Path = ReplyPath.CombinerAnswer }, reading, chances), []);
        }

        if (Clarification(reading.Fused, inScope: true) is { } clarify)
        {
            return (Reported(clarify with { Path = ReplyPath.CombinerClarify }, reading, chances), clarify.Suggestions.Select(s => FaqByQuestion(s.Value)!.Id).ToList());
        }

        var fallback = topFaq is not null ? ForIntent(topFaq, text, reading) : DontKnow(top?.Probability ?? 0f, ReplyPath.CombinerFallback);
        return (Reported(fallback with { Path = ReplyPath.CombinerFallback }, reading, chances), []);
    }

    private AnswerEvidence Evidence(string query, float[] vector, FusedPrediction reading, bool uncovered) =>
        AnswerEvidence.From(
            reading,
            intent => _knowledge.FindFaq(intent) is not null,
            _meaning!.NearestPassages(vector).FirstOrDefault()?.Score ?? 0,
            _index.Search(query, take: 1).FirstOrDefault(),
            uncovered,
            TextNormalizer.Normalize(query).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);

    /// <summary>
    /// What the combiner weighs for <paramref name="text"/>, and the three FAQ entries leading the pooled ranking
    /// (those a clarifying question offers), and the kind of reply the rules before the combiner settle on (null
    /// when the combiner decides): for training the combiner (tools/AnswerCombiner) with the very code that answers,
    /// and measuring what the responder as a whole does. Null without meaning.
    /// </summary>
    public (AnswerEvidence Evidence, IReadOnlyList<string> TopFaqs, ReplyKind? Settled)? Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_meaning is null)
        {
            return null;
        }

        var query = text.Length > MlNetIntentClassifier.MaxClassifiedChars ? text[..MlNetIntentClassifier.MaxClassifiedChars] : text;
        var vector = _meaning.Embed(query);
        var reading = _fusion.Predict(text, vector);
        var topFaqs = Offered(reading.Fused).Select(s => s.Intent).ToList();
        var uncovered = _known.AsksAboutTheUnknown(text);
        return (Evidence(query, vector, reading, uncovered), topFaqs, Settled(text, reading, uncovered));
    }

    /// <summary>
    /// The rules that decline before anything is weighed: no phrasing of any intent is near the message in meaning
    /// (nothing curated fits), or the question is about something the article never names (a transplant, a cost, a
    /// remedy) and no FAQ entry is close, so it is declined honestly rather than answered with a neighbouring entry.
    /// </summary>
    /// <returns>The path that declines (<see cref="ReplyPath.DeclineMeaningFloor"/> or <see cref="ReplyPath.DeclineUncoveredTopic"/>), or null.</returns>
    private string? DeclinedBeforeCombining(FusedPrediction reading, bool uncovered)
    {
        var nearest = reading.Meaning.Count > 0 ? reading.Meaning[0].Score : 1f;
        if (nearest < _thresholds.MeaningFloor)
        {
            return ReplyPath.DeclineMeaningFloor;
        }

        return _meaning is not null && uncovered && !IsConversational(reading.Fused.Top)
            && reading.Meaning.FirstOrDefault(m => _knowledge.FindFaq(m.Intent) is not null)?.Score < _options.UncoveredTopicSimilarity
            ? ReplyPath.DeclineUncoveredTopic
            : null;
    }

    /// <summary>Small talk, a hand-off, guidance or an out-of-scope exemplar leads the pooled ranking clearly: answered as it is.</summary>
    private bool LeadsClearlyNotFaq(IntentScore? top) => top is not null && _knowledge.FindFaq(top.Intent) is null && top.Probability >= _thresholds.Answer;

    /// <summary>The reply kind the rules before the combiner give (null when the combiner decides).</summary>
    private ReplyKind? Settled(string text, FusedPrediction reading, bool uncovered)
    {
        if (DeclinedBeforeCombining(reading, uncovered) is not null)
        {
            return ReplyKind.Decline;
        }

        return LeadsClearlyNotFaq(reading.Fused.Top) ? ForIntent(reading.Fused.Top!, text, reading).Kind : null;
    }

    private bool IsConversational(IntentScore? score) => score is not null && _knowledge.FindConversational(score.Intent) is { Kind: not ConversationalKind.Decline };

    private Reply ForIntent(IntentScore score, string? question = null, FusedPrediction? reading = null)
    {
        if (_knowledge.FindFaq(score.Intent) is { } faq)
        {
            var reply = AnswerFaq(faq, score.Probability);
            return question is not null && !WrittenFor(faq, score, reading) && PolarOpener.IsPolarQuestion(question)
                ? reply with { Text = PolarOpener.Strip(reply.Text) }
                : reply;
        }

        if (_knowledge.FindGuidance(score.Intent) is { } guidance)
        {
            return AnswerGuidance(guidance, score.Probability);
        }

        var intent = _knowledge.FindConversational(score.Intent)!;
        var kind = intent.Kind switch
        {
            ConversationalKind.Handoff => ReplyKind.Handoff,
            ConversationalKind.Decline => ReplyKind.Decline,
            _ => ReplyKind.Smalltalk,
        };
        var text = Pick(intent.Replies, score.Intent);
        var suggestions = intent.Id is ConversationalIntents.Greeting or ConversationalIntents.Help ? Starters() : [];
        var sections = suggestions.Count > 0 ? StarterSections() : [];
        if (kind is ReplyKind.Handoff or ReplyKind.Decline)
        {
            text = $"{text} If it's urgent, contact {_contacts.CareTeamText}; in an emergency call {_contacts.EmergencyText}.";
        }

        return new Reply(kind, text, intent.Id, score.Probability, sections, [], suggestions);
    }

    private Reply AnswerFaq(FaqEntry faq, float confidence)
    {
        var citations = faq.Passages.Select((id, i) =>
        {
            var passage = _knowledge.Passage(id);
            return new Citation(i + 1, passage.Id, passage.Section, passage.Title, passage.Text);
        }).ToList();
        var markers = string.Join(" ", citations.Select(c => $"[{c.Position}]"));
        var suggestions = faq.FollowUps.Take(3).Select(id => _knowledge.FindFaq(id)!).Select(f => new SuggestedAction(f.Question, f.Question)).ToList();
        return new Reply(ReplyKind.Answer, $"{faq.Answer} {markers}", faq.Id, confidence, faq.Sections, citations, suggestions);
    }

    /// <summary>What-to-do guidance from the triage policy, with this deployment's numbers; it cites no article section.</summary>
    private Reply AnswerGuidance(GuidanceEntry guidance, float confidence)
    {
        var text = guidance.Answer
            .Replace("{careTeam}", _contacts.CareTeamText, StringComparison.Ordinal)
            .Replace("{emergency}", _contacts.EmergencyText, StringComparison.Ordinal)
            .Replace("{fever}", _contacts.FeverThresholdText, StringComparison.Ordinal)
            .Replace("{low}", _contacts.LowTemperatureText, StringComparison.Ordinal)
            .Replace("{crisis}", _contacts.CrisisText, StringComparison.Ordinal);
        var others = _knowledge.Guidance.Where(g => g.Id != guidance.Id).Take(2).Select(g => new SuggestedAction(g.Question, g.Question)).ToList();
        return new Reply(ReplyKind.Answer, text, guidance.Id, confidence, [], [], others);
    }

    /// <summary>
    /// Whether a yes/no answer was written for this question: the classifier or the nearest phrasing is all but
    /// certain of the entry. Otherwise a polar question matched to the entry loses the answer's "Yes."/"No." opener,
    /// which answered the entry's own question and maybe not this one.
    /// </summary>
    private bool WrittenFor(FaqEntry faq, IntentScore score, FusedPrediction? reading)
    {
        var meaning = reading?.Meaning.FirstOrDefault(m => m.Intent == faq.Id)?.Score ?? 0f;
        var words = reading?.Words.Ranked.FirstOrDefault(r => r.Intent == faq.Id)?.Probability ?? score.Probability;
        return meaning >= _options.PolarWrittenForSimilarity || (reading?.Meaning.Count == 0 && words >= _options.PolarWrittenForProbability);
    }

    /// <summary>
    /// The three FAQ entries a clarifying question from the combiner offers: the leading entries, in order, passing over one whose
    /// sections the entries already taken all cite (it restates the same part of the article, so offering it adds
    /// nothing a reader could not reach from the others) in favour of the next one that adds a part, among the
    /// first <see cref="OfferedCandidates"/>; entries passed over fill any places left.
    /// </summary>
    private IReadOnlyList<IntentScore> Offered(IntentPrediction prediction)
    {
        var candidates = prediction.Ranked.Where(s => _knowledge.FindFaq(s.Intent) is not null).Take(OfferedCandidates).ToList();
        var taken = new List<IntentScore>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            var sections = _knowledge.FindFaq(candidate.Intent)!.Sections;
            if (taken.Count < 3 && (taken.Count == 0 || sections.Any(section => !covered.Contains(section))))
            {
                taken.Add(candidate);
                covered.UnionWith(sections);
            }
        }

        return taken.Concat(candidates.Except(taken).Take(3 - taken.Count))
            .OrderBy(candidates.IndexOf)
            .ToList();
    }

    /// <param name="inScope">The combiner has judged the question answerable: offer the top entries whatever their
    /// share, spread over the article (<see cref="Offered"/>); otherwise the three leading entries with a share.</param>
    private Reply? Clarification(IntentPrediction prediction, bool inScope = false)
    {
        // The top three FAQ entries (other intents are not offered as choices) with a share of the confidence.
        var options = (inScope ? Offered(prediction) : prediction.Ranked.Where(s => _knowledge.FindFaq(s.Intent) is not null).Take(3))
            .Select(s => (Score: s, Faq: _knowledge.FindFaq(s.Intent)))
            .Where(o => inScope || o.Score.Probability >= _thresholds.Clarify / 4)
            .ToList();
        if (!inScope && prediction.Top is { } top && _knowledge.FindFaq(top.Intent) is null && top.Probability >= _thresholds.Clarify)
        {
            return null; // small talk, a hand-off or out of scope leads: not a choice between topics
        }

        if (options.Count < 2 || (!inScope && options.Sum(o => o.Score.Probability) < _thresholds.Clarify))
        {
            return null;
        }

        return new Reply(
            ReplyKind.Clarify,
            "I want to be sure I give you the right information. Which of these did you mean?",
            options[0].Faq!.Id,
            options[0].Score.Probability,
            options.SelectMany(o => o.Faq!.Sections).Distinct(StringComparer.Ordinal).ToList(),
            [],
            options.Select(o => new SuggestedAction(o.Faq!.Question, o.Faq.Question)).ToList());
    }

    private Reply? Retrieve(string text, float[]? vector)
    {
        var query = text.Length > MlNetIntentClassifier.MaxClassifiedChars ? text[..MlNetIntentClassifier.MaxClassifiedChars] : text;
        var best = _index.Search(query, take: 1).FirstOrDefault();
        if (best is null || best.Score < _options.RetrievalMinScore || best.MatchedTerms < _options.RetrievalMinMatchedTerms)
        {
            return null;
        }

        // With meaning, words alone do not hand over a passage: it must also be among the closest in meaning.
        if (_meaning is not null && vector is not null
            && !_meaning.NearestPassages(vector).Take(3).Any(m => m.Passage.Id == best.Passage.Id && m.Score >= _options.RetrievalMinSimilarity))
        {
            return null;
        }

        var passage = best.Passage;
        var followUps = _knowledge.Faqs.Where(f => f.Passages.Contains(passage.Id)).Take(3)
            .Select(f => new SuggestedAction(f.Question, f.Question)).ToList();
        var confidence = (float)Math.Min(1.0, best.Score / (2 * _options.RetrievalMinScore));
        return new Reply(
            ReplyKind.Answer,
            $"This is the closest thing in my reviewed information: {passage.Text} [1]",
            IntentRetrieval,
            confidence,
            [passage.Section],
            [new Citation(1, passage.Id, passage.Section, passage.Title, passage.Text)],
            followUps);
    }

    private Reply DontKnow(float confidence, string path) => new(
        ReplyKind.Decline,
        "I'm sorry, I don't have reviewed information that answers that, and I'd rather not guess. " +
        $"Your care team can help with it; if it's urgent, contact {_contacts.CareTeamText}, and in an emergency call {_contacts.EmergencyText}. " +
        "You could also try asking in other words, or pick one of these topics:",
        IntentUnknown,
        confidence,
        StarterSections(),
        [],
        Starters()) { Path = path };

    private Reply Empty() => new(
        ReplyKind.Clarify,
        "I didn't catch a question there. You can type it in your own words, or pick one of these:",
        IntentEmpty,
        0f,
        StarterSections(),
        [],
        Starters()) { Path = ReplyPath.Empty };

    private Reply NoWords() => new(
        ReplyKind.Clarify,
        "I can only understand words for now, not emoji or symbols on their own. Could you type your question? Or pick one of these:",
        IntentEmpty,
        0f,
        StarterSections(),
        [],
        Starters()) { Path = ReplyPath.Empty };

    private Reply OtherLanguage() => new(
        ReplyKind.Decline,
        "I'm sorry, I can only answer in English at the moment. Your care team can help in your language, and can arrange an interpreter. " +
        $"In an emergency call {_contacts.EmergencyText}.",
        IntentOtherLanguage,
        0f,
        [],
        [],
        []) { Path = ReplyPath.OtherLanguage };

    /// <summary>
    /// A message is taken as not English when most of its letters are outside the Latin script, or when it has
    /// at least two function words of another common language and more of those than English ones. Unknown English
    /// words ("zebra timetable") are not evidence of another language, so the check counts only function words.
    /// </summary>
    private static bool LooksForeign(string text, string normalized)
    {
        var letters = text.Count(char.IsLetter);
        if (letters == 0)
        {
            return false;
        }

        var latin = text.Count(c => char.IsLetter(c) && c < '\u0250');
        if (latin * 2 < letters)
        {
            return true;
        }

        var words = TextNormalizer.Tokenize(normalized).ToList();
        var foreign = words.Count(StopWords.OtherLanguages.Contains);
        var english = words.Count(StopWords.English.Contains);
        return foreign >= 2 && foreign > english;
    }

    /// <summary>The confidence needed to answer and to ask which topic was meant, and the no-good-match floor.</summary>
    private sealed record AnswerThresholds(double Answer, double Clarify, double MeaningFloor);

    private FaqEntry? ResolveChoice(string normalized, IReadOnlyList<string> pending)
    {
        if (pending.Count == 0)
        {
            return null;
        }

        int? index = normalized switch
        {
            "1" or "one" or "first" or "the first" or "the first one" or "first one" => 0,
            "2" or "two" or "second" or "the second" or "the second one" or "second one" => 1,
            "3" or "three" or "third" or "the third" or "the third one" or "third one" => 2,
            _ => null,
        };
        return index is { } i && i < pending.Count ? _knowledge.FindFaq(pending[i]) : null;
    }

    private FaqEntry? FaqByQuestion(string question) =>
        _knowledge.Faqs.FirstOrDefault(f => string.Equals(f.Question, question, StringComparison.Ordinal));

    private List<SuggestedAction> Starters() =>
        StarterIntents.Select(id => _knowledge.FindFaq(id)).OfType<FaqEntry>().Select(f => new SuggestedAction(f.Question, f.Question)).ToList();

    private List<string> StarterSections() =>
        StarterIntents.Select(id => _knowledge.FindFaq(id)).OfType<FaqEntry>().SelectMany(f => f.Sections).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Chooses among alternative replies by a stable hash, so the same message always gets the same wording.</summary>
    private static string Pick(IReadOnlyList<string> replies, string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return replies[(int)(hash % (uint)replies.Count)];
    }
}
