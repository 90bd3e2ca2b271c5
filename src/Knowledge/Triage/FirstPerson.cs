using System.Text.RegularExpressions;

namespace MarrowBot.Knowledge.Triage;

/// <summary>
/// Rewrites who has the symptom into the first person ("my husband says his words are coming out wrong" → "I say my
/// words are coming out wrong") before a clause is compared by meaning. A sentence encoder weighs the subject heavily,
/// so without this someone else's red flag would sit further from the exemplars than the writer's own, and the policy
/// says never to lower a tier because of who has the symptom. Grammar may suffer ("I am", "I's"); meaning does not.
/// Applied to the exemplars as well, so both sides are compared in the same voice.
/// </summary>
public static partial class FirstPerson
{
    /// <summary>The text with someone else (a relative, a friend, he, she, they) as "I", "my", "me".</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = RelativePossessive().Replace(text, "my");
        text = Relative().Replace(text, "I");
        text = PronounIsWas().Replace(text, "I am");
        text = PronounContracted().Replace(text, "I'm");
        text = TheyAre().Replace(text, "I'm");
        text = Pronoun().Replace(text, "I");
        text = Possessive().Replace(text, "my");
        text = Object().Replace(text, "me");
        text = Reflexive().Replace(text, "myself");
        return Reported().Replace(text, "I");
    }

    private const string Relatives = "husband|wife|partner|son|daughter|boy|girl|mum|mom|mam|mother|dad|father|brother|sister|nan|nana|nanna|gran|granny|grandma|grandmother|grandad|granddad|grandpa|grandfather|grandson|granddaughter|baby|child|kid|little one|friend|mate|boyfriend|girlfriend|hubby|uncle|aunt|auntie|nephew|niece|neighbour|neighbor|flatmate|fiance|fiancee|toddler|teenager|little boy|little girl|youngest|eldest|oldest";

    // "my husband's chest" → "my chest"
    [GeneratedRegex($@"\b(?:my|our) (?:{Relatives})(?:'|’)?s\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativePossessive();

    [GeneratedRegex($@"\b(?:my|our) (?:{Relatives})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Relative();

    [GeneratedRegex(@"\b(?:he|she|they) (?:is|was)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PronounIsWas();

    [GeneratedRegex(@"\b(?:he|she)(?:'|’)?s\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PronounContracted();

    [GeneratedRegex(@"\bthey(?:'|’)?re\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TheyAre();

    [GeneratedRegex(@"\b(?:he|she|they)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pronoun();

    [GeneratedRegex(@"\b(?:his|her|their)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Possessive();

    [GeneratedRegex(@"\b(?:him|them)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Object();

    [GeneratedRegex(@"\b(?:himself|herself|themselves)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Reflexive();

    // "I says his words..." (after the rewrite) → "I my words...": the reporting verb is not the symptom.
    [GeneratedRegex(@"\bI (?:says|said|say|thinks|reckons|tells me|told me)(?: that)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Reported();
}
