using MarrowBot.Knowledge.Triage;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace MarrowBot.Knowledge.Tests.Triage;

public sealed class SafeTriageEngineTests
{
    [Fact]
    public void AFailingEngineYieldsTheUrgentFallbackInsteadOfThrowing()
    {
        var inner = new Mock<ITriageEngine>();
        inner.Setup(e => e.Assess(It.IsAny<string>(), It.IsAny<TriageContext?>())).Throws(new IndexOutOfRangeException("boom"));

        var result = new SafeTriageEngine(inner.Object, NullLogger<SafeTriageEngine>.Instance).Assess("anything");

        Assert.True(result.EngineFailed);
        Assert.Equal(TriageTier.Urgent, result.Tier);
    }

    [Fact]
    public void AWorkingEnginesResultPassesThrough()
    {
        var expected = new TriageResult(TriageTier.Emergency, ["chest-pain"], []);
        var inner = new Mock<ITriageEngine>();
        inner.Setup(e => e.Assess("chest pain", null)).Returns(expected);

        Assert.Same(expected, new SafeTriageEngine(inner.Object, NullLogger<SafeTriageEngine>.Instance).Assess("chest pain"));
    }
}
