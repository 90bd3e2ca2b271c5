namespace MarrowBot.Knowledge.Improvement;

/// <summary>One retrain with its gate and swap (<see cref="KnowledgeRetrainer"/>); blocking, on the caller's thread.</summary>
public interface IKnowledgeRetrainer
{
    RetrainOutcome Run();
}
