using Microsoft.Extensions.Options;
using Npgsql;

namespace MarrowBot.Bot.Storage;

/// <summary>Checks what data annotations cannot: the PostgreSQL connection string is present and parses. Its value never appears in the message.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail("Storage:Provider must be \"sqlite\" or \"postgres\".");
        }

        if (options.RetryMaxDelay < options.RetryInitialDelay)
        {
            return ValidateOptionsResult.Fail("Storage:RetryMaxDelay must not be shorter than Storage:RetryInitialDelay.");
        }

        if (options.Provider != StorageProvider.Postgres)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            return ValidateOptionsResult.Fail("Storage:PostgresConnectionString is required when Storage:Provider is \"postgres\".");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(options.PostgresConnectionString);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException)
        {
            return ValidateOptionsResult.Fail("Storage:PostgresConnectionString is not a valid Npgsql connection string.");
        }
    }
}
