namespace MarrowBot.Bot.Storage;

/// <summary>
/// Folders and files only their owner can read: patient data (the SQLite store, its -wal and -shm files, a journal
/// beside it) must not be readable by other accounts on the machine, whatever the process's umask. On Unix a new
/// folder is created 0700 and a new file 0600, and an existing file that others could read is tightened to 0600;
/// on Windows the account's profile folders are already private, so they are created as usual.
/// </summary>
public static class OwnerOnly
{
    /// <summary>rwx for the owner only (0700).</summary>
    public const UnixFileMode FolderPermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw for the owner only (0600).</summary>
    public const UnixFileMode FilePermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> and any missing parents as owner-only folders (0700); existing folders are left as they are.</summary>
    public static DirectoryInfo CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows() || Directory.Exists(path))
        {
            return Directory.CreateDirectory(path);
        }

        // Directory.CreateDirectory(path, mode) gives the mode to the last folder only: each missing parent is
        // created here, outermost first, so none is ever readable by others.
        var missing = new Stack<string>();
        for (var folder = Path.GetFullPath(path); !Directory.Exists(folder); folder = Path.GetDirectoryName(folder)!)
        {
            missing.Push(folder);
        }

        while (missing.TryPop(out var folder))
        {
            Directory.CreateDirectory(folder, FolderPermissions);
        }

        return new DirectoryInfo(path);
    }

    /// <summary>
    /// Makes sure <paramref name="path"/> exists as an owner-only file before anything else opens it: created empty
    /// with 0600 (never briefly wider), or tightened to 0600 if it exists with any group or other permission.
    /// </summary>
    public static void EnsureFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite))
            {
            }

            return;
        }

        try
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.ReadWrite,
                UnixCreateMode = FilePermissions,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            Restrict(path);
        }
    }

    /// <summary>Takes every group and other permission off an existing file (0600 at most); nothing when it does not exist.</summary>
    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & ~FilePermissions) != 0)
        {
            File.SetUnixFileMode(path, mode & FilePermissions);
        }
    }
}
