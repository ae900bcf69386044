using ChatSupport.Bot.DirectLine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatSupport.Bot.Tests.DirectLine;

/// <summary>
/// A token's signature is checked once and then remembered (every post and stream of a conversation carries the same
/// token): what is remembered must never make a token good for longer, nor let a forged one through.
/// </summary>
public sealed class DirectLineTokenCheckTests
{
    private static DirectLineTokenService Service(TimeProvider clock, string signingKey = "signing-key-1") =>
        new(Options.Create(new DirectLineOptions { Secret = "the-channel-secret", TokenSigningKey = signingKey }), clock,
            NullLogger<DirectLineTokenService>.Instance);

    [Fact]
    public void ARememberedTokenStillExpiresOnTimeAndAForgedOneIsStillRefused()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = Service(clock);
        var issued = tokens.IssueForNew("conv-1", "shopper-1", "李雷");

        Assert.Equal(TokenCheck.Valid, tokens.Check(issued.Token, out var first));
        Assert.Equal(TokenCheck.Valid, tokens.Check(issued.Token, out var again));
        Assert.Equal(first, again);
        Assert.Equal(("conv-1", "shopper-1", "李雷"), (again!.ConversationId, again.UserId, again.UserName));

        // Another conversation's claims under this token's signature, and a token signed with another key.
        var parts = issued.Token.Split('.');
        var other = tokens.IssueForNew("conv-2", "shopper-2").Token.Split('.');
        Assert.Equal(TokenCheck.Invalid, tokens.Check($"{parts[0]}.{other[1]}.{parts[2]}", out _));
        Assert.Equal(TokenCheck.Invalid, tokens.Check(Service(clock, "another-key").IssueForNew("conv-1", "shopper-1").Token, out _));
        Assert.Equal(TokenCheck.Invalid, tokens.Check(issued.Token + "x", out _));

        clock.Advance(TimeSpan.FromSeconds(tokens.LifetimeSeconds - 1));
        Assert.Equal(TokenCheck.Valid, tokens.Check(issued.Token, out _));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TokenCheck.Expired, tokens.Check(issued.Token, out _));
    }

    [Fact]
    public void OnlyTheSecretItselfIsTheSecret()
    {
        var tokens = Service(TimeProvider.System);
        Assert.True(tokens.IsSecret("the-channel-secret"));
        Assert.False(tokens.IsSecret("the-channel-secreT"));
        Assert.False(tokens.IsSecret("the-channel-secre"));
        Assert.False(tokens.IsSecret(tokens.IssueForNew("conv-1", "shopper-1").Token));
        Assert.False(tokens.IsSecret(""));
    }

    [Fact]
    public void WhenTheMemoryIsFullTheExpiredTokensGoFirstAndItNeverGrowsPastItsBound()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = Service(clock);
        var old = Enumerable.Range(0, DirectLineTokenService.MaxRememberedTokens - 1)
            .Select(i => tokens.IssueForNew($"conv-{i}", "shopper").Token).ToList();
        clock.Advance(TimeSpan.FromSeconds(tokens.LifetimeSeconds / 2));
        var live = tokens.IssueForNew("conv-live", "shopper").Token;
        foreach (var token in old) Assert.Equal(TokenCheck.Valid, tokens.Check(token, out _));
        Assert.Equal(TokenCheck.Valid, tokens.Check(live, out _));
        Assert.Equal(DirectLineTokenService.MaxRememberedTokens, tokens.RememberedCount);

        // The old tokens expire; the live one does not yet. The next new token makes room by dropping the expired ones only.
        clock.Advance(TimeSpan.FromSeconds(tokens.LifetimeSeconds / 2 + 1));
        var next = tokens.IssueForNew("conv-next", "shopper").Token;
        Assert.Equal(TokenCheck.Valid, tokens.Check(next, out _));
        Assert.Equal(2, tokens.RememberedCount);
        Assert.Equal(TokenCheck.Valid, tokens.Check(live, out _));
        Assert.Equal(TokenCheck.Expired, tokens.Check(old[0], out _));

        // All live and full: it starts over rather than growing.
        var many = Enumerable.Range(0, DirectLineTokenService.MaxRememberedTokens + 10)
            .Select(i => tokens.IssueForNew($"conv-many-{i}", "shopper").Token).ToList();
        foreach (var token in many) Assert.Equal(TokenCheck.Valid, tokens.Check(token, out _));
        Assert.InRange(tokens.RememberedCount, 1, DirectLineTokenService.MaxRememberedTokens);
    }
}
