namespace MarrowBot.Bot.Storage;

/// <summary>
/// Where the SQLite store lives: never under the build output, which a clean, a rebuild or another configuration
/// replaces. An empty "Storage:SqlitePath" means the default folder: in Development the repository's top-level
/// <c>data-store/</c> (found by walking up from the content root to <c>MarrowBot.sln</c>), otherwise (or when no
/// repository is found) the platform's application-data folder (<c>~/.local/share/MarrowBot</c> on Linux,
/// <c>%LOCALAPPDATA%\MarrowBot</c> on Windows). A relative path is taken from the content root, as every other path.
/// The roots are given to the constructor, so tests never touch the real home or repository.
/// </summary>
public sealed class StorageLocation
{
    public const string SolutionFile = "MarrowBot.sln";
    public const string RepositoryFolder = "data-store";
    public const string ApplicationFolder = "MarrowBot";
    public const string FileName = "marrowbot.db";

    private readonly string _contentRoot;

    public StorageLocation(string environmentName, string contentRoot, string? localApplicationData)
    {
        _contentRoot = Path.GetFullPath(contentRoot);
        var repository = string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase) ? RepositoryTop(_contentRoot) : null;
        DefaultFolder = repository is not null ? Path.Combine(repository, RepositoryFolder)
            : string.IsNullOrWhiteSpace(localApplicationData) ? null
            : Path.Combine(Path.GetFullPath(localApplicationData), ApplicationFolder);
    }

    /// <summary>The folder used when no path is configured; null when this account has no application-data folder.</summary>
    public string? DefaultFolder { get; }

    /// <summary>The location for this process: the host's environment and content root, this account's application-data folder.</summary>
    public static StorageLocation ForHost(string environmentName, string contentRoot) =>
        new(environmentName, contentRoot, Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify));

    /// <summary>The full path of the SQLite file for a configured "Storage:SqlitePath" (empty: the default); null when there is no default.</summary>
    public string? Resolve(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? DefaultFolder is null ? null : Path.Combine(DefaultFolder, FileName)
        : Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(_contentRoot, configured));

    /// <summary>Whether a file's folder is inside a folder named bin or obj (build output).</summary>
    public static bool IsInBuildOutput(string filePath)
    {
        for (var folder = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(filePath))!); folder is not null; folder = folder.Parent)
        {
            if (folder.Name.Equals("bin", StringComparison.OrdinalIgnoreCase) || folder.Name.Equals("obj", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string? RepositoryTop(string contentRoot)
    {
        for (var folder = new DirectoryInfo(contentRoot); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
