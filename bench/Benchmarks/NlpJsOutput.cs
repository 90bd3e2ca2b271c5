namespace MarrowBot.Benchmarks;

/// <summary>What bench/nlpjs/run.js prints.</summary>
public sealed record NlpJsOutput(string NodeNlp, IReadOnlyList<NlpJsCorpus> Corpora);

/// <summary>One corpus as NLP.js classified it.</summary>
public sealed record NlpJsCorpus(string Name, double TrainSeconds, IReadOnlyList<NlpJsResult> Results);

/// <summary>One test sentence: the expected intent and what NLP.js answered ("None" below its threshold).</summary>
public sealed record NlpJsResult(string Text, string Expected, string Predicted, double Score);
