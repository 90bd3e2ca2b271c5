using MarrowBot.Bot.Storage.Sqlite;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Bot.Transcripts;
using MarrowBot.Knowledge.Answering;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>
/// Personal data in every field of an activity, through the real host: none of it reaches the SQLite file (read
/// row by row, every table, every column), while the conversation stays readable and "forget me" still works.
/// </summary>
public sealed class PersonalDataEverywhereTests
{
    /// <summary>What must never be found in the store, in any case.</summary>
    private static readonly string[] Personal =
    [
        "Jane", "Doe", "Smith", "07700", "900123", "943 476 5919", "9434765919", "4765919", "12/03/1985", "1985-03-12",
        "example.com", "Baker", "SW1A", "RX1234567",
    ];

    [Fact]
    public async Task PersonalDataInEveryFieldOfAMessageIsNotStoredAnywhere()
    {
        await using var host = await BotHost.StartAsync();
        var conversation = "conv-" + Guid.NewGuid().ToString("N");

        var replies = await host.SendAsync(EverythingPersonal("my name is Jane Doe and I have crushing chest pain, call me on 07700 900123", conversation));
        var joined = EverythingPersonal(null, conversation);
        joined["type"] = "conversationUpdate";
        joined["membersAdded"] = new JArray(new JObject { ["id"] = "jane.doe@example.com", ["name"] = "Jane Doe" });
        await host.SendAsync(joined);
        await host.FlushTranscriptsAsync();

        Assert.Equal("emergency", (string)Outcome(replies[0])["triage"]!);
        var rows = await RawRowsAsync(host);
        foreach (var marker in Personal)
        {
            var found = rows.FirstOrDefault(row => row.Contains(marker, StringComparison.OrdinalIgnoreCase));
            Assert.True(found is null, $"\"{marker}\" is stored: ...{Around(found, marker)}...");
        }

        // Still a readable conversation: the same ids, the redacted words in place, the bot's replies whole.
        var transcript = await Transcript(host, conversation);
        var message = (IMessageActivity)transcript.First(a => a.Type == ActivityTypes.Message && a.From.Role == RoleTypes.User);
        Assert.Equal("my name is [name] and I have crushing chest pain, call me on [phone]", message.Text);
        Assert.Equal("emulator", message.ChannelId);
        Assert.Equal(conversation, message.Conversation.Id);
        Assert.Equal("[name]", message.From.Name);
        Assert.Equal("NHS number [nhs-number]", (string)((JObject)message.Value)["nhs"]!);
        Assert.Equal("clientInfo", message.Entities[0].Type);
        Assert.Equal("c-42", (string)((JObject)message.ChannelData)["clientActivityID"]!);
        var reply = (IMessageActivity)transcript.First(a => a.From?.Role == RoleTypes.Bot);
        Assert.Equal((string)replies[0]["text"]!, reply.Text);
        Assert.Equal("[name]", reply.Recipient.Name);
        Assert.Contains(transcript, a => a.Type == ActivityTypes.ConversationUpdate);
    }

    [Fact]
    public async Task ForgetMeStillFindsAndDeletesARedactedConversation()
    {
        await using var host = await BotHost.StartAsync();
        var conversation = "conv-" + Guid.NewGuid().ToString("N");
        await host.SendAsync(EverythingPersonal("what causes marrow failure?", conversation));
        await host.FlushTranscriptsAsync();
        Assert.NotEmpty(await Transcript(host, conversation));

        await host.SendAsync(EverythingPersonal("please forget me", conversation));
        var done = await host.SendAsync(EverythingPersonal(ForgetMe.Confirm, conversation));
        await host.Services.GetRequiredService<ConversationEraser>().Completion;
        await host.FlushTranscriptsAsync();

        Assert.Contains("deleted", (string)done.Single()["text"]!);
        Assert.Empty(await Transcript(host, conversation));
        Assert.DoesNotContain(await RawRowsAsync(host), row => row.Contains(conversation, StringComparison.Ordinal));
    }

    /// <summary>A message from a client that puts personal data in every field it can.</summary>
    private static JObject EverythingPersonal(string? text, string conversation)
    {
        var activity = Message(text, conversation);
        activity["from"] = new JObject { ["id"] = "jane.doe@example.com", ["name"] = "Jane Doe", ["role"] = "user", ["aadObjectId"] = "jane.doe@example.com" };
        activity["recipient"] = new JObject { ["id"] = "marrowbot", ["name"] = "Jane Doe's bot", ["role"] = "bot" };
        activity["conversation"] = new JObject { ["id"] = conversation, ["name"] = "Jane Doe and family", ["jobTitle"] = "ward 7, 07700 900123" };
        activity["speak"] = "my email is jane.doe@example.com";
        activity["summary"] = "I'm Jane Doe, 12 Baker Street, SW1A 1AA";
        activity["label"] = "DOB 12/03/1985";
        activity["name"] = "jane.doe@example.com";
        activity["topicName"] = "call me on 07700 900123";
        activity["value"] = new JObject
        {
            ["nhs"] = "NHS number 943 476 5919",
            ["nhsNumber"] = 9434765919L,
            ["dateOfBirth"] = "1985-03-12",
            ["born"] = "born 12/03/1985",
            ["hospital"] = new JArray("MRN RX1234567", new JObject { ["email"] = "jane.doe@example.com" }),
        };
        activity["channelData"] = new JObject
        {
            ["clientActivityID"] = "c-42",
            ["phone"] = "+44 7700 900123",
            ["contact"] = new JObject { ["home"] = "020 7946 0000 or 07700 900123" },
        };
        activity["entities"] = new JArray(
            new JObject { ["type"] = "clientInfo", ["email"] = "jane.doe@example.com", ["address"] = "12 Baker Street, SW1A 1AA" },
            new JObject { ["type"] = "mention", ["mentioned"] = new JObject { ["id"] = "29:1", ["name"] = "John Smith" }, ["text"] = "<at>John Smith</at>" });
        activity["attachments"] = new JArray(new JObject
        {
            ["contentType"] = "application/json",
            ["name"] = "jane.doe@example.com.pdf",
            ["content"] = new JObject { ["patient"] = "Jane Doe", ["nhs"] = "943 476 5919" },
            ["contentUrl"] = "https://example.com/Jane-Doe.pdf",
        });
        activity["textHighlights"] = new JArray(new JObject { ["text"] = "07700 900123", ["occurrence"] = 1 });
        activity["x-patient"] = "this is Jane Doe speaking, jane.doe@example.com";
        return activity;
    }

    /// <summary>Every value of every row of every table in the store's SQLite file, as text.</summary>
    private static async Task<List<string>> RawRowsAsync(BotHost host)
    {
        var path = host.Services.GetRequiredService<SqliteDatabase>().FilePath;
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var rows = new List<string>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }
        }

        Assert.Contains(tables, t => t == "activities");
        return rows;
    }

    private static string Around(string? row, string marker)
    {
        var at = row?.IndexOf(marker, StringComparison.OrdinalIgnoreCase) ?? -1;
        return at < 0 || row is null ? string.Empty : row[Math.Max(0, at - 80)..Math.Min(row.Length, at + marker.Length + 40)];
    }

    private static async Task<IList<IActivity>> Transcript(BotHost host, string conversation) =>
        (await host.Services.GetRequiredService<ITranscriptStore>().GetTranscriptActivitiesAsync("emulator", conversation)).Items;
}
