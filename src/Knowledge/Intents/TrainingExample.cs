using MarrowBot.Knowledge.Content;

namespace MarrowBot.Knowledge.Intents;

/// <summary>One labelled phrasing the classifier learns from.</summary>
public sealed record TrainingExample(string Text, string Intent)
{
    /// <summary>Every FAQ and guidance question and variant, and every conversational variant, labelled with its intent id.</summary>
    public static IReadOnlyList<TrainingExample> From(KnowledgeBase knowledge)
    {
        var examples = new List<TrainingExample>();
        foreach (var faq in knowledge.Faqs)
        {
            examples.Add(new TrainingExample(faq.Question, faq.Id));
            examples.AddRange(faq.Variants.Select(v => new TrainingExample(v, faq.Id)));
        }

        foreach (var guidance in knowledge.Guidance)
        {
            examples.Add(new TrainingExample(guidance.Question, guidance.Id));
            examples.AddRange(guidance.Variants.Select(v => new TrainingExample(v, guidance.Id)));
        }

        foreach (var intent in knowledge.Conversational)
        {
            examples.AddRange(intent.Variants.Select(v => new TrainingExample(v, intent.Id)));
        }

        return examples;
    }
}
