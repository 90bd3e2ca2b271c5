using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Transcripts;

/// <summary>The default transcript filter: stores activities as they are. Redaction replaces or follows it.</summary>
public sealed class IdentityTranscriptFilter : ITranscriptFilter
{
    public IActivity? Apply(IActivity activity) => activity;
}
