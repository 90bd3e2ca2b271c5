using System.ComponentModel.DataAnnotations;

namespace MarrowBot.Bot.Security;

/// <summary>Where the bot may send replies when it runs in local mode (no <c>MicrosoftAppId</c>, so no caller is authenticated).</summary>
public sealed class ServiceUrlOptions : IValidatableObject
{
    public const string SectionName = "Security";

    /// <summary>
    /// Service URLs accepted in local mode besides loopback ones, e.g. <c>https://smba.trafficmanager.net/</c>: an
    /// activity's serviceUrl must have the same scheme, host and port and start with the entry's path. Empty: loopback only.
    /// </summary>
    public IList<string> AllowedServiceUrls { get; } = [];

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < AllowedServiceUrls.Count; i++)
        {
            if (!ServiceUrlPolicy.TryParse(AllowedServiceUrls[i], out _))
            {
                yield return new ValidationResult(
                    $"{SectionName}:{nameof(AllowedServiceUrls)}:{i} must be an absolute http or https URL.",
                    [nameof(AllowedServiceUrls)]);
            }
        }
    }
}
