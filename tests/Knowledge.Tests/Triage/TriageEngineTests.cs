using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Tests.Triage;

/// <summary>One table per context rule of the triage policy.</summary>
public sealed class TriageEngineTests
{
    private static TriageResult Assess(string text, SafetyOptions? options = null, TriageContext? context = null) =>
        SharedTriage.Engine(options).Assess(text, context);

    [Theory]
    [InlineData("I have crushing chest pain")]
    [InlineData("my husband collapsed in the kitchen")]
    [InlineData("she can't breathe properly and her lips are blue")]
    [InlineData("I've been vomiting blood")]
    [InlineData("his face is drooping on one side and his speech is slurred")]
    [InlineData("I want to kill myself")]
    [InlineData("my lips and tongue are swelling up after the transfusion")]
    [InlineData("fell and hit my head, platelets are 10")]
    [InlineData("blood everywhere, the nosebleed won't stop")]
    [InlineData("CHEST PAIN AND CANT BREATH")]
    [InlineData("sliced my thumb and it's spurting, still going with a cloth pressed on it")]
    public void EmergencyFindingsAreEmergencies(string text) => Assert.Equal(TriageTier.Emergency, Assess(text).Tier);

    [Theory]
    [InlineData("I have a fever")]
    [InlineData("temp 38.3")]
    [InlineData("101F")]
    [InlineData("38,5 this evening")]
    [InlineData("feel hot and shivery")]
    [InlineData("my gums won't stop bleeding")]
    [InlineData("there's blood in my wee")]
    [InlineData("new tiny red spots on my legs")]
    [InlineData("been sick 6 times and can't keep water down")]
    [InlineData("temprature of 38.9")]
    [InlineData("diarrhoea 10 times since last night")]
    [InlineData("a rash of pinpricks across my tummy")]
    [InlineData("little red spotts on my legz")]
    public void UrgentFindingsAreUrgent(string text) => Assert.Equal(TriageTier.Urgent, Assess(text).Tier);

    [Theory]
    [InlineData("I'm so tired even after resting")]
    [InlineData("I've been feeling low and anxious")]
    [InlineData("bruising a bit more easily lately")]
    [InlineData("can't sleep at night")]
    public void MildOngoingSymptomsAreRoutine(string text) => Assert.Equal(TriageTier.Routine, Assess(text).Tier);

    [Theory]
    [InlineData("no fever")]
    [InlineData("I don't have a temperature")]
    [InlineData("not bleeding anywhere")]
    [InlineData("no chills, I feel fine")]
    public void NegatedFindingsDoNotCount(string text) => Assert.Equal(TriageTier.None, Assess(text).Tier);

    [Fact]
    public void ANegationCoversOnlyItsOwnClause()
    {
        var result = Assess("no fever but my nose has bled for 20 minutes");

        Assert.Equal(TriageTier.Urgent, result.Tier);
        Assert.Equal(["bleeding"], result.Categories);
    }

    [Theory]
    [InlineData("what should I do if I get a fever?")]
    [InlineData("is breathlessness a symptom?")]
    [InlineData("when should I call my doctor?")]
    [InlineData("can marrow failure cause bruising")]
    public void HypotheticalsAndGeneralQuestionsDoNotCount(string text) => Assert.Equal(TriageTier.None, Assess(text).Tier);

    [Theory]
    [InlineData("why is my pee red today?", TriageTier.Urgent)]
    [InlineData("is 38.2 a fever? that's what I've got now", TriageTier.Urgent)]
    [InlineData("should I be worried about these new red dots on my arms?", TriageTier.Urgent)]
    public void AQuestionAboutTheirOwnCurrentSymptomCounts(string text, TriageTier expected) => Assert.Equal(expected, Assess(text).Tier);

    [Theory]
    [InlineData("at what point does a nosebleed become a ring-the-ward job?")]
    [InlineData("for a leaflet: how do petechiae show up on darker skin?")]
    public void AQuestionThatBeginsInsideItsClauseCoversWhatFollowsItsQuestionWord(string text) =>
        Assert.Equal(TriageTier.None, Assess(text).Tier);

    [Theory]
    [InlineData("chest pain and sweating what do i do?")]
    [InlineData("dad grey and sweaty?")]
    [InlineData("mum is confused and drowsy?")]
    public void AQuestionMarkDoesNotUnsayWhatIsStatedBeforeTheQuestionBegins(string text) =>
        Assert.Equal(TriageTier.Emergency, Assess(text).Tier);

