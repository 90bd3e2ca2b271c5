using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MarrowBot.Staff;

/// <summary>
/// Refuses to start when a secret (the OpenID Connect client secret, an API key itself) comes from a settings
/// file such as appsettings.json, which is committed and copied beside the build: secrets belong in the
/// environment (<c>Staff__Oidc__ClientSecret</c>, <c>Staff__ApiKeys__0__Key</c>), user secrets in Development, or
/// a secret store. An API key's SHA-256 may be in a file.
/// </summary>
public sealed class StaffSecretsValidator(IConfiguration configuration) : IValidateOptions<StaffOptions>
{
    public ValidateOptionsResult Validate(string? name, StaffOptions options)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return ValidateOptionsResult.Skip;
        }

        var keys = new List<string> { "Staff:Oidc:ClientSecret" };
        keys.AddRange(Enumerable.Range(0, options.ApiKeys.Count).Select(i => $"Staff:ApiKeys:{i}:Key"));
        var failures = new List<string>();
        foreach (var key in keys)
        {
            // The last provider that has the key is the one whose value is used.
            var source = root.Providers.LastOrDefault(p => p.TryGet(key, out var value) && !string.IsNullOrEmpty(value));
            if (source is FileConfigurationProvider { Source.Path: { } path } && !path.EndsWith("secrets.json", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{key} is set in {path}: secrets come from the environment or a secret store, not a settings file.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
