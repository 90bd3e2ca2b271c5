namespace MarrowBot.Knowledge.Text;

/// <summary>Common English function words: not content for retrieval, but evidence that a message is in English.</summary>
public static class StopWords
{
    public static IReadOnlySet<string> English { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "about", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
        "before", "being", "but", "by", "can", "cant", "could", "did", "do", "does", "doesnt", "doing", "dont", "for",
        "from", "get", "gets", "getting", "got", "had", "has", "have", "having", "he", "her", "him", "his", "how", "i",
        "if", "im", "in", "into", "is", "isnt", "it", "its", "ive", "just", "me", "more", "most", "my", "no", "not",
        "of", "off", "on", "or", "our", "out", "over", "really", "should", "so", "some", "such", "than", "that", "the",
        "their", "them", "then", "there", "these", "they", "this", "those", "to", "too", "up", "very", "was", "wasnt",
        "we", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with", "would", "you", "your",
        "hi", "hello", "thanks", "thank", "please", "yes", "ok", "okay", "tell", "know", "want", "need", "help",
        "mean", "means", "people", "someone", "like", "feel", "still", "also", "much", "many", "lot", "thing", "things",
    };

    /// <summary>
    /// Frequent function words of the languages patients most often write in besides English (Spanish, French,
    /// German, Italian, Portuguese, Polish, Dutch, Romanian), none of which is also an English word.
    /// </summary>
    public static IReadOnlySet<string> OtherLanguages { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "que", "el", "la", "los", "las", "del", "por", "para", "una", "uno", "es", "esta", "como", "pero", "mi", "muy", "qué", "cómo", "tengo", "estoy",
        "le", "les", "des", "du", "est", "une", "et", "je", "suis", "mon", "ma", "pas", "pourquoi", "quelles", "quels", "sont", "avec", "dans", "qui",
        "der", "die", "das", "und", "ist", "nicht", "ich", "mein", "meine", "ein", "eine", "warum", "wie", "mit", "auf", "für", "habe",
        "il", "di", "che", "sono", "della", "perché", "cosa", "non", "ho", "mio",
        "não", "uma", "com", "é", "meu", "minha", "está", "tenho",
        "nie", "jest", "się", "czy", "co", "jak", "mam", "dlaczego", "mój", "moja", "ze", "na",
        "het", "een", "ik", "niet", "mijn", "wat", "waarom", "zijn",
        "și", "este", "nu", "ce", "sunt", "meu",
    };
}
