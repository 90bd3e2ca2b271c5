using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MarrowBot.Staff.Authentication;

/// <summary>
/// The configured API keys, kept as SHA-256 digests only. A presented key is hashed and compared with every
/// digest in constant time, all of them every time, so neither the comparison nor the position of a match shows
/// in the timing.
/// </summary>
public sealed class StaffApiKeys
{
    private readonly IReadOnlyList<(string Label, byte[] Digest)> _keys;

    public StaffApiKeys(IOptions<StaffOptions> options) =>
        _keys = options.Value.ApiKeys
            .Select(k => (k.Label!, string.IsNullOrEmpty(k.Key) ? Convert.FromHexString(k.Sha256!) : Digest(k.Key)))
            .ToList();

    /// <summary>The label of the key <paramref name="presented"/>, or null when it is none of them.</summary>
    public string? Match(string presented)
    {
        var digest = Digest(presented);
        string? label = null;
        foreach (var (keyLabel, keyDigest) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, keyDigest))
            {
                label = keyLabel;
            }
        }

        return label;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
