using System.Globalization;
using MarrowBot.Staff.Authentication;
using Microsoft.Extensions.Options;

namespace MarrowBot.Staff;

/// <summary>What the data annotations cannot say about the Staff settings: the API keys and the OpenID Connect provider.</summary>
public sealed class StaffOptionsValidator : IValidateOptions<StaffOptions>
{
    public ValidateOptionsResult Validate(string? name, StaffOptions options)
    {
        var failures = new List<string>();
        var labels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"Staff:ApiKeys:{i}");
            if (string.IsNullOrWhiteSpace(key.Label) || key.Label.Length > 64 || !key.Label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                failures.Add($"{at}:Label must be 1-64 letters, digits, '-', '_' or '.'.");
            }
            else if (!labels.Add(key.Label))
            {
                failures.Add($"{at}:Label '{key.Label}' is used twice.");
            }

            var hasKey = !string.IsNullOrEmpty(key.Key);
            var hasHash = !string.IsNullOrEmpty(key.Sha256);
            if (hasKey == hasHash)
            {
                failures.Add($"{at} needs exactly one of Key and Sha256.");
            }
            else if (hasKey && key.Key!.Length < StaffApiKeyOptions.MinimumKeyLength)
            {
                failures.Add($"{at}:Key must have at least {StaffApiKeyOptions.MinimumKeyLength} characters.");
            }
            else if (hasHash && (key.Sha256!.Length != 64 || !key.Sha256.All(char.IsAsciiHexDigit)))
            {
                failures.Add($"{at}:Sha256 must be 64 hex digits.");
            }
        }

        var oidc = options.Oidc;
        var hasAuthority = !string.IsNullOrWhiteSpace(oidc.Authority);
        if (hasAuthority != !string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            failures.Add("Staff:Oidc:Authority and Staff:Oidc:ClientId must be set together.");
        }

        if (hasAuthority)
        {
            if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority)
                || !(authority.Scheme == Uri.UriSchemeHttps || (authority.Scheme == Uri.UriSchemeHttp && oidc.AllowHttpAuthority)))
            {
                failures.Add("Staff:Oidc:Authority must be an absolute https URL.");
            }

            if (string.IsNullOrWhiteSpace(oidc.RoleClaim))
            {
                failures.Add("Staff:Oidc:RoleClaim must name a claim.");
            }

            if (oidc.Roles.Count == 0)
            {
                failures.Add("Staff:Oidc:Roles must map at least one claim value to reviewer or editor.");
            }

            foreach (var (value, role) in oidc.Roles)
            {
                if (role is not (StaffRoles.Reviewer or StaffRoles.Editor))
                {
                    failures.Add($"Staff:Oidc:Roles:{value} must be reviewer or editor.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
