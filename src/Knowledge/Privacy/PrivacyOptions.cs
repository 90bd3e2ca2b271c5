namespace MarrowBot.Knowledge.Privacy;

/// <summary>
/// How transcripts treat personal data (appsettings.json "Privacy"). The transcript store reads
/// <see cref="RedactTranscripts"/> and passes every message through <see cref="PiiRedactor"/> before it is kept.
/// </summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>
    /// Replace e-mail addresses, phone numbers, NHS and hospital numbers, dates of birth, postcodes, addresses and
    /// names with placeholders before a transcript is stored. On by default; turn off only where the store itself
    /// is approved to hold identifiable data.
    /// </summary>
    public bool RedactTranscripts { get; set; } = true;
}
