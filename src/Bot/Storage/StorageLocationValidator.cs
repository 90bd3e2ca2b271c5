using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Storage;

/// <summary>Refuses a SQLite location that a build would wipe (inside bin/ or obj/), or none at all. The path is not secret and is shown.</summary>
public sealed class StorageLocationValidator(StorageLocation location) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (options.Provider != StorageProvider.Sqlite)
        {
            return ValidateOptionsResult.Success;
        }

        if (location.Resolve(options.SqlitePath) is not { } path)
        {
            return ValidateOptionsResult.Fail(
                "Storage:SqlitePath is empty and this account has no application-data folder to keep the store in; set Storage:SqlitePath to an absolute path.");
        }

        return StorageLocation.IsInBuildOutput(path)
            ? ValidateOptionsResult.Fail(
                $"Storage:SqlitePath points inside a bin/ or obj/ folder ({Path.GetDirectoryName(path)}), which a clean or a rebuild deletes; keep patient data outside the build output.")
            : ValidateOptionsResult.Success;
    }
}
