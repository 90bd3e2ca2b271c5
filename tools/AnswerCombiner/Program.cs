using MarrowBot.AnswerCombinerTool;

// Trains data/answer-combiner.json (ADR 0022) on the DEVELOPMENT questions of the blind sets only; the test split
// is never read. Run by scripts/train-answer-combiner.sh whenever content, the classifier or the encoder changes.
// Usage: AnswerCombiner <data folder> <model cache folder> <blind set>...
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: AnswerCombiner <data folder> <model cache folder> <blind question set json>...");
    return 2;
}

Console.WriteLine(CombinerTraining.Run(args[0], args[1], args[2..]));
return 0;
