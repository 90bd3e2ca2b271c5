using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Tests.Properties;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Text;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Tests.Answering;

/// <summary>
/// A reply's evidence goes back to the client in the outcome entity and into the staff transcript: it may name the
/// curated data's identifiers and carry numbers, never the person's words. Every field of every piece of evidence
/// must be a word of that vocabulary, so no word of a message outside it can get there.
/// </summary>
public sealed class ReplyEvidencePrivacyTests
{
    private static readonly ConversationMemory Welcomed = ConversationMemory.New with { Welcomed = true };
    private static readonly Lazy<Responder> LazyResponder = new(() => SharedMeaning.Responder());
    private static readonly Lazy<HashSet<string>> LazyVocabulary = new(BuildVocabulary);

    private static HashSet<string> Vocabulary => LazyVocabulary.Value;

    public static TheoryData<string> Sets => new() { "triage-set.json", "triage-dev2.json" };

    [Theory]
    [MemberData(nameof(Sets))]
    public void The_evidence_of_every_reply_to_a_development_set_is_made_of_the_curated_vocabulary_alone(string set)
    {
        var messages = TriageSet.Load(set).Select(i => i.Text).Concat(HeldOutSet.Intents().Select(i => i.Text)).ToList();
        var fired = 0;
        foreach (var message in messages)
        {
            var evidence = EvidenceFor(message);
            fired += evidence.Count(e => e.Source is ReplyEvidence.TriageRule or ReplyEvidence.TriageMeaning);
            var outside = evidence.SelectMany(Fields).Where(f => !Vocabulary.Contains(f)).ToList();
            Assert.True(outside.Count == 0, $"evidence outside the vocabulary: {string.Join(", ", outside)}");
            var ownWords = TextNormalizer.Tokenize(TextFolder.ForMatching(message).ToLowerInvariant()).Where(w => !Vocabulary.Contains(w)).ToHashSet(StringComparer.Ordinal);
            Assert.DoesNotContain(evidence.SelectMany(Fields), ownWords.Contains);
        }

        Assert.True(fired > messages.Count / 4, $"only {fired} triage findings over {messages.Count} messages: the set did not exercise triage");
    }

    [Property(MaxTest = 150)]
    public Property Words_of_the_message_never_reach_the_evidence_even_beside_a_red_flag() =>
        Prop.ForAll(
            TextGenerators.Arb(
                from flag in TextGenerators.RedFlagMessage
                from made in Gen.Choose(0, 25).Select(c => (char)('a' + c)).ArrayOf(6).Select(cs => "qz" + new string(cs))
                from before in Gen.Elements(true, false)
                select (Message: before ? $"{made} {flag}" : $"{flag}, {made} {made}s", Made: made)),
            sample =>
            {
                var fields = EvidenceFor(sample.Message).SelectMany(Fields).ToList();
                return fields.All(Vocabulary.Contains) && !fields.Any(f => f.Contains(sample.Made, StringComparison.OrdinalIgnoreCase));
            });

    private static List<ReplyEvidence> EvidenceFor(string message)
    {
        var triage = SharedMeaningTriage.Host.Assess(message);
        var replies = LazyResponder.Value.Respond(message, Welcomed, triage).Replies;
        return [.. replies.SelectMany(r => r.Evidence), .. (triage.Tier >= TriageTier.Urgent ? LazyResponder.Value.SafetyFirst(triage).Evidence : [])];
    }

    /// <summary>The text fields of a piece of evidence (the score is a number).</summary>
    private static IEnumerable<string> Fields(ReplyEvidence evidence) =>
        new[] { evidence.Source, evidence.Id, evidence.Category, evidence.Tier?.ToString(), evidence.Exemplar }.OfType<string>();

    /// <summary>What evidence may say: the sources, the lexicon's rule, vital sign and combination ids and categories, the red flags and their phrasing numbers, intents, the combiner's models and the tiers.</summary>
    private static HashSet<string> BuildVocabulary()
    {
        var lexicon = SharedTriage.Lexicon;
        var exemplars = SharedMeaningTriage.Exemplars;
        var knowledge = SharedKnowledge.Knowledge;
        return new HashSet<string>(
            new[] { ReplyEvidence.TriageRule, ReplyEvidence.TriageMeaning, ReplyEvidence.Classifier, ReplyEvidence.Meaning, ReplyEvidence.Combiner, "out-of-scope", "top-is-right" }
                .Concat(["temperature-reading", "bleeding-long", "bleeding-under-pressure", SafeTriageEngine.UnavailableCategory, "fever", "low-temperature"])
                .Concat(lexicon.Rules.SelectMany(r => new[] { r.Id, r.Category }))
                .Concat(lexicon.Vitals.SelectMany(v => new[] { v.Id, v.Category }))
                .Concat(lexicon.Combinations.SelectMany(c => new[] { c.Id, c.Category }.OfType<string>()))
                .Concat(lexicon.Why.Keys)
                .Concat(exemplars.Phrasings.SelectMany(p => new[] { MeaningTriageEngine.RulePrefix + p.Id, p.Key, p.Category }))
                .Concat(TrainingExample.From(knowledge).Select(t => t.Intent))
                .Concat(Enum.GetNames<TriageTier>()),
            StringComparer.Ordinal);
    }
}
