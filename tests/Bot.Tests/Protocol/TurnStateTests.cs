using System.Text.Json.Nodes;
using ChatSupport.Bot.Protocol;

namespace ChatSupport.Bot.Tests.Protocol;

public sealed class TurnStateTests
{
    [Fact]
    public void SettingTheValueAlreadyThereIsNotAChangeSoNothingIsSaved()
    {
        var state = new TurnState("k", new JsonObject { ["greeted"] = true, ["fallbacks"] = 0, ["topics"] = new JsonArray("a", "b") }, "etag-1");

        state.Set("greeted", true);
        state.Set("fallbacks", 0);
        state.Set("topics", new[] { "a", "b" });
        Assert.False(state.Changed);

        state.Set("fallbacks", 1);
        Assert.True(state.Changed);
        Assert.Equal(1, state.Get<int>("fallbacks"));
    }

    [Fact]
    public void ANewKeyIsAChange()
    {
        var state = new TurnState("k", new JsonObject(), null);
        state.Set("greeted", false);
        Assert.True(state.Changed);
    }
}
