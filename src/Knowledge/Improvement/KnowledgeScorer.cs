using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Improvement;

/// <summary>
/// Scores a snapshot on the held-out sets, the way the evaluation tests score the responder: an answerable question
/// is right when the answer cites one of its sections, offered when a clarifying question offers an entry that
/// does; an out-of-scope one is right when declined. Triage is scored with the engine the bot runs (it does not
/// depend on the phrasings, so one triage score serves both sides of a comparison).
/// </summary>
public static class KnowledgeScorer
{
    public static KnowledgeFigures Score(KnowledgeSnapshot snapshot, HeldOutSets sets, TriageScore triage)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(triage);
        var knowledge = snapshot.Knowledge;
        int answerable = 0, rightOrOffered = 0, outOfScope = 0, declined = 0;
        foreach (var question in sets.Questions)
        {
            if (question.Kind is not ("answerable" or "out-of-scope"))
            {
                continue;
            }

            var reply = snapshot.Responder.Respond(question.Text, ConversationMemory.New with { Welcomed = true }).Replies[^1];
            if (question.Kind == "answerable")
            {
                answerable++;
                var right = reply.Kind == ReplyKind.Answer && reply.Sections.Any(question.Sections.Contains);
                var offered = reply.Kind == ReplyKind.Clarify
                    && reply.Suggestions.Any(s => knowledge.Faqs.FirstOrDefault(f => f.Question == s.Value)?.Sections.Any(question.Sections.Contains) == true);
                rightOrOffered += right || offered ? 1 : 0;
            }
            else
            {
                outOfScope++;
                declined += reply.Kind == ReplyKind.Decline ? 1 : 0;
            }
        }

        return new KnowledgeFigures(
            Share(rightOrOffered, answerable), answerable, Share(declined, outOfScope), outOfScope,
            triage.EmergencyRecall, triage.Emergencies, triage.UrgentOrWorseRecall, triage.UrgentOrWorse, triage.RegressionCases, triage.FailedRegressions);
    }

    /// <summary>Triage's figures on the held-out triage messages and the regression cases.</summary>
    public static TriageScore ScoreTriage(ITriageEngine engine, HeldOutSets sets, IReadOnlyList<RegressionCase> regressions)
    {
        ArgumentNullException.ThrowIfNull(engine);
        int emergencies = 0, emergenciesFound = 0, urgent = 0, urgentFound = 0;
        foreach (var item in sets.Triage)
        {
            if (item.Tier < TriageTier.Urgent)
            {
                continue;
            }

            var tier = engine.Assess(item.Text).Tier;
            urgent++;
            urgentFound += tier >= TriageTier.Urgent ? 1 : 0;
            if (item.Tier == TriageTier.Emergency)
            {
                emergencies++;
                emergenciesFound += tier == TriageTier.Emergency ? 1 : 0;
            }
        }

        var failed = regressions.Where(c => engine.Assess(c.Text).Tier < c.Tier).Select(c => c.Id).ToList();
        return new TriageScore(Share(emergenciesFound, emergencies), emergencies, Share(urgentFound, urgent), urgent, regressions.Count, failed);
    }

    private static double Share(int count, int of) => of == 0 ? 1 : count / (double)of;
}

/// <summary>Triage's part of <see cref="KnowledgeFigures"/>.</summary>
public sealed record TriageScore(double EmergencyRecall, int Emergencies, double UrgentOrWorseRecall, int UrgentOrWorse, int RegressionCases, IReadOnlyList<string> FailedRegressions);
