using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MarrowBot.Bot.Tests.Staff;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Staff.Audit;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Handoff;

/// <summary>
/// The real host for the hand-off tests: a pinned clock, the test sign-in (<see cref="TestStaffAuthentication"/>)
/// and audit log double standing in for the staff authentication work, and a fake Teams connector on loopback.
/// </summary>
public sealed class HandoffHost : IAsyncLifetime
{
    /// <summary>A Wednesday, 10:00 UTC: inside the default hours (Mon-Fri 09:00-17:00 UTC).</summary>
    public static readonly DateTimeOffset InHours = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A Saturday, 10:00 UTC: outside them; staff are next available on Monday at 09:00.</summary>
    public static readonly DateTimeOffset OutOfHours = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

    public const string Reviewer = "rita; reviewer";
    public const string ApiReader = "api-key:dashboard; api-reader";

    public BotHost Host { get; private set; } = null!;

    public FakeTeamsConnector Connector { get; private set; } = null!;

    public ManualClock Clock { get; } = new();

    public RecordingStaffAuditLog Audit { get; } = new();

    private readonly Dictionary<string, HttpClient> _clients = [];

    public async Task InitializeAsync()
    {
        Clock.Set(InHours);
        Connector = await FakeTeamsConnector.StartAsync();
        Host = await BotHost.StartAsync(services =>
        {
            TestStaffAuthentication.AddTo(services);
            services.AddSingleton<IStaffAuditLog>(Audit);
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await Host.DisposeAsync();
        await Connector.DisposeAsync();
    }

    /// <summary>A Teams personal-chat message whose replies (and later proactive messages) go to the fake connector.</summary>
    public JObject TeamsMessage(string text, string conversation)
    {
        var activity = TeamsActivities.Personal(text, conversation);
        activity["serviceUrl"] = Connector.ServiceUrl;
        return activity;
    }

    /// <summary>
    /// Calls a console route as <paramref name="staff"/> ("name; role"), or as nobody when null. A POST as someone
    /// who may open the console's pages carries their anti-forgery token, as the console's own pages do.
    /// </summary>
    public async Task<HttpResponseMessage> StaffAsync(HttpMethod method, string path, string? staff = Reviewer, object? json = null)
    {
        var client = staff is null ? Host.Client : ClientFor(staff);
        using var request = new HttpRequestMessage(method, path);
        if (staff is not null)
        {
            request.Headers.Add(TestStaffAuthentication.Header, staff);
            if (method == HttpMethod.Post && staff != ApiReader)
            {
                request.Headers.Add("X-CSRF-TOKEN", await TokenAsync(client, staff));
            }
        }

        if (json is not null)
        {
            request.Content = new StringContent(Newtonsoft.Json.JsonConvert.SerializeObject(json), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        return await client.SendAsync(request);
    }

    /// <summary>The open hand-off requests as GET /staff/api/handoffs lists them.</summary>
    public async Task<JArray> ListAsync()
    {
        using var response = await StaffAsync(HttpMethod.Get, "/staff/api/handoffs");
        response.EnsureSuccessStatusCode();
        return (JArray)JObject.Parse(await response.Content.ReadAsStringAsync())["handoffs"]!;
    }

    /// <summary>The open request of a conversation, as listed.</summary>
    public async Task<JObject?> FindAsync(string conversationId) =>
        (await ListAsync()).OfType<JObject>().SingleOrDefault(h => (string?)h["conversationId"] == conversationId);

    /// <summary>One client per member of staff, keeping the anti-forgery cookie between calls.</summary>
    private HttpClient ClientFor(string staff)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(staff, out var client))
            {
                client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Host.Client.BaseAddress };
                _clients[staff] = client;
            }

            return client;
        }
    }

    private static async Task<string> TokenAsync(HttpClient client, string staff)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/staff");
        request.Headers.Add(TestStaffAuthentication.Header, staff);
        using var page = await client.SendAsync(request);
        return StaffClient.TokenIn(await page.Content.ReadAsStringAsync()).Token;
    }
}
