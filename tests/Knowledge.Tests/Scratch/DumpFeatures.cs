using System.Text.Json;
using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Understanding;

namespace MarrowBot.Knowledge.Tests.Scratch;

public sealed class DumpFeatures
{
    [Fact]
    public void Dump()
    {
        var file = Environment.GetEnvironmentVariable("DUMP_IN") ?? RepoPaths.Evaluation("blind-questions.json");
        var outFile = Environment.GetEnvironmentVariable("DUMP_OUT") ?? "/tmp/features.json";
        var splitWanted = Environment.GetEnvironmentVariable("DUMP_SPLIT") ?? "dev";
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var fusion = new IntentFusion(SharedKnowledge.Classifier, SharedMeaning.Index.Exemplars, FusionSettings.Default);
        var known = KnownTerms.From(SharedKnowledge.Knowledge);
        var responder = SharedMeaning.Responder();
        var rows = new List<object>();
        foreach (var e in document.RootElement.GetProperty("items").EnumerateArray())
        {
            var split = e.TryGetProperty("split", out var s) ? s.GetString() : "dev2";
            if (splitWanted != "all" && split != splitWanted) continue;
            var text = e.GetProperty("text").GetString()!;
            var vector = SharedMeaning.Index.Embed(text);
            var reading = fusion.Predict(text, vector);
            var reply = responder.Respond(text, ConversationMemory.New with { Welcomed = true }).Replies[^1];
            var bm = SharedKnowledge.Index.Search(text, take: 3);
            rows.Add(new
            {
                text,
                kind = e.GetProperty("kind").GetString(),
                sections = e.GetProperty("sections").EnumerateArray().Select(x => x.GetString()).ToList(),
                words = reading.Words.Ranked.Take(8).ToDictionary(r => r.Intent, r => r.Probability),
                meaning = reading.Meaning.ToDictionary(m => m.Intent, m => m.Score),
                passages = SharedMeaning.Index.NearestPassages(vector).Take(5).Select(p => new { p.Passage.Id, p.Passage.Section, p.Score }).ToList(),
                bm25 = bm.Select(b => new { b.Passage.Id, b.Passage.Section, b.Score, b.MatchedTerms }).ToList(),
                unknown = known.AsksAboutTheUnknown(text),
                reply = new { kind = reply.Kind.ToString(), reply.Intent, reply.Sections, sugg = reply.Suggestions.Select(x => x.Value).ToList() },
            });
        }
        File.WriteAllText(outFile, JsonSerializer.Serialize(rows));
    }
}
