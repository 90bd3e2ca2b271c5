using System.Text;
using MarrowBot.Knowledge.Privacy;

namespace MarrowBot.Knowledge.Tests.Privacy;

/// <summary>
/// Tables of patient-style sentences: each kind of personal data replaced (the rest of the sentence untouched and
/// still readable), and clinical numbers and words that must come through exactly as written. All phone numbers,
/// NHS numbers and addresses here are reserved test or fictional values (Ofcom drama ranges, NHS 999 range).
/// </summary>
public sealed class PiiRedactorTests
{
    private static readonly PiiRedactor Redactor = new();

    public static TheoryData<string, string> Emails => new()
    {
        { "my email is sarah.jones@example.com", "my email is [email]" },
        { "email me at s.jones+bmt@nhs.example.co.uk if the clinic moves", "email me at [email] if the clinic moves" },
        { "SARAH_J@EXAMPLE.ORG, platelets 12", "[email], platelets 12" },
        { "send results to mum (ann.o'brien@mail.example.net) please", "send results to mum ([email]) please" },
    };

    public static TheoryData<string, string> Phones => new()
    {
        { "my temp is 38.5 and my number is 07700 900123", "my temp is 38.5 and my number is [phone]" },
        { "call me on +44 7700 900123", "call me on [phone]" },
        { "text me on 07700900123 when the results are back", "text me on [phone] when the results are back" },
        { "the ward is 020 7946 0000, ask for bay 4", "the ward is [phone], ask for bay 4" },
        { "the helpline 0800 123 4567 was engaged", "the helpline [phone] was engaged" },
        { "ring my husband on 0161 496 0000 or (0113) 496 0000", "ring my husband on [phone] or [phone]" },
        { "mobile +44 (0)7700 900 123", "mobile [phone]" },
        { "my US number is (555) 123-4567", "my US number is [phone]" },
        { "or 555-123-4567 in the evening", "or [phone] in the evening" },
        { "reach me at +1 555 123 4567 after 6pm", "reach me at [phone] after 6pm" },
        { "the clinic gave 1-800-555-0199", "the clinic gave [phone]" },
        { "my sister in France is +33 6 12 34 56 78", "my sister in France is [phone]" },
        { "our number in Germany: +49-30-1234-5678", "our number in Germany: [phone]" },
        { "call 0044 7700 900123 from abroad", "call [phone] from abroad" },
    };

    public static TheoryData<string, string> NhsNumbers => new()
    {
        { "NHS number 943 476 5919", "NHS number [nhs-number]" },
        { "my nhs no is 9434765919", "my nhs no is [nhs-number]" },
        { "NHS: 943-476-5919, temp 38.2", "NHS: [nhs-number], temp 38.2" },
        { "it's 999 000 1235 on my letter", "it's [nhs-number] on my letter" },
        { "number on the card 4010232137", "number on the card [nhs-number]" },
        { "my nhs number is 943 476 5918, platelets 20", "my nhs number is [nhs-number], platelets 20" },
    };

    public static TheoryData<string, string> Identifiers => new()
    {
        { "MRN: 00123456", "MRN: [id]" },
        { "my hospital number is A1234567", "my hospital number is [id]" },
        { "hospital number A1234567 and clinic on Friday", "hospital number [id] and clinic on Friday" },
        { "the letter says RX1234567 at the top", "the letter says [id] at the top" },
        { "ref rx1234567", "ref [id]" },
        { "patient id 4521", "patient id [id]" },
        { "reference 12345678 from the lab", "reference [id] from the lab" },
        { "my card says 9434765918 under my name", "my card says [id] under my name" },
        { "insurance number 123-45-6789", "insurance number [id]" },
        { "my SSN is 123-45-6789", "my SSN is [id]" },
        { "the code was 12345678901", "the code was [id]" },
    };

