using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Triage;
using Microsoft.Extensions.Options;

namespace MarrowBot.Knowledge.Tests.Support;

public static class SharedTriage
{
    private static readonly Lazy<TriageLexicon> LazyLexicon = new(() => TriageLexicon.Load(RepoPaths.Data));

    public static TriageLexicon Lexicon => LazyLexicon.Value;

    public static TriageEngine Engine(SafetyOptions? options = null) => new(Lexicon, Options.Create(options ?? new SafetyOptions()));
}
