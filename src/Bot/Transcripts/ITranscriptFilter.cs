using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// A step every activity passes through before it is queued for the transcript store, in registration order
/// (services.AddSingleton&lt;ITranscriptFilter, MyFilter&gt;()); <see cref="RedactingTranscriptFilter"/> is registered
/// by default. It gets the logger's shallow copy (<see cref="ActivityCopy"/>): set the activity's own properties
/// freely, but replace the objects it refers to (attachments, entities, accounts) rather than change them, since the
/// turn shares them. Return the activity (changed or not), or null to keep it out of the transcript. If a filter
/// throws, the activity is dropped and counted, never stored unfiltered.
/// </summary>
public interface ITranscriptFilter
{
    IActivity? Apply(IActivity activity);
}
