using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Storage.Postgres;
using MarrowBot.Bot.Storage.Sqlite;
using MarrowBot.Bot.Tests.Storage;
using MarrowBot.Staff.Dashboard;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Staff;

/// <summary>
/// The staff dashboard's aggregates (ADR 0030) on each provider's real database, from known conversations: each
/// day's conversations, replies by kind, tiers and feedback, the most-asked declined questions, the range's edges
/// and the staff's time zone. Each test writes in a year of its own, so the tests of a class share one database.
/// </summary>
public abstract class StaffDashboardContractTests(IStoreFixture fixture) : IAsyncLifetime
{
    private readonly string _channel = "dashboard-" + Guid.NewGuid().ToString("N");

    private StoreInstance _store = null!;

    private IStaffDashboard Dashboard { get; set; } = null!;

    public Task InitializeAsync()
    {
        _store = fixture.Open(fixture.Database);
        Dashboard = _store.Database switch
        {
            SqliteDatabase sqlite => new SqliteStaffDashboard(sqlite),
            PostgresDatabase postgres => new PostgresStaffDashboard(postgres),
            _ => throw new InvalidOperationException("Unknown store."),
        };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task EachDayCountsItsConversationsRepliesTiersAndFeedbackAndTheDeclinedQuestionsAreGroupedByTheirText()
    {
        var day1 = new DateTimeOffset(2031, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var day2 = day1.AddDays(1);
        await LogAsync(
            Turn("a", day1.AddHours(10), 0, "What is ATG?", "decline", "none"),
            Turn("a", day1.AddHours(10).AddMinutes(5), 1, "thanks", "answer", "routine"),
            [Reaction("a", day1.AddHours(10).AddMinutes(6), "r1", "like")],
            Turn("b", day1.AddHours(11), 0, "  what is   atg ", "decline", "none"),
            [Reaction("b", day1.AddHours(11).AddMinutes(1), "r0", "sad")],
            Turn("c", day1.AddHours(12), 0, "crushing chest pain", "triage", "emergency"),
            Turn("d", day2.AddHours(9), 0, "can I drink alcohol", "clarify", "none"),
            Turn("d", day2.AddHours(9).AddMinutes(1), 1, "with ciclosporin", "decline", "none"),
            [Reaction("d", day2.AddHours(9).AddMinutes(2), "r1", "like", "heart")],
            Turn("e", day2.AddHours(23).AddMinutes(30), 0, "my gums keep bleeding", "answer", "urgent"),

            // Outside the range on either side.
            Turn("before", day1.AddMinutes(-1), 0, "what is atg", "decline", "none"),
            Turn("after", day1.AddDays(3), 0, "what is atg", "decline", "emergency"));

        var figures = await Dashboard.GetAsync(new DashboardQuery(new DateOnly(2031, 3, 1), new DateOnly(2031, 3, 3), TimeZoneInfo.Utc), CancellationToken.None);

        Assert.Equal(
            [
                new DashboardDay(new DateOnly(2031, 3, 1), Conversations: 3, Answers: 1, Clarifications: 0, Declines: 2, TierNone: 1, TierRoutine: 1, TierUrgent: 0, TierEmergency: 1, PositiveFeedback: 1, NegativeFeedback: 1),
                new DashboardDay(new DateOnly(2031, 3, 2), Conversations: 2, Answers: 1, Clarifications: 1, Declines: 1, TierNone: 1, TierRoutine: 0, TierUrgent: 1, TierEmergency: 0, PositiveFeedback: 2, NegativeFeedback: 0),
                new DashboardDay(new DateOnly(2031, 3, 3), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
            ],
            figures.Days);
        Assert.Equal([new UnansweredQuestion("what is atg", 2), new UnansweredQuestion("with ciclosporin", 1)], figures.Unanswered);
        Assert.Equal((5, 2, 1, 3, 3, 1), (figures.Conversations, figures.Answers, figures.Clarifications, figures.Declines, figures.PositiveFeedback, figures.NegativeFeedback));
        Assert.Equal(0.75, figures.PositiveRatio);
    }

    [Fact]
    public async Task DaysAreTheStaffsLocalDaysFromLocalMidnightToLocalMidnight()
    {
        // New York is five hours behind UTC in January.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        await LogAsync(
            Turn("late-on-the-9th", new DateTimeOffset(2032, 1, 10, 3, 0, 0, TimeSpan.Zero), 0, "question one", "decline", "none"),
            Turn("first-of-the-10th", new DateTimeOffset(2032, 1, 10, 5, 0, 0, TimeSpan.Zero), 0, "question two", "answer", "none"),
            Turn("last-of-the-10th", new DateTimeOffset(2032, 1, 11, 4, 59, 0, TimeSpan.Zero), 0, "question three", "answer", "none"),
            Turn("11th", new DateTimeOffset(2032, 1, 11, 5, 0, 0, TimeSpan.Zero), 0, "question four", "decline", "none"),
            Turn("8th", new DateTimeOffset(2032, 1, 9, 4, 59, 0, TimeSpan.Zero), 0, "question five", "decline", "none"));

        var figures = await Dashboard.GetAsync(new DashboardQuery(new DateOnly(2032, 1, 9), new DateOnly(2032, 1, 10), zone), CancellationToken.None);

        Assert.Equal([(new DateOnly(2032, 1, 9), 1, 0, 1), (new DateOnly(2032, 1, 10), 2, 2, 0)], figures.Days.Select(d => (d.Day, d.Conversations, d.Answers, d.Declines)));
        Assert.Equal([new UnansweredQuestion("question one", 1)], figures.Unanswered);
    }

    [Fact]
    public async Task OnlyTheTenMostAskedDeclinedQuestionsAreListedMostAskedFirst()
    {
        var day = new DateTimeOffset(2033, 6, 1, 8, 0, 0, TimeSpan.Zero);
        var turns = new List<List<IActivity>>();
        for (var q = 0; q < 12; q++)
        {
            for (var n = 0; n <= q; n++)
            {
                turns.Add(Turn($"q{q}-{n}", day.AddMinutes(q), 0, $"Question {q:00}", "decline", "none"));
            }
        }

        await LogAsync([.. turns]);

        var figures = await Dashboard.GetAsync(new DashboardQuery(new DateOnly(2033, 6, 1), new DateOnly(2033, 6, 1), TimeZoneInfo.Utc), CancellationToken.None);

        Assert.Equal(Enumerable.Range(2, 10).Reverse().Select(q => new UnansweredQuestion($"question {q:00}", q + 1)), figures.Unanswered);
        Assert.Equal(78, figures.Declines);
    }

    [Fact]
    public async Task ADeletedReplyAndAForgottenConversationsRepliesNoLongerCount()
    {
        var day = new DateTimeOffset(2034, 2, 1, 8, 0, 0, TimeSpan.Zero);
        await LogAsync(
            Turn("kept", day, 0, "what is atg", "answer", "none"),
            Turn("reply-deleted", day.AddHours(1), 0, "what is gvhd", "decline", "none"),
            Turn("forgotten", day.AddHours(2), 0, "can I swim", "clarify", "none"),
            Turn("forgotten", day.AddHours(2).AddMinutes(1), 1, "in the sea", "decline", "none"));
        await LogAsync([new Activity(ActivityTypes.MessageDelete) { Id = "r0", ChannelId = _channel, Conversation = new ConversationAccount(id: "reply-deleted") }]);
        await _store.Transcripts.DeleteTranscriptAsync(_channel, "forgotten");

        var figures = await Dashboard.GetAsync(new DashboardQuery(new DateOnly(2034, 2, 1), new DateOnly(2034, 2, 1), TimeZoneInfo.Utc), CancellationToken.None);

        Assert.Equal((2, 1, 0, 0), (figures.Conversations, figures.Answers, figures.Clarifications, figures.Declines));
        Assert.Empty(figures.Unanswered);
    }

    private Task LogAsync(params List<IActivity>[] turns) =>
        _store.Transcripts.LogActivitiesAsync(turns.SelectMany(t => t).ToList(), CancellationToken.None);

    /// <summary>The person's message and the bot's reply (of <paramref name="kind"/>, at <paramref name="triage"/>) a second later.</summary>
    private List<IActivity> Turn(string conversation, DateTimeOffset at, int n, string text, string kind, string triage)
    {
        var reply = Message(conversation, at.AddSeconds(1), $"r{n}", "a reply");
        (reply.From, reply.Recipient) = (reply.Recipient, reply.From);
        reply.Entities = [new Entity("marrowbot.outcome") { Properties = new JObject { ["kind"] = kind, ["triage"] = triage, ["intent"] = "x" } }];
        return [Message(conversation, at, $"u{n}", text), reply];
    }

    private Activity Message(string conversation, DateTimeOffset at, string id, string? text) => new(ActivityTypes.Message)
    {
        Id = id,
        ChannelId = _channel,
        Conversation = new ConversationAccount(id: conversation),
        From = new ChannelAccount("user-1", role: RoleTypes.User),
        Recipient = new ChannelAccount("marrowbot", role: RoleTypes.Bot),
        Text = text,
        Timestamp = at,
    };

    private Activity Reaction(string conversation, DateTimeOffset at, string replyTo, params string[] added)
    {
        var reaction = Message(conversation, at, "x" + Guid.NewGuid().ToString("N"), null);
        reaction.Type = ActivityTypes.MessageReaction;
        reaction.ReplyToId = replyTo;
        reaction.ReactionsAdded = added.Select(t => new MessageReaction(t)).ToList();
        return reaction;
    }
}