    /// <summary>
    /// The appended-red-flag property's counter-examples (FsCheck replay seeds 7612929455401404959,8357916218357651935
    /// and 20261202,1, about the 780th case), cut down to what made them fail: a full-width or disguised "CP" (chest
    /// pain) in the text's last clause, no owner ("my", "he") just before it, then "? " and a red flag. The "?" made
    /// the whole clause a general question, so the emergency the text stated alone fell to the appended phrase's urgent.
    /// </summary>
    [Theory]
    [InlineData("\uFF23\uFF30\u2764\uFE0F it is the marrow 38.5")]
    [InlineData("the \uFF43\u001D\u007F\u180EP\u06D4 Wwhat marrow hi it help is hi B")]
    public void AppendingAQuestionMarkAndARedFlagKeepsTheEmergencyTheTextStated(string text)
    {
        Assert.Equal(TriageTier.Emergency, Assess(text).Tier);
        Assert.Equal(TriageTier.Emergency, Assess(text + "? My temperature is 38.6.").Tier);
    }

    [Theory]
    [InlineData("I had a nosebleed years ago")]
    [InlineData("had a fit as a child, nothing since")]
    [InlineData("the bruising I mentioned last time has completely gone")]
    [InlineData("had a high temperature last week, the antibiotics sorted it")]
    [InlineData("he had a fever at christmas, fine now")]
    [InlineData("years ago my gums started bleeding after the dentist")]
    [InlineData("my mouth ulcers have all healed")]
    public void PastAndResolvedFindingsDoNotCount(string text) => Assert.Equal(TriageTier.None, Assess(text).Tier);

    [Theory]
    [InlineData("this waiting is killing me")]
    [InlineData("I'm dying to know what causes this")]
    [InlineData("the bot is killing it")]
    [InlineData("my blood is boiling about the parking")]
    [InlineData("laughed so hard at the film I couldn't breathe")]
    [InlineData("the queue is giving me a heart attack")]
    [InlineData("the car repairs are bleeding money")]
    [InlineData("sorry if none of this is making sense to me")]
    [InlineData("he walks with a slight limp since football")]
    [InlineData("the tent collapsed in the wind")]
    [InlineData("what a stroke of luck that the clinic rang")]
    [InlineData("I keep banging my head against a brick wall with the council")]
    [InlineData("I'll die of embarrassment if she sees this")]
    public void IdiomsAreNotFindings(string text) => Assert.Equal(TriageTier.None, Assess(text).Tier);

    [Theory]
    [InlineData("I have a fever of 38.5", "my son has a fever of 38.5")]
    [InlineData("I collapsed", "my husband collapsed")]
    [InlineData("I'm feeling low", "my wife is feeling low")]
    public void SomeoneElsesSymptomGetsTheSameTier(string self, string other) => Assert.Equal(Assess(self).Tier, Assess(other).Tier);

    [Theory]
    [InlineData("temp 37.6, feel ok", TriageTier.None)]
    [InlineData("temp 38.0 exactly", TriageTier.Urgent)]
    [InlineData("100.4F", TriageTier.Urgent)]
    [InlineData("100.2 F", TriageTier.None)]
    [InlineData("35.5 on the thermometer", TriageTier.Urgent)]
    [InlineData("her temp is 101", TriageTier.Urgent)]
    [InlineData("I paid 38.50 for the taxi", TriageTier.None)]
    [InlineData("he's 39 years old", TriageTier.None)]
    [InlineData("he weighs 38.5 kg", TriageTier.None)]
    [InlineData("we're in room 39", TriageTier.None)]
    [InlineData("if her temp goes over 38 should we go in?", TriageTier.None)]
    [InlineData("her temperature is thirty nine point two", TriageTier.Urgent)]
    [InlineData("temp reads a hundred and two", TriageTier.Urgent)]
    [InlineData("checked his temperature, it's 39", TriageTier.Urgent)]
    [InlineData("what's the cut-off, 37.5 or 38?", TriageTier.None)]
    [InlineData("is 38.5C the same as 101.3F", TriageTier.None)]
    public void TemperaturesAreReadWithAndWithoutUnits(string text, TriageTier expected) => Assert.Equal(expected, Assess(text).Tier);

    [Fact]
    public void TheFeverThresholdIsASetting()
    {
        Assert.Equal(TriageTier.None, Assess("temp 37.6").Tier);
        Assert.Equal(TriageTier.Urgent, Assess("temp 37.6", new SafetyOptions { FeverThresholdCelsius = 37.5 }).Tier);
    }

    [Fact]
    public void ABareNumberIsATemperatureWhenTheBotAskedForOne()
    {
        Assert.Equal(TriageTier.None, Assess("38").Tier);
        Assert.Equal(TriageTier.Urgent, Assess("38", context: new TriageContext { ExpectingTemperature = true }).Tier);
    }

    [Theory]
    [InlineData("nosebleed for 20 mins", TriageTier.Urgent)]
    [InlineData("been pressing on the cut for 20 minutes and it's still bleeding", TriageTier.Emergency)]
    [InlineData("pinching his nose for half an hour, it's slowing down but still bleeding", TriageTier.Urgent)]
    [InlineData("my cut is bleeding, kept pressure on it for half an hour and it's still dripping", TriageTier.Emergency)]
    [InlineData("my nose is bleeding and it won't stop", TriageTier.Emergency)]
    public void BleedingDurationsAndPressureAreRead(string text, TriageTier expected) => Assert.Equal(expected, Assess(text).Tier);

