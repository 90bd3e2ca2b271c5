namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>Finds the repository (the folder with MarrowBot.sln) and the data folders inside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Data => Path.Combine(Root, "data");

    public static string Evaluation(string file) => Path.Combine(AppContext.BaseDirectory, "Evaluation", file);

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
