namespace MarrowBot.Staff.Authentication;

/// <summary>
/// Sign-in through an organisation's OpenID Connect provider (<c>Staff:Oidc</c>). Authority and ClientId go
/// together; the ClientSecret comes from the environment (<c>Staff__Oidc__ClientSecret</c>) or a secret store.
/// A person is let in only with a role: the value of <see cref="RoleClaim"/> in their token mapped by
/// <see cref="Roles"/> (<c>Staff:Oidc:Roles:&lt;claim value&gt; = reviewer|editor</c>).
/// </summary>
public sealed class StaffOidcOptions
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The token claim whose values name the person's groups or roles at the organisation.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Claim value to staff role; a person whose values map to none is refused (403).</summary>
    public Dictionary<string, string> Roles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Allow an http:// authority (a provider on loopback in tests); https is required otherwise.</summary>
    public bool AllowHttpAuthority { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority);
}
