using MarrowBot.Knowledge.Privacy;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// What stands between a turn and the transcript store: activities of a conversation that was just forgotten are
/// withheld, and personal data in what people wrote (e-mail, phone and NHS numbers, dates of birth, postcodes,
/// addresses, names) is replaced with placeholders before anything is stored ("Privacy:RedactTranscripts", on by
/// default). It works on the logger's shallow copy and replaces, never changes, what that copy shares with the
/// turn; triage and classification have already seen the original, in memory only. The bot's own replies are
/// curated text and are stored as sent.
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

        if (!options.Value.RedactTranscripts || activity.From?.Role == RoleTypes.Bot || activity is not Activity copy)
        {
            return activity;
        }

        copy.Text = copy.Text is null ? null : redactor.Redact(copy.Text);
        copy.Speak = copy.Speak is null ? null : redactor.Redact(copy.Speak);
        copy.Summary = copy.Summary is null ? null : redactor.Redact(copy.Summary);
        if (copy.Attachments is { Count: > 0 } attachments)
        {
            // The attachments are shared with the turn: replace them with ones that keep only the type and the
            // redacted name (what was attached can be anything, a photo of a letter included).
            copy.Attachments = attachments
                .Select(a => a is null ? null : new Attachment(a.ContentType, name: a.Name is null ? null : redactor.Redact(a.Name)))
                .ToList();
        }

        return copy;
    }
}
