namespace MarrowBot.Knowledge.Content;

/// <summary>
/// A content file is invalid. The message names the file, the entry and the fault, so that whoever edits the
/// content can fix it without reading code. It never contains patient text: only curated content is validated.
/// </summary>
public sealed class KnowledgeDataException(string file, string entry, string fault)
    : Exception($"{file}: entry '{entry}': {fault}")
{
    public string File { get; } = file;

    public string Entry { get; } = entry;

    public string Fault { get; } = fault;
}
