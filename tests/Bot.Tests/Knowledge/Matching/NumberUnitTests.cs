using ChatSupport.Bot.Knowledge.Matching;
using ChatSupport.Bot.Knowledge.Normalization;

namespace ChatSupport.Bot.Tests.Knowledge.Matching;

/// <summary>A number with its unit typed on (24mm) has the features of an FAQ's "24 mm": the number and the unit.</summary>
public class NumberUnitTests
{
    [Fact]
    public void ANumberTypedWithItsUnitIsTheNumberAndTheUnit()
    {
        var glued = TextFeatures.Extract("喇叭罩24mm太大", new SynonymTable([]), null, out _);
        var spaced = TextFeatures.Extract("喇叭罩 24 mm", new SynonymTable([]), null, out _);
        Assert.Contains("N24", glued.Keys);
        Assert.Contains("Lmm", glued.Keys);
        Assert.Contains("N24", spaced.Keys);
        Assert.Contains("Lmm", spaced.Keys);
    }

    [Fact]
    public void AModelNameStaysOneWord()
    {
        var features = TextFeatures.Extract("x5 电池多久换", new SynonymTable([]), null, out _);
        Assert.Contains("Lx5", features.Keys);
    }
}
