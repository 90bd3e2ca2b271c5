using MarrowBot.Knowledge.Privacy;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// What stands between a turn and the transcript store: activities of a conversation that was just forgotten are
/// withheld, and personal data in what people wrote (e-mail, phone and NHS numbers, dates of birth, postcodes,
/// addresses, names) is replaced with placeholders before anything is stored ("Privacy:RedactTranscripts", on by
/// default) in every string the person sent (<see cref="ActivityRedaction"/>: text, names, value, channelData,
/// entities, any field a client adds), keeping the ids, types and times the stores and "forget me" need. It works
/// on the logger's shallow copy and replaces, never changes, what that copy shares with the turn; triage and
/// classification have already seen the original, in memory only. The bot's own replies are curated text, stored as
/// sent but for the person's name and the conversation's name that Bot Builder copies into their addressing.
/// </summary>
public sealed class RedactingTranscriptFilter(PiiRedactor redactor, IOptions<PrivacyOptions> options, ForgottenConversations forgotten) : ITranscriptFilter
{
    /// <inheritdoc/>
    public IActivity? Apply(IActivity activity)
    {
        if (forgotten.IsForgotten(activity))
        {
            return null;
        }

        if (!options.Value.RedactTranscripts || activity is not Activity copy)
        {
            return activity;
        }

        // The bot's replies are curated text, but Bot Builder addresses them with the person's account and the
        // conversation's name; everything else is what a person sent, redacted wherever it is.
        return copy.From?.Role == RoleTypes.Bot ? ActivityRedaction.RedactAddressing(copy, redactor) : ActivityRedaction.Redact(copy, redactor);
    }

    /// <summary>
    /// What <see cref="Apply"/> would return, as the record to store, when this is the last filter: a person's
    /// activity is redacted while it is serialised (<see cref="RedactingJsonWriter"/>), one pass instead of a JSON
    /// round trip to a redacted copy and a second serialisation of it. Null when the activity is kept out.
    /// </summary>
    internal TranscriptRecord? ToRecord(IActivity activity)
    {
        if (forgotten.IsForgotten(activity))
        {
            return null;
        }

        if (!options.Value.RedactTranscripts || activity is not Activity copy)
        {
            return TranscriptRecord.From(activity);
        }

        return copy.From?.Role == RoleTypes.Bot
            ? TranscriptRecord.From(ActivityRedaction.RedactAddressing(copy, redactor))
            : TranscriptRecord.From(copy, redactor);
    }
}
