using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace MarrowBot.Knowledge.Privacy;

/// <summary>
/// Replaces personal data in a message with readable placeholders ("[email]", "[phone]", "[nhs-number]", "[id]",
/// "[date-of-birth]", "[date]", "[postcode]", "[address]", "[name]") so support staff can read what was said without
/// the raw text ever being stored. Clinical numbers and words are left alone: temperatures, durations, counts,
/// blood counts, doses, ages, times, percentages, prices, short numbers, lone years and relative dates.
/// </summary>
/// <remarks>
/// A pure function of the text: no state, thread-safe, one instance is enough. Passes run in a fixed order over
/// source-generated regular expressions (linear in the text for practical purposes); placeholders hold no digits
/// and no trigger phrase, so redacting twice changes nothing. If a pass cannot finish within its time limit the
/// whole text is withheld rather than returned unchecked. Nothing here logs or throws with the text.
/// </remarks>
public sealed partial class PiiRedactor
{
    /// <summary>What replaces a message that could not be checked in time.</summary>
    public const string WithheldText = "[message withheld]";

    private const int TimeoutMs = 2000;
    private const RegexOptions Ci = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private const RegexOptions Cs = RegexOptions.CultureInvariant;

    private const string Month =
        @"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?";
    private const string Ordinal = @"(?:st|nd|rd|th)?";
    private const string Year = @"(?:1[89]\d\d|20\d\d)";

    /// <summary>A full date with a year: 12/03/1985, 12-03-85, 12.03.1985, 1985-03-12, 12 March 1985, March 12th, 1985.</summary>
    private const string FullDate =
        @"(?:\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{1,2}-\d{1,2}-(?:\d{4}|\d{2})|\d{1,2}\.\d{1,2}\.\d{4}|\d{4}[-/]\d{1,2}[-/]\d{1,2}"
        + @"|\d{1,2}" + Ordinal + @"(?:\s+of)?\s+" + Month + @",?\s+" + Year
        + @"|" + Month + @"\s+\d{1,2}" + Ordinal + @",?\s+" + Year + @")";

    /// <summary>
    /// Day and month without a year: enough to identify someone only after "born" or "birthday". Numeric only with a
    /// slash, so "born 3.5 kg" and "born 3-4 weeks early" keep their numbers.
    /// </summary>
    private const string DayMonth =
        @"(?:\d{1,2}/\d{1,2}|\d{1,2}" + Ordinal + @"(?:\s+of)?\s+" + Month + @"|" + Month + @"\s+\d{1,2}" + Ordinal + @")";

    private const string DateEnd = @"(?![\w/]|[.-]\d)";

    private const string States =
        "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR";

    private const string StateNames =
        "alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new\\s+hampshire|new\\s+jersey|new\\s+mexico|new\\s+york|north\\s+carolina|north\\s+dakota|ohio|oklahoma|oregon|pennsylvania|rhode\\s+island|south\\s+carolina|south\\s+dakota|tennessee|texas|utah|vermont|virginia|washington|west\\s+virginia|wisconsin|wyoming|puerto\\s+rico";

    /// <summary>Street types that rarely follow a number and a word in anything but an address.</summary>
    private const string StrongStreet = @"(?:street|road|rd|avenue|ave|lane|crescent|gardens|gdns|terrace|grove|boulevard|blvd|mews)";

    /// <summary>Street types that are also ordinary words ("a 2 hour drive", "lost 2 st"): the street's name must be capitalised.</summary>
    private const string WeakStreet = @"(?:st|close|drive|dr|way|court|ct|place|pl|hill|square|sq|row|walk|parade)";

    /// <summary>Words that end a street name: prepositions, articles, units and time words ("2 tablets on the way").</summary>
    private const string NotStreetName =
        @"(?:the|a|an|and|or|of|on|in|at|to|into|onto|from|for|with|by|up|down|along|across|over|past|near|off|through|round|around|about|per|my|your|his|her|our|their|is|was|were|are|i|we|you|it|then|more|other|times?|hours?|hrs?|mins?|minutes?|days?|weeks?|months?|years?|yrs|miles?|km|metres?|meters?|yards?|steps|units?|tablets?|pills?|doses?|mg|ml|kids|children|people)";

