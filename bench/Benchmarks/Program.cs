using MarrowBot.Benchmarks;

// Usage: dotnet run -c Release --project bench/Benchmarks -- [all|training|startup|triage|triage-meaning|encoder|turn [words]|turn-profile|memory [turns]|directline|transcript-parts|transcripts [in-turn]|transcripts-http [in-turn] [rounds=41] [journal=FOLDER]|http-load [on|off]|capacity [turns per level] [store-down] [logs=Warning]|serve echo|marrowbot URL SQLITE [store-down]|drive URL TURNS CONVERSATIONS|nlu [corpora folder] [misses]|classifier-cv [corpora folder]|understanding-cv [all|bot|corpora] [candidate,...]|staff-inbox [postgres] [dashboard]]
var which = args.FirstOrDefault() ?? "all";
if (which == "serve")
{
    // The server side of "capacity", started by it as a child process.
    await CapacityBenchmark.ServeAsync(args);
    return;
}

if (which == "nlu")
{
    // Not part of "all": it needs the corpora beside the checkout, and Node.js for the NLP.js side.
    var folder = args.Skip(1).FirstOrDefault(a => a != "misses") is { } given ? Path.GetFullPath(given) : NluBenchmark.DefaultFolder;
    if (!Directory.Exists(folder))
    {
        await Console.Error.WriteLineAsync($"nlu: no corpora folder at {folder}; pass one (nlu FOLDER) or lay ../shared/benchmarks/nlu-evaluation-corpora beside the checkout");
        Environment.ExitCode = 2;
        return;
    }

    Console.WriteLine(NluBenchmark.Run(folder, listMisses: args.Contains("misses")));
    Console.WriteLine($"MarrowBot nlu benchmark on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    return;
}

if (which == "classifier-cv")
{
    // How IntentModelTrainer.MeaningScale was chosen: cross-validation on training sentences only (ADR 0021).
    Console.WriteLine(ClassifierCrossValidation.Run(args.ElementAtOrDefault(1) is { } corpora ? Path.GetFullPath(corpora) : NluBenchmark.DefaultFolder));
    return;
}

if (which == "understanding-cv")
{
    // The classifier's and the pooling's candidates compared by cross-validation on training sentences only (ADR 0024).
    var set = args.ElementAtOrDefault(1) ?? "all";
    var only = args.Skip(2).SelectMany(a => a.Split(',')).ToList();
    Console.WriteLine(UnderstandingCrossValidation.Run(NluBenchmark.DefaultFolder, set, only));
    return;
}

var results = new List<string>();
if (which is "all" or "training")
{
    results.Add(KnowledgeBenchmarks.Training());
}

if (which is "all" or "startup")
{
    results.Add(await StartupBenchmark.RunAsync());
}

if (which is "all" or "triage")
{
    results.Add(TriageBenchmark.Run());
}

if (which is "all" or "triage" or "triage-meaning")
{
    results.Add(TriageBenchmark.RunWithMeaning());
}

if (which is "encoder")
{
    // Not part of "all": the encoder's session options and batch shapes side by side (issue 10).
    results.Add(EncoderBenchmark.Run());
}

if (which is "all" or "turn")
{
    results.Add(await TurnBenchmark.RunAsync(embeddings: args.ElementAtOrDefault(1) != "words"));
}

if (which is "turn-profile")
{
    // Not part of "all": where a turn's time goes, by kind of message (issue 10).
    results.Add(await TurnProfile.RunAsync());
}

if (which is "all" or "directline")
{
    results.Add(await DirectLineBenchmark.RunAsync());
}

if (which is "memory")
{
    // Not part of "all": 11,000 turns with the model on take a few minutes.
    results.Add(await MemoryBenchmark.RunAsync(int.Parse(args.ElementAtOrDefault(1) ?? "10000", System.Globalization.CultureInfo.InvariantCulture)));
}

if (which is "http-load")
{
    results.Add(await HttpTranscriptBenchmark.LoadAsync(transcripts: args.ElementAtOrDefault(1) != "off", TimeSpan.FromSeconds(int.Parse(args.ElementAtOrDefault(2) ?? "30", System.Globalization.CultureInfo.InvariantCulture))));
}

if (which is "drive")
{
    results.Add(await CapacityBenchmark.DriveAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)));
}

if (which is "capacity")
{
    CapacityBenchmark.LogLevel = args.FirstOrDefault(a => a.StartsWith("logs=", StringComparison.Ordinal))?[5..];
    results.Add(await CapacityBenchmark.RunAsync(int.Parse(args.ElementAtOrDefault(1) ?? "5000", System.Globalization.CultureInfo.InvariantCulture), withStoreDown: args.Contains("store-down")));
}

if (which is "all" or "transcripts-http")
{
    var rounds = args.FirstOrDefault(a => a.StartsWith("rounds=", StringComparison.Ordinal))?[7..];
    var journal = args.FirstOrDefault(a => a.StartsWith("journal=", StringComparison.Ordinal))?[8..];
    results.Add(await HttpTranscriptBenchmark.RunAsync(discard: args.Contains("in-turn"), rounds: rounds is null ? 41 : int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture), journalFolder: journal));
}

if (which is "all" or "transcript-parts")
{
    results.Add(await TranscriptPartsBenchmark.RunAsync());
}

if (which is "staff-inbox")
{
    // Not part of "all": it seeds 100,000 conversations (and again in PostgreSQL when MARROWBOT_TEST_POSTGRES is set; issue 11).
    StaffInboxBenchmark.OnlyDashboard = args.Contains("dashboard");
    results.Add(await StaffInboxBenchmark.RunAsync(postgresOnly: args.Contains("postgres")));
}

if (which is "all" or "transcripts")
{
    results.Add(await TranscriptBenchmark.RunAsync(inTurnOnly: args.ElementAtOrDefault(1) == "in-turn"));
}

Console.WriteLine();
Console.WriteLine($"MarrowBot benchmarks on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
results.ForEach(Console.WriteLine);
