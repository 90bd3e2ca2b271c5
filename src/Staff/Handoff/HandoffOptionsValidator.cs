using Microsoft.Extensions.Options;

namespace MarrowBot.Staff.Handoff;

/// <summary>Stops start-up when Staff:HandoffHours or Staff:HandoffTimeZone cannot be read, naming the setting.</summary>
public sealed class HandoffOptionsValidator : IValidateOptions<HandoffOptions>
{
    public ValidateOptionsResult Validate(string? name, HandoffOptions options) =>
        HandoffHours.TryParse(options.HandoffHours, options.HandoffTimeZone, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(error!);
}