    public static TheoryData<string, string> DatesOfBirth => new()
    {
        { "born 12/03/1985, platelets 12", "born [date-of-birth], platelets 12" },
        { "DOB 12/03/1985", "DOB [date-of-birth]" },
        { "d.o.b. 12-03-85", "d.o.b. [date-of-birth]" },
        { "date of birth: 3rd March 1985", "date of birth: [date-of-birth]" },
        { "she was born on March 12th 1985 and has PNH", "she was born on [date-of-birth] and has PNH" },
        { "my birthday is 3 March", "my birthday is [date-of-birth]" },
        { "he was born on the 4th of July", "he was born on the [date-of-birth]" },
        { "DOB: 1985-03-12", "DOB: [date-of-birth]" },
        { "transplant was on 12/03/2021", "transplant was on [date]" },
        { "diagnosed 1985-03-12", "diagnosed [date]" },
        { "12 March 1985 was the day it started", "[date] was the day it started" },
        { "my appointment is on March 12th, 2025", "my appointment is on [date]" },
        { "letter dated 12.03.2024", "letter dated [date]" },
    };

    public static TheoryData<string, string> Postcodes => new()
    {
        { "I live in M1 1AE", "I live in [postcode]" },
        { "postcode SW1A 1AA", "postcode [postcode]" },
        { "we're in eh12 9xx near the hospital", "we're in [postcode] near the hospital" },
        { "my postcode is NW1", "my postcode is [postcode]" },
        { "sw1a1aa", "[postcode]" },
        { "Springfield, IL 62704", "Springfield, IL [postcode]" },
        { "Austin, Texas 78701", "Austin, Texas [postcode]" },
        { "zip 90210", "zip [postcode]" },
        { "my zip code is 10001-1234", "my zip code is [postcode]" },
    };

    public static TheoryData<string, string> Addresses => new()
    {
        { "I live at 12 Baker Street", "I live at [address]" },
        { "Flat 3, 45 High Road", "[address]" },
        { "send it to 221B Baker St please", "send it to [address] please" },
        { "1600 Pennsylvania Avenue", "[address]" },
        { "we moved to 7 the grove last year", "we moved to [address] last year" },
        { "I live at 4 park drive", "I live at [address]" },
        { "my mum is at 10 Church Lane, she has no car", "my mum is at [address], she has no car" },
        { "address: 2 Station Rd", "address: [address]" },
        { "it's 14 The Close", "it's [address]" },
        { "12-14 Kings Court", "[address]" },
    };

    public static TheoryData<string, string> Names => new()
    {
        { "my name is ahmed", "my name is [name]" },
        { "My name is Sarah Jones", "My name is [name]" },
        { "my name is sarah jones and my platelets are 12", "my name is [name] and my platelets are 12" },
        { "my name is ahmed platelets 12", "my name is [name] platelets 12" },
        { "I'm called Priya", "I'm called [name]" },
        { "I am called Tom Smith, I have aplastic anaemia", "I am called [name], I have aplastic anaemia" },
        { "this is Sarah Jones speaking", "this is [name] speaking" },
        { "Hi, this is Dr Patel speaking", "Hi, this is Dr [name] speaking" },
        { "call me Dave", "call me [name]" },
        { "Call me Ishmael.", "Call me [name]." },
        { "name's John, I've got a fever", "name's [name], I've got a fever" },
        { "my name's Ludwig van Beethoven", "my name's [name]" },
        { "MY NAME IS SARAH JONES AND I HAVE A FEVER", "MY NAME IS [name] AND I HAVE A FEVER" },
        { "my name is May", "my name is [name]" },
        { "my son's name is Tom and he has a rash", "my son's name is [name] and he has a rash" },
        { "my daughter is called Amy, she's 6", "my daughter is called [name], she's 6" },
        { "I'm Sarah and my platelets are 12", "I'm [name] and my platelets are 12" },
        { "I am Sarah's mum", "I am [name]'s mum" },
        { "my first name is Zoë", "my first name is [name]" },
        { "the nurse's name is Kelly", "the nurse's name is [name]" },
        { "Hi I'm Sarah, my platelets were 12 yesterday", "Hi I'm [name], my platelets were 12 yesterday" },
        { "my surname is O'Brien-Smith", "my surname is [name]" },
        { "I’m Priya and I bruise easily", "I’m [name] and I bruise easily" },
        { "I  am Tom, my gums bleed", "I  am [name], my gums bleed" },
        { "HELLO, THIS IS Sarah Jones speaking", "HELLO, THIS IS [name] speaking" },
    };

