using MarrowBot.SourceData;

// Derives data/derived/source-fingerprint.json from ../shared/source (run by scripts/derive-source-data.sh).
// Usage: SourceData <source folder> <output file>
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: SourceData <source folder with marrow-failure.txt and SECTIONS.md> <output json>");
    return 2;
}

var article = Path.Combine(args[0], "marrow-failure.txt");
var table = Path.Combine(args[0], "SECTIONS.md");
foreach (var file in new[] { article, table })
{
    if (!File.Exists(file))
    {
        Console.Error.WriteLine($"{file} not found.");
        return 1;
    }
}

var fingerprint = SourceFingerprint.Derive(File.ReadAllText(article), File.ReadAllText(table));
File.WriteAllText(args[1], fingerprint.ToJson());
Console.WriteLine($"{args[1]}: {fingerprint.Sections.Count} sections, {fingerprint.Shingles.Count} hashed {fingerprint.ShingleLength}-word runs, source sha256 {fingerprint.SourceSha256[..12]}");
return 0;
