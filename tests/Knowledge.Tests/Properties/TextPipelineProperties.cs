using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Privacy;
using MarrowBot.Knowledge.Retrieval;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Text;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Tests.Properties;

/// <summary>
/// Properties of the text pipeline over generated input (issue 9, "Bounded input everywhere"): it never throws,
/// never answers with the apology, never lets a disguise or an appended sentence lower a triage tier, and redaction
/// never leaves an e-mail address or phone number behind. FsCheck picks a new seed each run and prints it with any
/// counter-example (replay it with the attribute's Replay).
/// </summary>
public sealed class TextPipelineProperties
{
    private static readonly ConversationMemory Welcomed = ConversationMemory.New with { Welcomed = true };
    private static readonly Lazy<Responder> LazyResponder = new(() => Responders.Build(SharedKnowledge.Classifier));
    private static readonly TriageEngine Engine = SharedTriage.Engine();
    private static readonly PiiRedactor Redactor = new();

    private static Responder Responder => LazyResponder.Value;

    /// <summary>A counter-example as ASCII, so that invisible and unpaired characters can be read in the test output.</summary>
    private static string Escape(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));

    [Property(MaxTest = 2000)]
    public Property FoldingSanitisingAndNormalisingNeverThrowAndFoldingIsIdempotent() =>
        Prop.ForAll(TextGenerators.Arb(TextGenerators.AnyText), text =>
        {
            var sanitized = UnicodeSanitizer.Sanitize(text);
            var folded = TextFolder.Fold(text);
            _ = TextNormalizer.Normalize(text);
            _ = PassageIndex.Terms(text).ToList();
            var (start, length) = folded.ToOriginal(0, folded.Text.Length);
            return (!UnicodeSanitizer.NeedsSanitizing(sanitized)
                && TextFolder.ForMatching(folded.Text) == folded.Text
                && start >= 0 && start + length <= text.Length)
                .Label($"text {Escape(text)} folded {Escape(folded.Text)} refolded {Escape(TextFolder.ForMatching(folded.Text))}");
        });

    [Property(MaxTest = 1000)]
    public Property TriageNeverThrowsAndItsEvidenceLiesInsideTheTextAsTyped() =>
        Prop.ForAll(TextGenerators.Arb(TextGenerators.AnyText), text =>
            Engine.Assess(text).Evidence.All(e => e.Start >= 0 && e.Length > 0 && e.Start + e.Length <= text.Length));

    [Property(MaxTest = 600)]
    public Property TheResponderNeverAnswersArbitraryUnicodeWithTheApology() =>
        Prop.ForAll(TextGenerators.Arb(TextGenerators.AnyText), text =>
        {
            var result = Responder.Respond(text, Welcomed, Engine.Assess(text));
            return result.Replies.Count > 0 && result.Replies.All(r => r.Kind != ReplyKind.Error);
        });

    [Property(MaxTest = 40)]
    public Property VeryLongArbitraryMessagesAreTriagedAndAnsweredWithoutTheApology() =>
        Prop.ForAll(TextGenerators.Arb(TextGenerators.LongText), text =>
        {
            var result = Responder.Respond(text, Welcomed, Engine.Assess(text));
            return result.Replies.Count > 0 && result.Replies.All(r => r.Kind != ReplyKind.Error);
        });

    [Property(MaxTest = 1000)]
    public Property DisguisingARedFlagMessageNeverLowersItsTier() =>
        Prop.ForAll(TextGenerators.Arb(TextGenerators.DisguisedRedFlag), pair =>
            (Engine.Assess(pair.Disguised).Tier >= Engine.Assess(pair.Original).Tier)
                .Label($"original {Escape(pair.Original)} disguised {Escape(pair.Disguised)} folded {Escape(TextFolder.ForMatching(pair.Disguised))}"));

    // A "?" ends the text's last clause too, so this also holds the engine to reading a question mark typed after a
    // statement as ending it, not as unsaying it (TriageEngineTests.AppendingAQuestionMarkAndARedFlagKeepsTheEmergencyTheTextStated).
    [Property(MaxTest = 1000)]
    public Property AppendingARedFlagPhraseToAnyMessageNeverLowersTheTier()
    {
        var cases = from text in TextGenerators.AnyText
                    from phrase in Gen.Elements(TextGenerators.RedFlagPhrases)
                    from separator in Gen.Elements(". ", "\n", "! ", "? ", ".\u200B ")
                    select (text, phrase, separator);
        return Prop.ForAll(TextGenerators.Arb(cases), c =>
        {
            var combined = Engine.Assess(c.text + c.separator + c.phrase).Tier;
            return (combined >= Engine.Assess(c.phrase).Tier && combined >= Engine.Assess(c.text).Tier)
                .Label($"text {Escape(c.text)} phrase {c.phrase}");
        });
    }

    [Property(MaxTest = 1000)]
    public Property RedactionNeverLeavesAnEmailAddressItWasGiven()
    {
        var cases = from before in TextGenerators.AnyText
                    from left in TextGenerators.Boundary
                    from email in TextGenerators.Email
                    from right in TextGenerators.Boundary
                    from after in TextGenerators.AnyText
                    select (Text: before + left + email + right + after, Email: email);
        return Prop.ForAll(TextGenerators.Arb(cases), c =>
            (!Redactor.Redact(c.Text).Contains(c.Email, StringComparison.OrdinalIgnoreCase))
                .Label($"e-mail {c.Email} in {Escape(c.Text)} redacted {Escape(Redactor.Redact(c.Text))}"));
    }

    [Property(MaxTest = 1000)]
    public Property RedactionNeverLeavesAPhoneNumberItWasGiven()
    {
        var cases = from before in TextGenerators.AnyText
                    from left in TextGenerators.Boundary
                    from phone in TextGenerators.Phone
                    from right in TextGenerators.Boundary
                    from after in TextGenerators.AnyText
                    select (Text: before + left + phone + right + after, Phone: phone);
        return Prop.ForAll(TextGenerators.Arb(cases), c =>
        {
            var redacted = Redactor.Redact(c.Text);

            // Nor its tail: a number redacted only in part still identifies the person.
            var tail = c.Phone[(c.Phone.IndexOfAny([' ', '-', ')']) + 1)..].TrimStart();
            return (!redacted.Contains(c.Phone, StringComparison.Ordinal)
                && (tail.Count(char.IsDigit) < 6 || !redacted.Contains(tail, StringComparison.Ordinal)))
                .Label($"phone {c.Phone} in {Escape(c.Text)} redacted {Escape(redacted)}");
        });
    }
}