    /// <summary>The cases named in the brief, several kinds at once.</summary>
    public static TheoryData<string, string> Mixed => new()
    {
        {
            "I'm called Sarah Jones and I live at 12 Baker Street, London NW1 6XE",
            "I'm called [name] and I live at [address], London [postcode]"
        },
        {
            "my name is ahmed, DOB 01/02/1990, NHS number 943 476 5919, mobile 07700 900123",
            "my name is [name], DOB [date-of-birth], NHS number [nhs-number], mobile [phone]"
        },
        {
            "Temp 38.9 at 3am, platelets 9. Call me back on 07700 900456",
            "Temp 38.9 at 3am, platelets 9. Call me back on [phone]"
        },
        {
            "this is Mark speaking, hospital number A7654321, email mark@example.com",
            "this is [name] speaking, hospital number [id], email [email]"
        },
    };

    /// <summary>Messages with clinical numbers and words and nothing personal: they must come through unchanged.</summary>
    public static TheoryData<string> Clinical => new()
    {
        "temp 38.5",
        "38,5 this evening",
        "101F and shivery",
        "it was 37.8°C an hour ago",
        "my temp is 38.5 and I feel awful",
        "my nose has bled for 20 mins",
        "been sick 6 times in 2 hours",
        "diarrhoea for 10 days",
        "platelets 12",
        "platelets 12, hb 85, neuts 0.4",
        "Hb 8.5 and plt 12 x10^9/L",
        "neutrophils 0.4 x 10^9/L, WBC 1.2",
        "platelets 150,000 last week",
        "ferritin 1500 and CRP 45",
        "eltrombopag 50mg once a day",
        "ciclosporin 100 mg twice a day",
        "paracetamol 1g every 4-6 hours",
        "I'm 38",
        "I'm 38 years old",
        "she's 6 and he's 14",
        "at 3am and again at 14:30",
        "woke at 13.45 with a headache",
        "sats 94%",
        "PNH clone 12%",
        "it cost £38.50 to park",
        "since 2019",
        "from 2015 to 2019",
        "2019-2021 were the worst years",
        "since Monday",
        "on the 3rd",
        "last March",
        "in March 2019",
        "started on 12th March",
        "transfused 2 units on 12/03",
        "born in 1985",
        "BP 120/80, HR 110",
        "day +100 post transplant",
        "day +21 and counts rising",
        "ATG day 3 of 5",
        "CD4 count 200",
        "vitamin B12 5mg",
        "B12 1st dose",
        "x3 4hr apart",
        "call 999 or 111",
        "Samaritans 116 123",
        "NHS 111 said to come in",
        "a 2 hour drive to the hospital",
        "I lost 2 st since Christmas",
        "took 2 tablets on the way",
        "my 2 kids drive me mad",
        "walked 3 miles up the hill",
        "room 12 on ward 7B",
        "bed 4, bay 2",
        "I have a fever and my gums are bleeding",
        "crushing chest pain and can't breathe",
        "tiny red spots on my legs",
        "call me back tomorrow",
        "call me if the bleeding starts again",
        "please call me when you can",
        "this is really bad",
        "it's called aplastic anaemia",
        "the drug's name is eltrombopag",
        "I'M SO TIRED",
        "I'm Type 2 diabetic",
        "I'm not sure what my platelets were",
        "what is a normal platelet count?",
        "my name is on the list for the transplant",
        "happy birthday to me, stuck on the ward",
        "INR 2.5, range 150-400",
        "1-2 days",
        "3-4 times a day",
        "counts 0.5, 0.7 and 1.1",
        "weight 65kg",
        "2 bags of platelets",
        "the 3 of us went down the road",
        "Hello! Is this a good time to ask about ATG?",
        "",
    };