    private const string HouseNumber = @"\d{1,5}[a-z]?(?:\s*[-–]\s*\d{1,5}[a-z]?)?,?\s+";
    private const string FlatPrefix = @"(?:(?:flat|apartment|apt|unit|suite)\.?\s*\d{1,4}[a-z]?,?\s+)?";
    private const string AnyStreetWord = @"(?!" + NotStreetName + @"\b)\p{L}[\p{L}'’.-]*\s+";
    private const string CapitalStreetWord = @"(?!" + NotStreetName + @"\b)(?-i:\p{Lu})[\p{L}'’.-]*\s+";

    /// <summary>People whose name may follow ("my son's name is", "my daughter is called"); not "the drug's name is".</summary>
    private const string Person =
        "(?:son|daughter|husband|wife|partner|mum|mom|mother|dad|father|brother|sister|child|baby|boy|girl|grandson|granddaughter|friend|carer|consultant|doctor|nurse)";

    private static readonly string[] Placeholders =
        ["[email]", "[phone]", "[nhs-number]", "[id]", "[date-of-birth]", "[date]", "[postcode]", "[address]", "[name]"];

    private static readonly HashSet<string> NameStopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        // function words
        "a", "an", "the", "and", "or", "but", "so", "if", "then", "than", "because", "as", "at", "on", "in", "into", "to", "too",
        "from", "for", "of", "off", "by", "with", "without", "about", "after", "before", "since", "until", "till", "when",
        "whenever", "where", "while", "who", "whom", "whose", "what", "which", "why", "how", "that", "this", "these", "those",
        "there", "here", "is", "am", "are", "was", "were", "be", "been", "being", "do", "does", "did", "have", "has", "had",
        "will", "would", "can", "could", "should", "shall", "may", "might", "must", "not", "no", "nor", "yes", "yeah", "ok",
        "okay", "please", "thanks", "thank", "sorry", "hi", "hello", "hey", "just", "only", "also", "still", "again",
        "already", "really", "very", "quite", "now", "soon", "later", "back", "today", "tonight", "tomorrow", "yesterday",
        "asap", "anytime", "anything", "something", "nothing", "anyone", "someone", "everyone", "whatever", "btw", "i",
        "im", "i'm", "i’m", "me", "my", "mine", "myself", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her",
        "they", "them", "their", "it", "its", "it's", "it’s", "one", "all", "any", "some", "every", "each", "both",
        // days, months and parts of the day
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu",
        "thur", "thurs", "fri", "sat", "sun", "january", "february", "march", "april", "june", "july", "august",
        "september", "october", "november", "december", "morning", "afternoon", "evening", "night", "week", "weekend",
        // what people are called that is not their name
        "mum", "mom", "mummy", "mommy", "mother", "dad", "daddy", "father", "nan", "nana", "gran", "granny", "grandma",
        "grandad", "grandpa", "auntie", "aunt", "uncle", "sister", "brother", "son", "daughter", "wife", "husband",
        "partner", "friend", "love", "darling", "babe", "hun", "mate", "sir", "madam", "doctor", "nurse", "patient", "carer",
        // words after the trigger phrases that are not names
        "speaking", "called", "calling", "born", "aged", "age", "years", "old", "new", "never", "always", "instead",
        "either", "unknown", "anonymous", "private", "important", "fine", "well", "good", "bad", "tired", "exhausted",
        "unwell", "sick", "ill", "worried", "scared", "anxious", "frightened", "feeling", "going", "having", "getting",
        "trying", "writing", "asking", "living", "currently", "crazy", "paranoid", "silly", "sure", "afraid", "better",
        "worse", "home", "awake", "done", "finished", "ready", "free", "available", "pregnant", "single", "married",
        "british", "english", "scottish", "welsh", "irish", "american", "canadian", "australian",
        // clinical words that may follow a name
        "platelets", "plts", "plt", "hb", "haemoglobin", "hemoglobin", "neuts", "neutrophils", "temp", "temperature",
        "fever", "bleeding", "diagnosed", "aplastic", "anaemic", "anemic", "neutropenic", "transfused",
    };

    private static readonly HashSet<string> NameParticles = new(StringComparer.Ordinal)
    {
        "van", "von", "de", "da", "di", "del", "della", "der", "den", "du", "le", "la", "bin", "binti", "bint", "ibn", "al", "el", "ap",
    };

    /// <summary>Stop words that are also first names: capitalised after "my name is" they are the name ("my name is May").</summary>
    private static readonly HashSet<string> AlsoNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "april", "may", "june", "august", "will",
    };

    /// <summary>
    /// Every name trigger holds one of these ("my name is", "name's", "I'm called", "call me", "this is") or is an
    /// introduction ("I'm", "I am"): a message with none of them cannot name anyone, and the trigger pattern (about
    /// 10 µs on a short message) is not run on it.
    /// </summary>
    private static readonly SearchValues<string> NameTriggerWords = SearchValues.Create(["name", "call", "this"], StringComparison.OrdinalIgnoreCase);

    private static readonly string[] PhoneWords = ["call", "phone", "mobile", "cell", "tel", "ring", "text", "landline", "whatsapp", "fax", "contact"];

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NameStopLookup = NameStopWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AlsoNameLookup = AlsoNames.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ParticleLookup = NameParticles.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The text with personal data replaced by placeholders; null or empty text gives an empty string.</summary>
    public string Redact(string? text) => RedactWithCounts(text).Text;

    /// <summary>The redacted text and how many items of each kind were replaced.</summary>
    public RedactionResult RedactWithCounts(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new RedactionResult(string.Empty, new Dictionary<PiiKind, int>());
        }

        var counts = new int[Placeholders.Length];
        try
        {
            var t = text;

            // Order matters: e-mails and dates first (their digits would otherwise read as numbers), labelled
            // numbers before unlabelled ones, then phone shapes, ten-digit runs, long identifiers, postcodes,
            // addresses, and names last (after "call me on" has become "call me on [phone]").
            // Most messages have no digit and no "@": the passes that need one are skipped, as are those needing
            // more digits than the message holds (phone numbers and identifiers four, dates with a year three, ZIP
            // codes five). Transcripts are redacted on the turn's CPU, so this keeps redaction to a few
            // microseconds for most messages. Placeholders hold no digits, so counting once, before any
            // replacement, skips only passes that could not match.
            if (t.Contains('@', StringComparison.Ordinal))
            {
                t = Replace(t, Email(), counts, static (_, _) => PiiKind.Email);
            }

            var digits = DigitCount(t);
            if (digits > 0)
            {
                t = Replace(t, DateOfBirth(), counts, static (_, _) => PiiKind.DateOfBirth);
                if (digits >= 3)
                {
                    t = Replace(t, DateWithYear(), counts, static (_, _) => PiiKind.Date);
                }

                if (digits >= 4)
                {
                    t = Replace(t, LabelledNhsNumber(), counts, static (_, _) => PiiKind.NhsNumber);
                    t = Replace(t, LabelledIdentifier(), counts, static (m, _) => DigitCount(m.Groups["pii"].ValueSpan) >= 4 ? PiiKind.Identifier : null);
                    t = ReplaceInternationalPhones(t, counts);
                    t = Replace(t, UkPhone(), counts, static (m, _) => DigitCount(m.ValueSpan) is 10 or 11 ? PiiKind.Phone : null);
                    t = Replace(t, TenDigits(), counts, ClassifyTenDigits);
                    t = Replace(t, SocialSecurityNumber(), counts, static (_, _) => PiiKind.Identifier);
                    t = Replace(t, LetterPrefixedIdentifier(), counts, static (_, _) => PiiKind.Identifier);
                    t = Replace(t, LongDigitRun(), counts, static (_, _) => PiiKind.Identifier);
                }

                t = Replace(t, LabelledPostcode(), counts, static (_, _) => PiiKind.Postcode);
                t = Replace(t, UkPostcode(), counts, static (_, _) => PiiKind.Postcode);
                if (digits >= 5)
                {
                    t = Replace(t, ZipCode(), counts, static (_, _) => PiiKind.Postcode);
                }

                // Both address shapes start with a house number.
                t = Replace(t, AddressAfterLiveAt(), counts, static (_, _) => PiiKind.Address);
                t = Replace(t, StreetAddress(), counts, static (_, _) => PiiKind.Address);
            }

            t = ReplaceNames(t, counts);

            return new RedactionResult(t, ToDictionary(counts));
        }
        catch (RegexMatchTimeoutException)
        {
            // Never hand back text that was not fully checked; the exception carries the input, so it goes no further.
            return new RedactionResult(WithheldText, new Dictionary<PiiKind, int>(), Withheld: true);
        }
    }

    private static Dictionary<PiiKind, int> ToDictionary(int[] counts)
    {
        var result = new Dictionary<PiiKind, int>();
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 0)
            {
                result[(PiiKind)i] = counts[i];
            }
        }

        return result;
    }

    /// <summary>
    /// Replaces each match the classifier accepts. Only the group named "pii" is replaced when the pattern has one,
    /// so labels ("NHS number", "born", "zip") stay and the sentence still reads.
    /// </summary>
    private static string Replace(string text, Regex regex, int[] counts, Func<Match, string, PiiKind?> classify)
    {
        StringBuilder? builder = null;
        var copied = 0;
        for (var match = regex.Match(text); match.Success; match = match.NextMatch())
        {
            if (classify(match, text) is not { } kind)
            {
                continue;
            }

            var pii = match.Groups["pii"];
            var span = pii.Success ? pii : (Group)match;
            builder ??= new StringBuilder(text.Length);
            builder.Append(text, copied, span.Index - copied).Append(Placeholders[(int)kind]);
            copied = span.Index + span.Length;
            counts[(int)kind]++;
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// International numbers: 8 to 15 digits (E.164). The pattern takes every digit group that follows, so a number
    /// followed by another ("0044 20 7946 5112 38.5") matches past 15 digits; then the number is its leading groups
    /// up to 15 digits, and what follows stays as written.
    /// </summary>
    private static string ReplaceInternationalPhones(string text, int[] counts)
    {
        StringBuilder? builder = null;
        var copied = 0;
        for (var match = InternationalPhone().Match(text); match.Success; match = match.NextMatch())
        {
            var length = PhoneLength(match.ValueSpan);
            if (length == 0)
            {
                continue;
            }

            builder ??= new StringBuilder(text.Length);
            builder.Append(text, copied, match.Index - copied).Append(Placeholders[(int)PiiKind.Phone]);
            copied = match.Index + length;
            counts[(int)PiiKind.Phone]++;
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>How much of a matched international number is the number: all of it at 8-15 digits, else its longest run of whole groups with at most 15, or 0.</summary>
    private static int PhoneLength(ReadOnlySpan<char> value)
    {
        var digits = DigitCount(value);
        if (digits is >= 8 and <= 15)
        {
            return value.Length;
        }

        var count = 0;
        var best = 0;
        for (var k = 0; k < value.Length; k++)
        {
            if (!char.IsAsciiDigit(value[k]))
            {
                continue;
            }

            count++;
            var groupEnds = k + 1 == value.Length || !char.IsAsciiDigit(value[k + 1]);
            if (groupEnds && count is >= 8 and <= 15)
            {
                best = k + 1 < value.Length && value[k + 1] == ')' ? k + 2 : k + 1;
            }

            if (count > 15)
            {
                break;
            }
        }

        return best;
    }

    /// <summary>
    /// Ten digits are an NHS number, a US or UK phone number or some other identifier. The check digit, the shape
    /// and a phone word just before decide the placeholder; all of them are redacted whichever it is.
    /// </summary>
    private static PiiKind? ClassifyTenDigits(Match match, string text)
    {
        var value = match.ValueSpan;
        Span<int> digits = stackalloc int[11];
        var n = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c) && n < digits.Length)
            {
                digits[n++] = c - '0';
            }
        }

        if (match.Groups["lead"].Success || value.Contains('(') || (n == 10 && digits[0] == 0) || PhoneWordBefore(text, match.Index))
        {
            return PiiKind.Phone;
        }

        if (n == 10 && IsValidNhsNumber(digits[..10]))
        {
            return PiiKind.NhsNumber;
        }

        // US numbers are written 555-123-4567 or 555.123.4567; NHS numbers (and a mistyped one) 943 476 5919.
        return value.ContainsAny('-', '.') ? PiiKind.Phone : PiiKind.Identifier;
    }

    /// <summary>NHS numbers end in a mod-11 check digit over the first nine weighted 10 down to 2; a result of 10 is never issued.</summary>
    internal static bool IsValidNhsNumber(ReadOnlySpan<int> digits)
    {
        if (digits.Length != 10)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += digits[i] * (10 - i);
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        return check != 10 && check == digits[9];
    }

    private static bool PhoneWordBefore(string text, int index)
    {
        var start = Math.Max(0, index - 24);
        var before = text.AsSpan(start, index - start);
        foreach (var word in PhoneWords)
        {
            if (before.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a capital I is followed by "'m", "’m" or spaces and "am", as the trigger's introduction is.</summary>
    private static bool HasIntroduction(string text)
    {
        for (var i = text.IndexOf('I', StringComparison.Ordinal); i >= 0; i = text.IndexOf('I', i + 1))
        {
            var rest = text.AsSpan(i + 1);
            if (rest.Length >= 2 && rest[0] is '\'' or '’' && rest[1] is 'm' or 'M')
            {
                return true;
            }

            var afterSpace = rest.TrimStart();
            if (afterSpace.Length < rest.Length && afterSpace.StartsWith("am", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static int DigitCount(ReadOnlySpan<char> value)
    {
        var count = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Names follow a trigger phrase. Capitalised: up to three capitalised words (with particles such as "van" or
    /// "al" between them). Lower-case, after the explicit phrases only: up to two words. Either stops at punctuation,
    /// a digit, or a word that is not a name ("and", "I", "my", "back", "tomorrow", "platelets").
    /// </summary>
    private static string ReplaceNames(string text, int[] counts)
    {
        if (!text.AsSpan().ContainsAny(NameTriggerWords) && !HasIntroduction(text))
        {
            return text;
        }

        StringBuilder? builder = null;
        var copied = 0;
        for (var match = NameTrigger().Match(text); match.Success; match = match.NextMatch())
        {
            if (match.Index < copied)
            {
                continue;
            }

            var mode = match.Groups["this"].Success ? NameMode.ThisIs
                : match.Groups["intro"].Success ? NameMode.Introduction
                : NameMode.Explicit;
            if (FindName(text, match.Index + match.Length, mode) is not var (start, end, possessive))
            {
                continue;
            }

            builder ??= new StringBuilder(text.Length);
            builder.Append(text, copied, start - copied).Append(Placeholders[(int)PiiKind.Name]);
            if (possessive > 0)
            {
                builder.Append(text, end - possessive, possessive);
            }

            copied = end;
            counts[(int)PiiKind.Name]++;
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    private enum NameMode
    {
        Explicit,
        Introduction,
        ThisIs,
    }

    /// <summary>The span of the name starting at <paramref name="position"/>, and the length of a trailing "'s" to keep.</summary>
    private static (int Start, int End, int Possessive)? FindName(string text, int position, NameMode mode)
    {
        var count = 0;
        var capital = false;
        var start = position;
        var end = position;
        var possessive = 0;
        var p = position;
        while (count < 3)
        {
            var q = p;
            if (count > 0)
            {
                while (q < text.Length && text[q] is ' ' or '\t')
                {
                    q++;
                }

                if (q == p)
                {
                    break;
                }
            }

            var (wordStart, wordEnd) = ReadWord(text, q);
            if (wordEnd == wordStart || (wordEnd < text.Length && char.IsDigit(text[wordEnd])))
            {
                break;
            }

            var word = text.AsSpan(wordStart, wordEnd - wordStart);
            var suffix = word.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || word.EndsWith("’s", StringComparison.OrdinalIgnoreCase) ? 2 : 0;
            var core = word[..^suffix];
            if (core.IsEmpty)
            {
                break;
            }

            var upper = char.IsUpper(core[0]);
            if (NameStopLookup.Contains(core) && !(upper && mode != NameMode.Introduction && AlsoNameLookup.Contains(core)))
            {
                break;
            }

            if (count == 0)
            {
                capital = upper;
                if (!capital && mode == NameMode.Introduction)
                {
                    break;
                }
            }
            else if (capital && !upper)
            {
                // "Ludwig van Beethoven": a particle belongs to the name only when a capitalised word follows it.
                if (suffix > 0 || count == 2 || !ParticleLookup.Contains(core) || !CapitalisedWordFollows(text, wordEnd))
                {
                    break;
                }
            }
            else if (!capital && (upper || DigitFollows(text, wordEnd)))
            {
                // "my name is ahmed platelets 12": the second word is the start of the next thing said.
                break;
            }

            if (mode == NameMode.Introduction && (core.Length < 2 || !char.IsLower(core[1]) || DigitFollows(text, wordEnd)))
            {
                // After a bare "I'm", only Title-case words not followed by a number are taken: "I'M SO TIRED" and
                // "I'm Type 2 diabetic" are not names.
                break;
            }

            if (count == 0)
            {
                start = wordStart;
            }

            end = wordEnd;
            possessive = suffix;
            count++;
            p = wordEnd;
            if (suffix > 0 || (!capital && count == 2))
            {
                break;
            }
        }

        if (count == 0)
        {
            return null;
        }

        if (mode == NameMode.ThisIs)
        {
            // "this is Sarah speaking" only: "this is really bad" and "this is Monday" are not introductions.
            var rest = text.AsSpan(end).TrimStart(" \t");
            if (!rest.StartsWith("speaking", StringComparison.OrdinalIgnoreCase) || (rest.Length > 8 && char.IsLetter(rest[8])))
            {
                return null;
            }
        }

        return (start, end, possessive);
    }

    /// <summary>Letters, combining marks, and an apostrophe or hyphen between letters ("O'Brien", "Smith-Jones").</summary>
    private static (int Start, int End) ReadWord(string text, int position)
    {
        var q = position;
        if (q >= text.Length || !char.IsLetter(text[q]))
        {
            return (position, position);
        }

        while (q < text.Length)
        {
            var c = text[q];
            if (char.IsLetter(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark)
            {
                q++;
            }
            else if (c is '\'' or '’' or '-' && q + 1 < text.Length && char.IsLetter(text[q + 1]))
            {
                q++;
            }
            else
            {
                break;
            }
        }

        return (position, q);
    }

    private static bool CapitalisedWordFollows(string text, int position)
    {
        var q = position;
        while (q < text.Length && text[q] is ' ' or '\t')
        {
            q++;
        }

        return q > position && q < text.Length && char.IsUpper(text[q]);
    }

    private static bool DigitFollows(string text, int position)
    {
        var q = position;
        while (q < text.Length && text[q] is ' ' or '\t')
        {
            q++;
        }

        return q < text.Length && char.IsDigit(text[q]);
    }

    [GeneratedRegex(@"(?<![\w.+'’%=~-])[\w.+'’%=~-]+@[\w-]+(?:\.[\w-]+)+", Ci, TimeoutMs)]
    private static partial Regex Email();

    [GeneratedRegex(
        @"\b(?:born|d\.?o\.?b(?![a-z])\.?|date\s+of\s+birth|birth\s*date|birthday|b-?day)[\s:=,-]*(?:(?:is|was|on|the)\s+){0,3}(?<pii>"
        + FullDate + "|" + DayMonth + ")" + DateEnd,
        Ci,
        TimeoutMs)]
    private static partial Regex DateOfBirth();

    [GeneratedRegex(@"(?<![\w/.-])" + FullDate + DateEnd, Ci, TimeoutMs)]
    private static partial Regex DateWithYear();

    [GeneratedRegex(@"\bnhs\s*(?:number|no\.?|num|#)?(?:\s*(?:is|was|:|=|-))?\s*(?<pii>\d{3}[\s-]?\d{3}[\s-]?\d{4})(?!\d)", Ci, TimeoutMs)]
    private static partial Regex LabelledNhsNumber();

    [GeneratedRegex(
        @"\b(?:mrn(?:\s+(?:number|no\.?))?|(?:hospital|patient|unit|case|record|k|chi|crn|insurance|member|policy|reference|ref|id)\s+(?:number|no\.?|num|id|#)|chi|crn|ref|id|ssn|social\s+security\s+(?:number|no\.?))"
        + @"(?:\s*(?:is|was|:|=|-|#))*\s*(?<pii>(?:[a-z]{1,4}[\s-]?)?\d(?:[\s-]?\d){2,14}[a-z]?)(?![\w])",
        Ci,
        TimeoutMs)]
    private static partial Regex LabelledIdentifier();

    [GeneratedRegex(
        @"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?\d{2,5}[\s.-]?\d{3,4}[\s.-]?\d{3,4}|\+1[\s.-]?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}|(?:\+|\b00)[1-9]\d{0,2}(?:[\s.-]?\(0\))?(?>[\s.-]?\(?\d{1,5}\)?){1,6})(?!\d)",
        Cs,
        TimeoutMs)]
    private static partial Regex InternationalPhone();

    [GeneratedRegex(@"(?<![\w+.,])(?:\(0\d{2,4}\)|0\d{2,4})(?:[\s.-]?\d{3,4}[\s.-]?\d{3,4}|[\s.-]?\d{5,6})(?!\d|[.,]\d)", Cs, TimeoutMs)]
    private static partial Regex UkPhone();

    [GeneratedRegex(@"(?<![\w+.,-])(?<lead>1[\s.-])?(?:\(\d{3}\)[\s.-]?\d{3}[\s.-]?\d{4}|\d{3}[\s.-]?\d{3}[\s.-]?\d{4})(?!\d|[.,-]\d)", Cs, TimeoutMs)]
    private static partial Regex TenDigits();

    [GeneratedRegex(@"(?<![\w.-])\d{3}-\d{2}-\d{4}(?![\w-])", Cs, TimeoutMs)]
    private static partial Regex SocialSecurityNumber();

    [GeneratedRegex(@"(?<![\w-])[a-z]{1,4}-?\d{6,}[a-z]{0,2}(?!\w)", Ci, TimeoutMs)]
    private static partial Regex LetterPrefixedIdentifier();

    [GeneratedRegex(@"(?<!\d|\d[.,])\d{7,}(?!\d)", Cs, TimeoutMs)]
    private static partial Regex LongDigitRun();

    [GeneratedRegex(@"\bpost\s*code(?:\s*(?:is|was|:))?\s*(?<pii>[a-z]{1,2}\d[a-z\d]?(?:\s*\d[a-z]{2})?)(?![\w])", Ci, TimeoutMs)]
    private static partial Regex LabelledPostcode();

    // Inward codes never use C, I, K, M, O or V, which keeps "B12 5mg" and "CD4 5ml" out; lower-case ordinals
    // ("B12 2nd") and lower-case "4hr", "2wk" are not taken for inward codes either.
    [GeneratedRegex(@"(?<![\w-])(?:[a-z]{1,2}\d[a-z\d]?|gir)\s*(?!(?-i:\d(?:st|nd|rd|th|hr|wk|yr))\b)\d[abd-hjlnp-uw-z]{2}(?![\w])", Ci, TimeoutMs)]
    private static partial Regex UkPostcode();

    [GeneratedRegex(
        @"(?:(?<![\w])(?-i:(?:" + States + @")),?\s+|\b(?:" + StateNames + @"),?\s+|\b(?:zip|postal)\s*(?:code)?(?:\s*(?:is|:|#))?\s*)(?<pii>\d{5}(?:-\d{4})?)(?![\w-])",
        Ci,
        TimeoutMs)]
    private static partial Regex ZipCode();

    [GeneratedRegex(
        @"(?:\b(?:live|lives|living|stay|stays|staying|moved|move)\s+(?:at|on|to|in)\s+|\baddress(?:\s+is|\s*:)\s*)(?<pii>" + FlatPrefix + HouseNumber
        + @"(?:the\s+(?:" + AnyStreetWord + @"){0,2}|(?:" + AnyStreetWord + @"){1,3})(?:" + StrongStreet + "|" + WeakStreet + @"))\b",
        Ci,
        TimeoutMs)]
    private static partial Regex AddressAfterLiveAt();

    [GeneratedRegex(
        @"(?<![\w.,£$€-])" + FlatPrefix + HouseNumber
        + @"(?:(?:(?-i:The)\s+(?:" + AnyStreetWord + @"){0,2}|(?:" + AnyStreetWord + @"){1,3})" + StrongStreet
        + @"|(?:(?-i:The)\s+(?:" + CapitalStreetWord + @"){0,2}|(?:" + CapitalStreetWord + @"){1,3})" + WeakStreet + @")\b",
        Ci,
        TimeoutMs)]
    private static partial Regex StreetAddress();

    [GeneratedRegex(
        @"\b(?:(?:(?:my|his|her|their|your|our|" + Person + @"['’]s)\s+(?:(?:first|last|full|middle|sur|maiden|given|family|nick)\s*)?name\s+is"
        + @"|(?:(?:my|his|her)\s+)?name['’]s|i(?:['’]?m|\s+am)\s+called|call\s+me|(?:he|she)(?:['’]s|\s+is)\s+called|" + Person + @"\s+is\s+called)"
        + @"|(?<this>this\s+is)|(?<intro>(?-i:I)(?:['’]m|\s+am)))\s+(?:(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|rev)\.?\s+)?",
        Ci,
        TimeoutMs)]
    private static partial Regex NameTrigger();
}
