namespace MarrowBot.Bot.Tests.Support;

/// <summary>Finds the repository: the folder with MarrowBot.sln above the test output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MarrowBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("MarrowBot.sln not found above the test output folder.");
    }
}
