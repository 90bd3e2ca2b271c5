using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Triage;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace MarrowBot.Knowledge.Tests.Answering;

/// <summary>
/// What a person actually gets for the held-out phrasings, through the real classifier, thresholds and retrieval:
/// the right answer, a clarifying question that offers it, or a wrong-topic answer (the failure that matters).
/// </summary>
public sealed class ResponderEvaluationTests(ITestOutputHelper output)
{
    public const double RightAnswerOrOfferedFloor = 0.87;
    public const double WrongTopicCeiling = 0.08;
    public const double OutOfScopeDeclinedFloor = 0.80;

    [Fact]
    public void HeldOutFaqQuestionsGetTheirAnswerOrAreOfferedItAndRarelyAWrongTopic()
    {
        var responder = Build();
        var knowledge = SharedKnowledge.Knowledge;
        var faqItems = HeldOutSet.Intents().Where(i => knowledge.FindFaq(i.Intent) is not null).ToList();
        int right = 0, offered = 0, wrong = 0, declined = 0;
        foreach (var (text, intent) in faqItems)
        {
            var reply = responder.Respond(text, ConversationMemory.New with { Welcomed = true }).Replies.Single();
            var question = knowledge.FindFaq(intent)!.Question;
            switch (reply.Kind)
            {
                case ReplyKind.Answer when reply.Intent == intent || (reply.Intent == Responder.IntentRetrieval && reply.Sections.Intersect(knowledge.FindFaq(intent)!.Sections).Any()):
                    right++;
                    break;
                case ReplyKind.Answer:
                    wrong++;
                    output.WriteLine($"wrong: [{intent}] -> [{reply.Intent}] {text}");
                    break;
                case ReplyKind.Clarify when reply.Suggestions.Any(s => s.Value == question):
                    offered++;
                    break;
                default:
                    declined++;
                    output.WriteLine($"{reply.Kind}: [{intent}] -> [{reply.Intent}] {text}");
                    break;
            }
        }

        var n = (double)faqItems.Count;
        output.WriteLine($"n={faqItems.Count}: right answer {right / n:P1}, offered in a clarifying question {offered / n:P1}, wrong topic {wrong / n:P1}, declined or other {declined / n:P1}");
        Assert.True((right + offered) / n >= RightAnswerOrOfferedFloor, $"right or offered {(right + offered) / n:P1}");
        Assert.True(wrong / n <= WrongTopicCeiling, $"wrong topic {wrong / n:P1}");
    }

    [Fact]
    public void HeldOutOutOfScopeQuestionsAreDeclinedNotAnswered()
    {
        var responder = Build();
        var items = HeldOutSet.Intents().Where(i => i.Intent == "out-of-scope").ToList();
        var answered = items.Select(i => (i.Text, Reply: responder.Respond(i.Text, ConversationMemory.New with { Welcomed = true }).Replies.Single()))
            .Where(r => r.Reply.Kind is not (ReplyKind.Decline or ReplyKind.Clarify)).ToList();
        answered.ForEach(a => output.WriteLine($"{a.Reply.Kind} [{a.Reply.Intent}] {a.Text}"));

        var declined = 1 - (answered.Count / (double)items.Count);
        output.WriteLine($"out-of-scope declined or clarified: {declined:P1} of {items.Count}");
        Assert.True(declined >= OutOfScopeDeclinedFloor, $"declined {declined:P1}");
    }

    private static Responder Build() => Responders.Build(SharedKnowledge.Classifier);
}
