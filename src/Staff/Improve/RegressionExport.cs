using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Improvement;
using MarrowBot.Staff.Audit;

namespace MarrowBot.Staff.Improve;

/// <summary>
/// <c>staff regressions export [--file path]</c> (ADR 0029): appends the overlay's triage cases to the committed
/// regression file (data/triage-regressions.json of the repository above the bot, or <c>--file</c>), skipping ids
/// already there, so a developer can review and commit them; the test suite then runs them. The overlay keeps them
/// (the gate runs both; the same id is not counted twice in the file). Prints counts and ids, never the text.
/// </summary>
public static class RegressionExport
{
    public static async Task<int> RunAsync(OverlayEditor editor, IStaffAuditLog audit, TimeProvider time, string contentRoot, string? file, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var target = file is { Length: > 0 } ? Path.GetFullPath(file) : RepositoryFile(contentRoot);
        if (target is null)
        {
            await error.WriteLineAsync($"staff regressions export: no repository (MarrowBot.sln) above {contentRoot}; give the file with --file data/{TriageRegressions.FileName}.");
            return 2;
        }

        KnowledgeOverlay overlay;
        try
        {
            overlay = await editor.ReadAsync(cancellationToken);
        }
        catch (KnowledgeDataException ex)
        {
            await error.WriteLineAsync($"staff regressions export: the overlay could not be read: {ex.Message}");
            return 1;
        }

        var cases = overlay.TriageCases.Select(c => new RegressionCase(c.Id, c.Text, c.Tier, c.FromLabel is null ? $"added by {c.AddedBy} on {c.AddedAt:yyyy-MM-dd}" : $"{c.FromLabel}, added by {c.AddedBy} on {c.AddedAt:yyyy-MM-dd}")).ToList();
        var added = TriageRegressions.Append(target, cases);
        await output.WriteLineAsync($"Appended {added} of {cases.Count} overlay triage case(s) to {target}{(added < cases.Count ? " (the others were there already)" : string.Empty)}. Review and commit the file.");
        if (added > 0)
        {
            await audit.RecordAsync(new StaffAuditEntry(time.GetUtcNow(), StaffAuditActors.CommandLine, StaffAuditActions.ContentChanged, TriageRegressions.FileName, $"exported {added} triage case(s)"), cancellationToken);
        }

        return 0;
    }

    private static string? RepositoryFile(string contentRoot)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(contentRoot)); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MarrowBot.sln")))
            {
                return Path.Combine(folder.FullName, "data", TriageRegressions.FileName);
            }
        }

        return null;
    }
}
