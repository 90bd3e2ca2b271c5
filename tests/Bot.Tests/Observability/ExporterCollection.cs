namespace MarrowBot.Bot.Tests.Observability;

/// <summary>
/// Tests of the OpenTelemetry exporters run alone: the SDK listens to every meter named "MarrowBot" in the process,
/// so another test's host running turns at the same time would show in this host's export.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExporterCollection
{
    public const string Name = "OpenTelemetry exporters";
}