    [Fact]
    public void SeveralSymptomsGiveTheHighestTierAndEveryCategory()
    {
        var result = Assess("tired, a temp of 38.4 and now crushing chest pain");

        Assert.Equal(TriageTier.Emergency, result.Tier);
        Assert.Equal("chest-pain", result.Categories[0]);
        Assert.Contains("fever", result.Categories);
        Assert.Contains("fatigue", result.Categories);
    }

    [Fact]
    public void EvidenceSpansPointAtTheWordsThatFired()
    {
        const string Text = "Hello. My daughter has a temperature of 38.9C today";

        var evidence = Assess(Text).Evidence.Single(e => e.Rule == "temperature-reading");

        Assert.Equal("38.9C", Text.Substring(evidence.Start, evidence.Length));
    }

    [Theory]
    [InlineData("mi hija tiene fiebre, 38.7", TriageTier.Urgent)]
    [InlineData("j'ai des frissons et de la fièvre", TriageTier.Urgent)]
    [InlineData("bukhar nahi hai, just asking about diet", TriageTier.None)]
    [InlineData("mama zemdlała and she's not waking up", TriageTier.Emergency)]
    public void MixedLanguagesAreRead(string text, TriageTier expected) => Assert.Equal(expected, Assess(text).Tier);

    [Theory]
    [InlineData("my gums are bleeding and it hasnt cleared up", TriageTier.Urgent)]
    [InlineData("fever 38.6 not better now", TriageTier.Urgent)]
    [InlineData("the fever has not gone", TriageTier.Urgent)]
    [InlineData("his nose hasnt stopped after 20 minutes of pressing", TriageTier.Emergency)]
    [InlineData("the chest pain went away, but now it's back", TriageTier.Emergency)]
    public void AnEndingThatIsDeniedLeavesTheFindingCurrent(string text, TriageTier expected) => Assert.Equal(expected, Assess(text).Tier);

    [Theory]
    [InlineData("ive slashed my wrist and its deep", TriageTier.Emergency)]
    [InlineData("breathless doing nothing at all", TriageTier.Emergency)]
    [InlineData("im breathless with chest pain", TriageTier.Emergency)]
    [InlineData("my baby is turning blue", TriageTier.Emergency)]
    [InlineData("he has gone limp in my arms", TriageTier.Emergency)]
    [InlineData("she is fitting a lot and I cannot wake her", TriageTier.Emergency)]
    [InlineData("I banged my head on the cupboard and my platelets are 9", TriageTier.Emergency)]
    [InlineData("dad fell and isn't waking up", TriageTier.Emergency)]
    [InlineData("temp 39.6 and I can barely stand", TriageTier.Emergency)]
    [InlineData("my left arm and leg suddenly went numb", TriageTier.Emergency)]
    [InlineData("swolen throat after my transfussion", TriageTier.Emergency)]
    [InlineData("in the kitchen she is boiling hot and shivery", TriageTier.Urgent)]
    [InlineData("my temperature is 38.4 and the rash is nothing to worry about", TriageTier.Urgent)]
    public void PolicyTriggersInOtherWordsAreFound(string text, TriageTier expected) => Assert.Equal(expected, Assess(text).Tier);

    [Theory]
    [InlineData("my nosebleed stopped after 5 minutes")]
    [InlineData("the waiting room was boiling hot")]
    [InlineData("im breathless with excitement about going home")]
    [InlineData("the consultant said the rash is nothing to worry about")]
    [InlineData("the fever has gone")]
    [InlineData("the article mentions nosebleeds and bruising")]
    [InlineData("our dog has been sick twice today")]
    public void BenignMessagesThatShareWordsWithRedFlagsAreNotTriaged(string text) => Assert.Equal(TriageTier.None, Assess(text).Tier);

    [Fact]
    public void AVeryLongMessageIsReadToTheEnd()
    {
        var text = string.Concat(Enumerable.Repeat("Just some background about my week and the appointments. ", 400)) + "Now I have crushing chest pain.";

        Assert.Equal(TriageTier.Emergency, Assess(text).Tier);
    }

    [Fact]
    public void AVagueButWorryingMessageAsksFollowUpQuestions()
    {
        var result = Assess("I feel awful and hot");

        Assert.Equal(TriageTier.Urgent, result.Tier);
        Assert.True(result.NeedsFollowUp);
    }

    [Fact]
    public void ArbitraryInputNeverThrows()
    {
        var random = new Random(12345);
        var alphabet = "abc xyz 0123456789.,?!°£$%-–—'’\n\t\u0301é漢字🙂\uFFFD\u200B".ToCharArray();
        var engine = SharedTriage.Engine();
        for (var i = 0; i < 2000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 300)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var result = engine.Assess(text);
            Assert.NotNull(result);
        }
    }
}