    [Theory]
    [MemberData(nameof(Emails))]
    public void EmailAddressesBecomeTheEmailPlaceholder(string text, string expected) => AssertRedacts(text, expected);

    [Theory]
    [MemberData(nameof(Phones))]
    public void UkUsAndInternationalPhoneNumbersBecomeThePhonePlaceholder(string text, string expected) => AssertRedacts(text, expected);

    [Theory]
    [MemberData(nameof(NhsNumbers))]
    public void NhsNumbersBecomeTheNhsNumberPlaceholder(string text, string expected) => AssertRedacts(text, expected);

    [Theory]
    [MemberData(nameof(Identifiers))]
    public void HospitalNumbersAndOtherLongIdentifiersBecomeTheIdPlaceholder(string text, string expected) => AssertRedacts(text, expected);

    [Theory]
    [MemberData(nameof(DatesOfBirth))]
    public void DatesOfBirthAndFullDatesAreReplaced(string text, string expected) => AssertRedacts(text, expected);

    [Theory]
    [MemberData(nameof(Postcodes))]
    public void UkPostcodesAndUsZipCodesBecomeThePostcodePlaceholder(string text, string expected) => AssertRedacts(text, expected);

    [Theory]
    [MemberData(nameof(Addresses))]
    public void StreetAddressesBecomeTheAddressPlaceholder(string text, string expected) => AssertRedacts(text, expected);

    [Theory]
    [MemberData(nameof(Names))]
    public void NamesAfterIntroductionsBecomeTheNamePlaceholder(string text, string expected) => AssertRedacts(text, expected);

    [Theory]
    [MemberData(nameof(Mixed))]
    public void SeveralKindsInOneMessageAreAllReplaced(string text, string expected) => AssertRedacts(text, expected);

    [Theory]
    [MemberData(nameof(Clinical))]
    public void ClinicalNumbersAndWordsComeThroughUnchanged(string text) => Assert.Equal(text, Redactor.Redact(text));

