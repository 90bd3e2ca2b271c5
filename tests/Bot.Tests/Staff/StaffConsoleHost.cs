using System.Net;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Staff.Audit;
using Moq;

namespace MarrowBot.Bot.Tests.Staff;

/// <summary>
/// The real bot host (its SQLite file, its transcript writer) with the staff console, signed in through
/// <see cref="TestStaffAuthentication"/> and auditing into a mock of <see cref="IStaffAuditLog"/> (the audit store
/// comes with the sign-in branch). Shared by a test class; each test writes conversations with words of its own.
/// </summary>
public sealed class StaffConsoleHost : IAsyncLifetime
{
    public BotHost Host { get; private set; } = null!;

    public Mock<IStaffAuditLog> Audit { get; } = new();

    public async Task InitializeAsync()
    {
        Audit.Setup(a => a.RecordAsync(It.IsAny<StaffAuditEntry>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        Host = await BotHost.StartAsync(services =>
        {
            TestStaffAuthentication.AddTo(services);
            services.AddSingleton(Audit.Object);
        });
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>A client with its own cookies (the anti-forgery cookie), signed in as <paramref name="name"/> in <paramref name="role"/>, or anonymous.</summary>
    public HttpClient Client(string? name = "nurse.a", string role = "reviewer")
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Host.Client.BaseAddress };
        if (name is not null)
        {
            client.DefaultRequestHeaders.Add(TestStaffAuthentication.Header, $"{name}|{role}");
        }

        return client;
    }

    /// <summary>Sends each text as the person in a new conversation through /api/messages, waits until the transcript is stored, and returns the conversation id.</summary>
    public async Task<string> ConversationAsync(params string[] texts)
    {
        var conversation = "staff-" + Guid.NewGuid().ToString("N");
        foreach (var text in texts)
        {
            await Host.SendAsync(Activities.Message(text, conversation));
        }

        await Host.FlushTranscriptsAsync();
        return conversation;
    }

    /// <summary>The anti-forgery token of a page's forms (the page also sets its cookie on <paramref name="client"/>).</summary>
    public static async Task<string> FormTokenAsync(HttpClient client, string path)
    {
        return StaffClient.TokenIn(await client.GetStringAsync(path)).Token;
    }

    /// <summary>A word no other test's messages hold, to search for.</summary>
    /// <remarks>Letters only: a run of digits could be redacted as a number before it is stored.</remarks>
    public static string Word() => "zq" + new string(Guid.NewGuid().ToString("N")[..12].Select(c => (char)('a' + (c % 26))).ToArray());
}
