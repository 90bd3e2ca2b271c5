using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Tests.Support;
using Xunit.Abstractions;

namespace MarrowBot.Knowledge.Tests.Scratch;

public sealed class DevMisses
{
    [Fact]
    public void PrintDevMisses()
    {
        var responder = SharedMeaning.Responder();
        var lines = new List<string>();
        foreach (var q in BlindQuestion.Load("dev"))
        {
            var reply = responder.Respond(q.Text, ConversationMemory.New with { Welcomed = true }).Replies[^1];
            var ok = q.Kind switch
            {
                "answerable" => reply.Kind == ReplyKind.Answer && reply.Sections.Any(q.Sections.Contains),
                "out-of-scope" => reply.Kind == ReplyKind.Decline,
                _ => true,
            };
            var offered = reply.Kind == ReplyKind.Clarify && reply.Suggestions.Any(s => SharedKnowledge.Knowledge.Faqs.FirstOrDefault(f => f.Question == s.Value)?.Sections.Any(q.Sections.Contains) == true);
            if (!ok)
            {
                lines.Add($"{(offered ? "OFFERED" : "MISS")} [{q.Kind} {string.Join(",", q.Sections)}] {q.Text} -> {reply.Kind}/{reply.Intent} [{string.Join(",", reply.Sections)}] sugg={string.Join("|", reply.Suggestions.Select(s => s.Value))}");
            }
        }
        File.WriteAllLines("/tmp/devmisses.txt", lines);
    }
}
