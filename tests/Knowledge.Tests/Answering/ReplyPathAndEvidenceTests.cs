using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Knowledge.Understanding;

namespace MarrowBot.Knowledge.Tests.Answering;

/// <summary>
/// What the responder reports about its replies (issue 11, the transcript's annotations): the path that chose each
/// reply and the evidence that fired, through the responder and triage the host builds with embeddings on (meaning,
/// the calibrated combiner, the second opinion by meaning). The assertions read what the responder and triage
/// themselves decided, not numbers copied from a run.
/// </summary>
public sealed class ReplyPathAndEvidenceTests
{
    private static readonly ConversationMemory Welcomed = ConversationMemory.New with { Welcomed = true };
    private static readonly Lazy<Responder> LazyResponder = new(() => SharedMeaning.Responder());

    private static Responder Responder => LazyResponder.Value;

    private static AnswerCombiner Combiner => SharedMeaning.Combiner!;

    [Fact]
    public void An_answer_names_the_combiner_as_its_path_and_carries_the_opinions_and_chances_it_was_chosen_on()
    {
        var reply = Respond("what causes bone marrow failure?").Single();

        Assert.True(Responder.UsesCombiner);
        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal(ReplyPath.CombinerAnswer, reply.Path);
        Assert.Contains(reply.Evidence, e => e.Source == ReplyEvidence.Classifier && SharedKnowledge.Knowledge.FindFaq(e.Id) is not null && e.Score is > 0 and <= 1);
        Assert.Contains(reply.Evidence, e => e.Source == ReplyEvidence.Meaning && e.Score is > 0 and <= 1);
        Assert.True(Chance(reply, "top-is-right") >= Combiner.TopIsRight.Threshold);
        Assert.True(Chance(reply, "out-of-scope") < Combiner.OutOfScope.Threshold);
        Assert.DoesNotContain(reply.Evidence, e => e.Source is ReplyEvidence.TriageRule or ReplyEvidence.TriageMeaning);
    }

    [Fact]
    public void A_clarifying_question_names_the_combiner_as_its_path_with_an_in_scope_but_uncertain_top_entry()
    {
        var reply = Respond("how is it treated and what about tiredness").Single();

        Assert.Equal(ReplyKind.Clarify, reply.Kind);
        Assert.Equal(ReplyPath.CombinerClarify, reply.Path);
        Assert.True(Chance(reply, "out-of-scope") < Combiner.OutOfScope.Threshold);
        Assert.True(Chance(reply, "top-is-right") < Combiner.TopIsRight.Threshold);
    }

    [Theory]
    [InlineData("how much does a transplant cost?")]
    [InlineData("what's the weather in paris")]
    public void A_declined_question_names_the_rule_that_declined_it(string question)
    {
        var reply = Respond(question).Single();

        Assert.Equal(ReplyKind.Decline, reply.Kind);
        Assert.Equal(Responder.IntentUnknown, reply.Intent);
        Assert.Contains(reply.Path, new[] { ReplyPath.DeclineUncoveredTopic, ReplyPath.DeclineMeaningFloor, ReplyPath.CombinerDecline });
        if (reply.Path == ReplyPath.CombinerDecline)
        {
            Assert.True(Chance(reply, "out-of-scope") >= Combiner.OutOfScope.Threshold);
        }
    }

    [Fact]
    public void An_emergency_reply_names_triage_as_its_path_and_carries_every_rule_that_fired_with_its_category_and_tier()
    {
        const string message = "I have crushing chest pain and can't breathe";
        var triage = SharedMeaningTriage.Host.Assess(message);

        var replies = Respond(message, triage);

        var reply = Assert.Single(replies);
        Assert.Equal(TriageTier.Emergency, triage.Tier);
        Assert.Equal(ReplyKind.Triage, reply.Kind);
        Assert.Equal(ReplyPath.Triage, reply.Path);
        Assert.Equal(triage.Evidence.Select(f => f.Rule).Distinct(), reply.Evidence.Select(e => e.Id));
        Assert.All(reply.Evidence, e => Assert.Equal(ReplyEvidence.TriageRule, e.Source));
        Assert.Equal(triage.Categories.ToHashSet(), reply.Evidence.Select(e => e.Category!).ToHashSet());
        Assert.Contains(reply.Evidence, e => e.Tier == TriageTier.Emergency);
        Assert.Equal(reply.Evidence, Responder.SafetyFirst(triage).Evidence);
    }

    [Fact]
    public void A_red_flag_found_by_meaning_is_named_by_its_id_and_phrasing_number_with_the_similarity_not_by_words()
    {
        var exemplars = SharedMeaningTriage.Exemplars.Phrasings.ToDictionary(p => p.Key);
        var (message, triage) = new[] { "triage-dev2.json", "blind-triage.json:dev", "triage-set.json" }.SelectMany(TriageSet.LoadNamed)
            .Select(item => (item.Text, Result: SharedMeaningTriage.Host.Assess(item.Text)))
            .First(m => m.Result.Evidence.Any(f => f.Rule.StartsWith(MeaningTriageEngine.RulePrefix, StringComparison.Ordinal)));

        var reply = Respond(message, triage).First(r => r.Kind == ReplyKind.Triage);

        var finding = triage.Evidence.First(f => f.Rule.StartsWith(MeaningTriageEngine.RulePrefix, StringComparison.Ordinal));
        var reported = Assert.Single(reply.Evidence, e => e.Source == ReplyEvidence.TriageMeaning);
        Assert.Equal(finding.Rule, reported.Id);
        Assert.Equal(finding.Similarity, reported.Score);
        var phrasing = exemplars[reported.Exemplar!];
        Assert.Equal(finding.Exemplar, phrasing.Text);
        Assert.Equal(MeaningTriageEngine.RulePrefix + phrasing.Id, reported.Id);
        Assert.DoesNotContain(reply.Evidence, e => e.ToString().Contains(phrasing.Text, StringComparison.OrdinalIgnoreCase));
    }

    private static IReadOnlyList<Reply> Respond(string text, TriageResult? triage = null) =>
        Responder.Respond(text, Welcomed, triage ?? SharedMeaningTriage.Host.Assess(text)).Replies;

    private static double Chance(Reply reply, string model) =>
        reply.Evidence.Single(e => e.Source == ReplyEvidence.Combiner && e.Id == model).Score!.Value;
}