    [Theory]
    [InlineData("my temp is 38.5 and my number is 07700 900123", "07700", "900123")]
    [InlineData("NHS number 943 476 5919", "943", "5919")]
    [InlineData("call me on +44 7700 900123", "7700", "900123")]
    [InlineData("born 12/03/1985, platelets 12", "1985", "12/03")]
    [InlineData("I'm called Sarah Jones and I live at 12 Baker Street, London NW1 6XE", "Sarah", "Jones", "Baker", "NW1", "6XE")]
    [InlineData("my name is ahmed", "ahmed")]
    [InlineData("email s.jones@example.com or ring 020 7946 0000", "jones", "example", "7946")]
    public void NoneOfThePersonalDataRemains(string text, params string[] personal)
    {
        var redacted = Redactor.Redact(text);

        foreach (var piece in personal)
        {
            Assert.DoesNotContain(piece, redacted, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void CountsEachKindReplaced()
    {
        var result = Redactor.RedactWithCounts(
            "I'm called Sarah Jones, born 12/03/1985, NHS number 943 476 5919, call 07700 900123 or 020 7946 0000, "
            + "12 Baker Street, NW1 6XE, sarah@example.com, MRN 00123456, seen 01/04/2024");

        Assert.False(result.Withheld);
        Assert.Equal(1, result.CountOf(PiiKind.Name));
        Assert.Equal(1, result.CountOf(PiiKind.DateOfBirth));
        Assert.Equal(1, result.CountOf(PiiKind.NhsNumber));
        Assert.Equal(2, result.CountOf(PiiKind.Phone));
        Assert.Equal(1, result.CountOf(PiiKind.Address));
        Assert.Equal(1, result.CountOf(PiiKind.Postcode));
        Assert.Equal(1, result.CountOf(PiiKind.Email));
        Assert.Equal(1, result.CountOf(PiiKind.Identifier));
        Assert.Equal(1, result.CountOf(PiiKind.Date));
        Assert.Equal(10, result.Total);
    }

    [Fact]
    public void TextWithoutPersonalDataHasNoCounts()
    {
        var result = Redactor.RedactWithCounts("temp 38.5 since Monday, platelets 12, bled for 20 mins");

        Assert.Equal("temp 38.5 since Monday, platelets 12, bled for 20 mins", result.Text);
        Assert.Equal(0, result.Total);
        Assert.Empty(result.Counts);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void MissingTextGivesAnEmptyString(string? text) => Assert.Equal(string.Empty, Redactor.Redact(text));

    [Fact]
    public void RedactingTwiceChangesNothingForEveryTableSentence()
    {
        var sentences = new[] { Emails, Phones, NhsNumbers, Identifiers, DatesOfBirth, Postcodes, Addresses, Names, Mixed }
            .SelectMany(table => table.Select(static (object[] row) => (string)row[0]))
            .Concat(((IEnumerable<object[]>)Clinical).Select(row => (string)row[0]));

        foreach (var sentence in sentences)
        {
            var once = Redactor.Redact(sentence);
            Assert.Equal(once, Redactor.Redact(once));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void ArbitraryUnicodeOfTwentyThousandCharactersNeverThrowsAndRedactsIdempotently(int seed)
    {
        var text = Fuzz(new Random(seed), 20_000);

        var result = Redactor.RedactWithCounts(text);

        Assert.False(result.Withheld);
        Assert.Equal(result.Text, Redactor.Redact(result.Text));
    }

    /// <summary>Inputs shaped to make a backtracking pattern slow; each pass must still finish inside its time limit.</summary>
    [Theory]
    [InlineData("0")]
    [InlineData("a")]
    [InlineData("a.")]
    [InlineData("+1 ")]
    [InlineData("1-")]
    [InlineData("12 ")]
    [InlineData("12 Abc ")]
    [InlineData("my name is ")]
    [InlineData("born ")]
    [InlineData("a1 ")]
    [InlineData("x@")]
    public void PathologicalRepetitionFinishesWithoutBeingWithheld(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 20_000 / unit.Length));

        var result = Redactor.RedactWithCounts(text);

        Assert.False(result.Withheld);
        Assert.Equal(result.Text, Redactor.Redact(result.Text));
    }

    [Fact]
    public void ConcurrentCallsGiveTheSameResultsAsSequentialOnes()
    {
        var sentences = Mixed.Select(row => (string)row[0]).Concat(Phones.Select(row => (string)row[0])).ToArray();
        var expected = sentences.Select(Redactor.Redact).ToArray();
        var failures = 0;

        Parallel.For(0, 2_000, i =>
        {
            if (Redactor.Redact(sentences[i % sentences.Length]) != expected[i % sentences.Length])
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    private static void AssertRedacts(string text, string expected)
    {
        var redacted = Redactor.Redact(text);

        Assert.Equal(expected, redacted);
        Assert.Equal(redacted, Redactor.Redact(redacted));
    }

    /// <summary>Random code points (any plane, lone surrogates, combining marks) mixed with fragments of personal data.</summary>
    private static string Fuzz(Random random, int length)
    {
        string[] fragments =
        [
            "07700 900123", "+44 7700 ", "943 476 5919", "@", "a.b@c.d", " Street", " St ", "my name is ", "call me ", "I'm ",
            "born ", "DOB ", "12/03/", "1985", "SW1A 1AA", " 38.5 ", "£", "°C", "Flat 3, ", "(", ")", "-", ".", ",", " ", "\n",
            "'s", "Zoë", "\u0301", "\uD83D", "\uDE00", "IL ", "zip ", "MRN: ", "A1234567", "this is ", " speaking",
        ];
        var builder = new StringBuilder(length + 32);
        while (builder.Length < length)
        {
            switch (random.Next(4))
            {
                case 0:
                    builder.Append(fragments[random.Next(fragments.Length)]);
                    break;
                case 1:
                    builder.Append((char)random.Next(0, 0x10000));
                    break;
                case 2:
                    builder.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000)));
                    break;
                default:
                    builder.Append((char)random.Next(32, 127));
                    break;
            }
        }

        return builder.ToString(0, length);
    }
}
