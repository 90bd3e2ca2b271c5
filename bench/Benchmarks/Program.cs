using MarrowBot.Benchmarks;

// Usage: dotnet run -c Release --project bench/Benchmarks -- [all|training|startup|triage|turn|directline|transcript-parts|transcripts [in-turn]|transcripts-http [in-turn]|http-load [on|off]]
var which = args.FirstOrDefault() ?? "all";
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

if (which is "all" or "turn")
{
    results.Add(await TurnBenchmark.RunAsync());
}

if (which is "all" or "directline")
{
    results.Add(await DirectLineBenchmark.RunAsync());
}

if (which is "http-load")
{
    results.Add(await HttpTranscriptBenchmark.LoadAsync(transcripts: args.ElementAtOrDefault(1) != "off", TimeSpan.FromSeconds(int.Parse(args.ElementAtOrDefault(2) ?? "30", System.Globalization.CultureInfo.InvariantCulture))));
}

if (which is "all" or "transcripts-http")
{
    results.Add(await HttpTranscriptBenchmark.RunAsync(discard: args.Contains("in-turn")));
}

if (which is "all" or "transcript-parts")
{
    results.Add(await TranscriptPartsBenchmark.RunAsync());
}

if (which is "all" or "transcripts")
{
    results.Add(await TranscriptBenchmark.RunAsync(inTurnOnly: args.ElementAtOrDefault(1) == "in-turn"));
}

Console.WriteLine();
Console.WriteLine($"MarrowBot benchmarks on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
results.ForEach(Console.WriteLine);
